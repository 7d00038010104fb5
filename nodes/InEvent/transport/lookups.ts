import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { emailKey, sameEmail } from '../helpers/email';
import type { InEventContext, InEventEnvelope } from './envelope';
import { isNotFound } from './errors';
import { inEventApiRequest } from './request';

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
		const found = await unlessNotFound.call(this, 'event.person.get', { eventID: eventId, email: spelling }, itemIndex);
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
		(await unlessNotFound.call(this, 'event.person.get', { eventID: eventId, personID: personId }, itemIndex)) !==
		undefined
	);
}

/** The company's event with this nickname (its URL path, unique in a company), if InEvent has one. */
export async function findEventByNickname(
	this: InEventContext,
	companyId: string,
	nickname: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'company.event.find', {
		qs: { companyID: companyId, selection: 'all', query: nickname, limit: 100 },
		itemIndex,
	});
	const match = data.find((event) => String(event.nickname ?? '').toLowerCase() === nickname.toLowerCase());
	return match ? { count: 1, data: [match] } : undefined;
}

/** The answer of a read, or undefined when InEvent says the record is not there. */
async function unlessNotFound(
	this: InEventContext,
	action: string,
	qs: Record<string, string>,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	try {
		return await inEventApiRequest.call(this, action, { qs, itemIndex });
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

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
	return (await unlessNotFound.call(this, 'activity.get', { activityID: sessionId }, itemIndex)) !== undefined;
}

/** The attendee's enrollment in the session, if any (exactly-once enroll and un-enroll). */
export async function findEnrollment(
	this: InEventContext,
	sessionId: string,
	personId: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	return await unlessNotFound.call(
		this,
		'activity.person.get',
		{ activityID: sessionId, personID: personId },
		itemIndex,
	);
}

/** The company's custom domain with this name, if InEvent has it (exactly-once adds, look-up by name). */
export async function findCustomDomain(
	this: InEventContext,
	companyId: string,
	domain: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'ssl.find', { qs: { companyID: companyId, domain }, itemIndex });
	const match = data.find((record) => String(record.domain ?? '').toLowerCase() === domain.toLowerCase());
	return match ? { count: 1, data: [match] } : undefined;
}

/** A scan already logged for this badge, place, direction and second (exactly-once check-ins). */
export async function findScan(
	this: InEventContext,
	scan: { eventId: string; code: string; date: string; sessionId?: string; direction: 'in' | 'out' },
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'checklog.find', {
		qs: {
			eventID: scan.eventId,
			selection: scan.direction,
			key: 'code',
			query: scan.code,
			sort: 'date',
			sortDirection: 'desc',
			limit: 100,
		},
		itemIndex,
	});
	const match = data.find(
		(row) =>
			String(row.date) === scan.date &&
			String(row.activityID ?? '0') === (scan.sessionId ?? '0') &&
			String(row.type) === scan.direction,
	);
	return match ? { count: 1, data: [match] } : undefined;
}
