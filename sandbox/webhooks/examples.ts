import type { PlainObject } from '../server/envelope';
import { newEvent, newMembership, newPerson, type WebhookRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { activityView, checklogView, enrollmentView, eventView, fullAttendeeView } from '../store/views';
import type { WebhookChange } from './change';

/** The kind of record each type reports (README "Webhooks"); any other type reports the event. */
const RECORD_OF_TYPE: Readonly<Record<string, 'attendee' | 'enrollment' | 'scan' | 'activity'>> = {
	eventEnrollment: 'attendee',
	eventEnrollmentUpdate: 'attendee',
	eventDismissal: 'attendee',
	speakerCreated: 'attendee',
	speakerEdited: 'attendee',
	speakerRemoved: 'attendee',
	activityEnrollment: 'enrollment',
	activityDismissal: 'enrollment',
	eventCheckIn: 'scan',
	eventCheckOut: 'scan',
	activityCheckIn: 'scan',
	activityCheckOut: 'scan',
	activityCreated: 'activity',
	activityEdited: 'activity',
	activityRemoved: 'activity',
};

/** Example IDs of records that are not real (the event is the hook's own when it has one). */
const EXAMPLE_ID = '1';

/**
 * An example change of the hook's type, for `webhook.requestExample` (inferred): made-up records (IDs 1,
 * "Example …" names) in the hook's event (a company hook: an example event 1 of the company), shaped exactly
 * as a real delivery's row, dated now. Speaker types, which the sandbox never fires, show a speaker's
 * attendee row; `eventEnd` and unknown types the event row.
 */
export function exampleChange(store: SandboxStore, hook: WebhookRecord, now: number): WebhookChange {
	const real = hook.level === 'event' ? store.events.get(hook.targetID) : undefined;
	const companyID = real?.companyID ?? hook.targetID;
	const event =
		real ??
		newEvent({ eventID: EXAMPLE_ID, companyID, name: 'Example Event', nickname: 'example-event', creatorID: '', now });
	const eventID = event.eventID;
	const person = newPerson({
		personID: EXAMPLE_ID,
		name: 'Example Attendee',
		username: 'attendee@example.com',
		email: 'attendee@example.com',
		now,
	});
	const membership = newMembership(eventID, person.personID, 1, now);
	const activity = {
		activityID: EXAMPLE_ID,
		eventID,
		name: 'Example Session',
		description: '',
		location: 'Room 1',
		dateBegin: now,
		dateEnd: now + 3600,
		capacity: 0,
		dateCreated: now,
		dateUpdated: now,
	};
	const kind = RECORD_OF_TYPE[hook.type];
	let data: PlainObject;
	if (kind === 'attendee') {
		if (hook.type.startsWith('speaker')) membership.speaker = 1;
		data = fullAttendeeView(person, membership, real ? store.feedbacksOf(eventID) : []);
	} else if (kind === 'enrollment') {
		data = enrollmentView(
			activity,
			{ activityID: EXAMPLE_ID, personID: person.personID, present: 0, dateCreated: now },
			person,
		);
	} else if (kind === 'scan') {
		const atSession = hook.type.startsWith('activity');
		const row = {
			checklogID: EXAMPLE_ID,
			eventID,
			activityID: atSession ? EXAMPLE_ID : '0',
			personID: person.personID,
			code: membership.qrCode,
			type: hook.type.endsWith('In') ? ('in' as const) : ('out' as const),
			date: now,
			dateCreated: now,
		};
		data = checklogView(row, person);
	} else if (kind === 'activity') {
		data = activityView(activity, 0);
	} else {
		data = eventView(event);
	}
	return { type: hook.type, eventID, companyID, data, date: now };
}
