import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isNotFound, readUnlessAbsent } from '../../InEvent/helpers/notFound';
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

const FIELD_OF = { eventId: 'eventID', personId: 'personID', sessionId: 'activityID' } as const;

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

/**
 * One record InEvent has, or undefined where it has none: its "not found" answer, or any 400 to a read
 * whose IDs are well-formed numbers (InEvent documents bodiless failures, §5.2, so the wording may be
 * missing). Anything else (5xx, no answer) is thrown.
 */
async function readOne(
	this: IWebhookFunctions,
	action: string,
	qs: Record<string, string>,
): Promise<IDataObject | undefined> {
	const found = await readUnlessAbsent.call(
		this,
		action,
		qs,
		undefined,
		(error) => isNotFound(error) || (error as { httpCode?: string | null }).httpCode === '400',
	);
	return found?.data[0];
}

async function attendeeId(this: IWebhookFunctions, eventId: string, named: Named): Promise<string | undefined> {
	const by: Record<string, string> =
		named.personId !== undefined ? { personID: named.personId } : { email: named.email ?? '' };
	const found = await readOne.call(this, 'event.person.get', { eventID: eventId, ...by });
	const id = found?.personID ?? (found && named.personId);
	return id === undefined || id === null ? undefined : String(id);
}

/** The session, if InEvent has it in this event (a row without `eventID` is taken as the event's). */
async function sessionOf(
	this: IWebhookFunctions,
	eventId: string,
	sessionId: string,
): Promise<IDataObject | undefined> {
	const session = await readOne.call(this, 'activity.get', { activityID: sessionId });
	if (!session) return undefined;
	return session.eventID === undefined || String(session.eventID) === eventId ? session : undefined;
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

	const notNumber = (['eventId', 'personId', 'sessionId'] as const).find(
		(key) => named[key] !== undefined && !/^\d+$/.test(named[key]!),
	);
	if (notNumber) return refused(`its ${FIELD_OF[notNumber]} is not an InEvent ID`);

	const needPerson = () =>
		named.personId === undefined && named.email === undefined
			? 'it names no person (field "personID" or "email")'
			: undefined;
	const needSession = () => (named.sessionId === undefined ? 'it names no session (field "activityID")' : undefined);

	switch (check) {
		case 'event':
			return (await readOne.call(this, 'event.get', { eventID: eventId }))
				? confirmed
				: refused(`InEvent has no event ${eventId}`);
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
			const sessionId = named.sessionId!;
			if (check === 'session') {
				return (await sessionOf.call(this, eventId, sessionId))
					? confirmed
					: refused(`InEvent has no session ${sessionId} in event ${eventId}`);
			}
			return (await readOne.call(this, 'activity.get', { activityID: sessionId }))
				? refused(`session ${sessionId} still exists`)
				: confirmed;
		}
		case 'sessionEnrollment':
		case 'formerSessionEnrollment': {
			const missing = needSession() ?? needPerson();
			if (missing) return refused(missing);
			const sessionId = named.sessionId!;
			if (!(await sessionOf.call(this, eventId, sessionId))) {
				return refused(`InEvent has no session ${sessionId} in event ${eventId}`);
			}
			const personId = named.personId ?? (await attendeeId.call(this, eventId, named));
			const enrolled =
				personId !== undefined &&
				(await readOne.call(this, 'activity.person.get', { activityID: sessionId, personID: personId })) !== undefined;
			if (enrolled === (check === 'sessionEnrollment')) return confirmed;
			return refused(
				enrolled
					? `the person it names is still enrolled in session ${sessionId}`
					: `the person it names is not enrolled in session ${sessionId}`,
			);
		}
	}
}
