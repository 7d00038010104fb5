/**
 * InEvent's webhook types (inevent-api.md §13.5). Only `activityEnrollment` is documented; the others
 * are camelCase readings of the help centre's display names (inferred).
 */

/** What Confirm With InEvent reads back for a delivery of this type (see confirm.ts). */
export type ConfirmCheck =
	/** The person named is an attendee of the event. */
	| 'attendee'
	/** The person named is no longer an attendee of the event. */
	| 'formerAttendee'
	/** The person named is enrolled in the session named. */
	| 'sessionEnrollment'
	/** The person named is not enrolled in the session named. */
	| 'formerSessionEnrollment'
	/** The session named exists. */
	| 'session'
	/** The session named no longer exists. */
	| 'formerSession'
	/** The event named exists. */
	| 'event'
	/** Nothing the node can read back (speakers, the end of an event). */
	| 'none';

export interface HookType {
	/** The `type` string sent to `webhook.create`. */
	value: string;
	/** The help centre's name for it. */
	name: string;
	documented: boolean;
	/** Registered on a company rather than an event. */
	companyLevel: boolean;
	confirm: ConfirmCheck;
}

const hookType = (
	value: string,
	name: string,
	confirm: ConfirmCheck,
	more: Partial<Pick<HookType, 'documented' | 'companyLevel'>> = {},
): HookType => ({ value, name, confirm, documented: false, companyLevel: false, ...more });

export const HOOK_TYPES: readonly HookType[] = [
	hookType('eventCreated', 'Event Created', 'event', { companyLevel: true }),
	hookType('eventEdited', 'Event Edited', 'event'),
	hookType('eventEnrollment', 'Event Enrollment', 'attendee'),
	hookType('eventEnrollmentUpdate', 'Event Enrollment Update', 'attendee'),
	hookType('eventDismissal', 'Event Dismissal', 'formerAttendee'),
	hookType('activityEnrollment', 'Activity Enrollment', 'sessionEnrollment', { documented: true }),
	hookType('activityDismissal', 'Activity Dismissal', 'formerSessionEnrollment'),
	hookType('eventCheckIn', 'Person Checks In to the Event', 'attendee'),
	hookType('eventCheckOut', 'Person Checks Out of the Event', 'attendee'),
	// A session's door scans walk-ins too (not enrolled): the person must be the event's attendee.
	hookType('activityCheckIn', 'Person Checks In to an Activity', 'attendee'),
	hookType('activityCheckOut', 'Person Checks Out of an Activity', 'attendee'),
	hookType('activityCreated', 'Activity Created', 'session'),
	hookType('activityEdited', 'Activity Edited', 'session'),
	hookType('activityRemoved', 'Activity Removed', 'formerSession'),
	hookType('speakerCreated', 'Speaker Created', 'none'),
	hookType('speakerEdited', 'Speaker Edited', 'none'),
	hookType('speakerRemoved', 'Speaker Removed', 'none'),
	hookType('eventEnd', 'End of Event', 'none'),
];

export function hookTypeOf(value: string): HookType | undefined {
	return HOOK_TYPES.find((type) => type.value === value);
}
