import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';

import {
	findAttendeeByEmail,
	findEnrollment,
	inEventApiRequest,
	isNotFound,
	isStillAttending,
	sessionExists,
} from '../../InEvent/transport';
import { hookTypeOf } from './hookTypes';
import type { InstantSettings } from './settings';

/**
 * The fields Confirm With InEvent reads from a payload, at its top level or in its `data` object
 * (inferred: InEvent does not publish its payloads).
 */
interface Named {
	type?: string;
	eventId?: string;
	personId?: string;
	email?: string;
	sessionId?: string;
}

export type Verdict = { confirmed: true } | { confirmed: false; reason: string };

const confirmed: Verdict = { confirmed: true };
const refused = (reason: string): Verdict => ({ confirmed: false, reason });

function scalar(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function namedIn(body: IDataObject): Named {
	const data = body.data !== null && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : {};
	const field = (name: string) => scalar(body[name]) ?? scalar((data as IDataObject)[name]);
	return {
		type: field('type'),
		eventId: field('eventID'),
		personId: field('personID'),
		email: field('email'),
		sessionId: field('activityID'),
	};
}

/** The type this delivery is for: the one it names, or the trigger's only one. */
function deliveryType(named: Named, types: string[]): string | Verdict {
	if (named.type !== undefined) {
		return types.includes(named.type)
			? named.type
			: refused(`it names type "${named.type}", not one this trigger registered`);
	}
	if (types.length === 1) return types[0];
	return refused('it does not name its type (field "type") and this trigger registered several');
}

async function attendeeId(this: IWebhookFunctions, eventId: string, named: Named): Promise<string | undefined> {
	if (named.personId !== undefined)
		return (await isStillAttending.call(this, eventId, named.personId)) ? named.personId : undefined;
	if (named.email === undefined) return undefined;
	const found = await findAttendeeByEmail.call(this, eventId, named.email);
	const id = found?.data[0]?.personID;
	return id === undefined ? undefined : String(id);
}

async function eventExists(this: IWebhookFunctions, eventId: string): Promise<boolean> {
	try {
		await inEventApiRequest.call(this, 'event.get', { qs: { eventID: eventId } });
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * Reads back, through the account's pace, the record the delivery names, and says whether InEvent
 * has it as the delivery's type says (an enrollment exists, a dismissed attendee is gone…). A
 * failure to reach InEvent is thrown (n8n answers 500, so InEvent may send it again), never read as
 * a refusal.
 */
export async function confirmDelivery(
	this: IWebhookFunctions,
	body: IDataObject,
	settings: InstantSettings,
): Promise<Verdict> {
	const named = namedIn(body);
	const type = deliveryType(named, settings.types);
	if (typeof type !== 'string') return type;
	const check = hookTypeOf(type)?.confirm ?? 'none';
	if (check === 'none') return refused(`the node has no record to read back for type "${type}"`);

	const { target } = settings;
	if (target.level === 'event' && named.eventId !== undefined && named.eventId !== target.id) {
		return refused(`it names event ${named.eventId}, and this trigger watches event ${target.id}`);
	}
	const eventId = target.level === 'event' ? target.id : named.eventId;
	if (eventId === undefined) return refused('it names no event (field "eventID")');

	const needPerson = () =>
		named.personId === undefined && named.email === undefined
			? 'it names no person (field "personID" or "email")'
			: undefined;
	const needSession = () => (named.sessionId === undefined ? 'it names no session (field "activityID")' : undefined);

	switch (check) {
		case 'event':
			return (await eventExists.call(this, eventId)) ? confirmed : refused(`InEvent has no event ${eventId}`);
		case 'attendee':
		case 'formerAttendee': {
			const missing = needPerson();
			if (missing) return refused(missing);
			const attending = (await attendeeId.call(this, eventId, named)) !== undefined;
			if (attending === (check === 'attendee')) return confirmed;
			return refused(
				attending
					? `the person it names is still an attendee of event ${eventId}`
					: `the person it names is not an attendee of event ${eventId}`,
			);
		}
		case 'session':
		case 'formerSession': {
			const missing = needSession();
			if (missing) return refused(missing);
			const exists = await sessionExists.call(this, named.sessionId!);
			if (exists === (check === 'session')) return confirmed;
			return refused(exists ? `session ${named.sessionId} still exists` : `InEvent has no session ${named.sessionId}`);
		}
		case 'sessionEnrollment':
		case 'formerSessionEnrollment': {
			const missing = needSession() ?? needPerson();
			if (missing) return refused(missing);
			const personId = named.personId ?? (await attendeeId.call(this, eventId, named));
			const enrolled =
				personId !== undefined && (await findEnrollment.call(this, named.sessionId!, personId)) !== undefined;
			if (enrolled === (check === 'sessionEnrollment')) return confirmed;
			return refused(
				enrolled
					? `the person it names is still enrolled in session ${named.sessionId}`
					: `the person it names is not enrolled in session ${named.sessionId}`,
			);
		}
	}
}
