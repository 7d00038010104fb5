import { readUnlessAbsent } from '../../helpers/notFound';
import { inEventApiRequest } from '../../transport';
import type { InEventContext, InEventEnvelope } from '../../transport';

/** The event's session with this name starting at this second, if InEvent has one (exactly-once creates). */
export async function findSessionByNameAndStart(
	this: InEventContext,
	eventId: string,
	name: string,
	dateBegin: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'activity.find', {
		qs: { eventID: eventId, selection: 'all', dateBegin, dateEnd: dateBegin, limit: 100 },
		itemIndex,
	});
	const match = data.find((session) => String(session.name ?? '') === name);
	return match ? { count: 1, data: [match] } : undefined;
}

/** Whether the session still exists (exactly-once deletes). */
export async function sessionExists(this: InEventContext, sessionId: string, itemIndex?: number): Promise<boolean> {
	return (await readUnlessAbsent.call(this, 'activity.get', { activityID: sessionId }, itemIndex)) !== undefined;
}

/** The attendee's enrollment in the session, if any (exactly-once enroll and un-enroll). */
export async function findEnrollment(
	this: InEventContext,
	sessionId: string,
	personId: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	return await readUnlessAbsent.call(
		this,
		'activity.person.get',
		{ activityID: sessionId, personID: personId },
		itemIndex,
	);
}
