import { emailKey, sameEmail } from '../../helpers/email';
import { readUnlessAbsent } from '../../helpers/notFound';
import type { InEventContext, InEventEnvelope } from '../../transport';

/**
 * The attendee with this email in the event, if InEvent has one (Get by email, Create or Update, and
 * the exactly-once recovery of registrations). Emails are matched trimmed and without regard to case
 * by the node: the lower-case form is asked for first (how most addresses are stored), then the form
 * given when it differs, and an answer whose email is another address is not taken. With an InEvent
 * that compares case exactly, an attendee stored in mixed case is found only by its own spelling or
 * lower case; reading the event's attendees (Create or Update with many contacts) finds any case.
 */
export async function findAttendeeByEmail(
	this: InEventContext,
	eventId: string,
	email: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const given = email.trim();
	const spellings = [...new Set([emailKey(given), given])];
	for (const spelling of spellings) {
		const found = await readUnlessAbsent.call(this, 'event.person.get', { eventID: eventId, email: spelling }, itemIndex);
		const attendee = found?.data[0];
		if (attendee && (attendee.email === undefined || sameEmail(attendee.email, given))) return found;
	}
	return undefined;
}

/** Whether the person is still in the event (used to make removals exactly-once). */
export async function isStillAttending(
	this: InEventContext,
	eventId: string,
	personId: string,
	itemIndex?: number,
): Promise<boolean> {
	return (
		(await readUnlessAbsent.call(this, 'event.person.get', { eventID: eventId, personID: personId }, itemIndex)) !==
		undefined
	);
}
