import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import type { InEventContext, InEventEnvelope } from './envelope';
import { isNotFound } from './errors';
import { inEventApiRequest } from './request';

/** The attendee with this email in the event, if InEvent has one (used to make creates exactly-once). */
export async function findAttendeeByEmail(
	this: InEventContext,
	eventId: string,
	email: string,
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	try {
		return await inEventApiRequest.call(this, 'event.person.get', { qs: { eventID: eventId, email }, itemIndex });
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/** Whether the person is still in the event (used to make removals exactly-once). */
export async function isStillAttending(
	this: InEventContext,
	eventId: string,
	personId: string,
	itemIndex?: number,
): Promise<boolean> {
	try {
		await inEventApiRequest.call(this, 'event.person.get', { qs: { eventID: eventId, personID: personId }, itemIndex });
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
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
