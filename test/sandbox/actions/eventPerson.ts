import {
	findEvent,
	insufficientPermissionMessage,
	requireEventAdmin,
	resolveEventAccess,
	type EventAccess,
} from '../access';
import { requireCaller, type Caller } from '../auth';
import type { ActionContext, ActionTable } from '../context';
import { badRequest, emptyAttribute, missingParameter, notAcceptable, unauthorized } from '../errors';
import { assertEmail, isValidEmail, optionalFlag, optionalParam, requireBody, requireId } from '../params';
import { LEVEL, newMembership, newPerson, type MembershipRecord, type PersonRecord } from '../records';
import { attendeeView } from '../views';
import { findAttendeeEditor, parseLevel, type AttendeeDraft } from './attendeeKeys';
import { findAttendees } from './eventPersonFind';

interface EventCall {
	caller: Caller;
	access: EventAccess;
}

function openEvent(ctx: ActionContext): EventCall {
	const caller = requireCaller(ctx);
	const event = findEvent(ctx.store, requireId(ctx.request.query, 'eventID'));
	return { caller, access: resolveEventAccess(ctx.store, caller, event) };
}

interface Attendee {
	person: PersonRecord;
	membership: MembershipRecord;
}

/**
 * The person named by `personID` (or `email` / `qrCode` where allowed), or the caller when none is given.
 * Inferred: `personID` wins over `email`, which wins over `qrCode`; a badge code matches exactly.
 */
function targetAttendee(ctx: ActionContext, call: EventCall, options: { byEmail: boolean }): Attendee {
	const { query } = ctx.request;
	const eventID = call.access.event.eventID;
	let person: PersonRecord | undefined;
	let lookedUpBy = 'personID';
	if (optionalParam(query, 'personID') !== undefined) {
		person = ctx.store.persons.get(requireId(query, 'personID'));
	} else if (options.byEmail && optionalParam(query, 'email') !== undefined) {
		lookedUpBy = 'email';
		person = ctx.store.findPersonByEmail(query.email.trim());
	} else if (options.byEmail && optionalParam(query, 'qrCode') !== undefined) {
		lookedUpBy = 'qrCode';
		const membership = ctx.store.findMembershipByCode(eventID, query.qrCode.trim());
		person = membership && ctx.store.persons.get(membership.personID);
	} else {
		person = call.caller.person;
	}
	const membership = person && ctx.store.getMembership(eventID, person.personID);
	// No 404 is documented; InEvent historically answers 400 "Couldn't find the <attribute>" (§5.2).
	if (!person || !membership) throw badRequest(`Couldn't find the ${lookedUpBy}`);
	return { person, membership };
}

function requireSelfOrAdmin(call: EventCall, target: Attendee): void {
	if (target.person.personID !== call.caller.person.personID && !call.access.isAdmin) {
		throw unauthorized(insufficientPermissionMessage(call.access.event.eventID));
	}
}

/** Key→value pairs from `key` + `value`, or from `content` (multi-field mode, §10.2). */
function readChanges(ctx: ActionContext): Array<[string, string]> {
	const { query, body } = ctx.request;
	const key = optionalParam(query, 'key');
	if (key !== undefined) {
		if (body.value === undefined) throw missingParameter('value');
		return [[key, body.value]];
	}
	if (body.content === undefined || body.content.trim() === '') throw missingParameter('key');
	// Inferred format: `content` is a JSON object of key → value (only the parameter name is known).
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.content);
	} catch {
		throw badRequest('content must be a JSON object of key/value pairs');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw badRequest('content must be a JSON object of key/value pairs');
	}
	const entries = Object.entries(parsed as Record<string, unknown>);
	if (entries.length === 0) throw emptyAttribute('content');
	return entries.map(([name, value]): [string, string] => {
		if (typeof value === 'string') return [name, value];
		if (typeof value === 'number' && Number.isFinite(value)) return [name, String(value)];
		if (typeof value === 'boolean') return [name, value ? '1' : '0'];
		throw badRequest(`content.${name} must be a string or a number`);
	});
}

/** Whether an edit changed any profile field (scalars; `eventPasswords` is not editable here). */
function changedPersonField(before: PersonRecord, after: PersonRecord): boolean {
	return (Object.keys(before) as Array<keyof PersonRecord>).some((key) => before[key] !== after[key]);
}

function showFullProfile(call: EventCall, target: Attendee): boolean {
	return call.access.isAdmin || target.person.personID === call.caller.person.personID;
}

export const eventPersonActions: ActionTable = {
	/**
	 * `event.person.bind` (§10.1), admin mode. Needs Admin on the event (System scope).
	 * Inferred: the token-less "anonymous" mode needs an event open to enrollment, which no sandbox
	 * event is, so a call without a token is refused with 401.
	 * Inferred: a person whose email/username is already linked to the event is returned as is
	 * (no second attendee, no change); a known account not yet linked is linked, not duplicated.
	 * InEvent does not document this case; accounts are global, so this is the likely reading.
	 */
	'event.person.bind': (ctx) => {
		const call = openEvent(ctx);
		requireEventAdmin(call.access);
		const { body } = ctx.request;
		const name = requireBody(body, 'name').trim();
		let username = (body.username ?? '').trim();
		let email = (body.email ?? '').trim();
		if (username === '' && email === '') throw emptyAttribute('username');
		if (email !== '') email = assertEmail(email);
		// "If empty and the username is an email, the username is used" (§10.1).
		if (email === '' && isValidEmail(username)) email = username;
		if (username === '') username = email;
		const level = body.level === undefined || body.level === '' ? LEVEL.user : parseLevel(body.level);
		const createSpeaker = optionalFlag(body, 'createSpeaker') ?? 0;

		const eventID = call.access.event.eventID;
		const now = ctx.clock.nowSeconds();
		const known =
			(email !== '' ? ctx.store.findPersonByEmail(email) : undefined) ?? ctx.store.findPersonByUsername(username);
		if (known) {
			const existing = ctx.store.getMembership(eventID, known.personID);
			if (existing) return [attendeeView(known, existing, true)];
		}
		const person =
			known ??
			newPerson({ personID: ctx.store.allocatePersonId(), name, username, email, password: body.password, now });
		if (!known) {
			person.role = (body.role ?? '').trim();
			person.company = (body.company ?? '').trim();
			person.telephone = (body.telephone ?? '').trim();
			ctx.store.addPerson(person);
		}
		const membership = newMembership(eventID, person.personID, level, now);
		membership.origin = (body.origin ?? '').trim();
		membership.speaker = createSpeaker;
		ctx.store.addMembership(membership);
		return [attendeeView(person, membership, true)];
	},

	/** `event.person.get` (§10.5): by `personID`, `email` or badge `qrCode`, or the caller when none is given. */
	'event.person.get': (ctx) => {
		const call = openEvent(ctx);
		const target = targetAttendee(ctx, call, { byEmail: true });
		return [attendeeView(target.person, target.membership, showFullProfile(call, target))];
	},

	'event.person.find': findAttendees,

	/**
	 * `event.person.operate` (§10.2). Admin on any attendee; anyone on themself (no `personID`, or
	 * their own). All changes are validated before any is applied (inferred: a multi-field update
	 * either applies fully or not at all). Every operate sets the link's `dateUpdated` to the sandbox
	 * clock (also when a value is set to what it already was: inferred, a write is a write). The
	 * person's own `dateUpdated` moves only when a profile field really changed (inferred), so a
	 * check-in in one event does not show the attendee as updated in the person's other events.
	 */
	'event.person.operate': (ctx) => {
		const call = openEvent(ctx);
		const target = targetAttendee(ctx, call, { byEmail: false });
		requireSelfOrAdmin(call, target);
		const changes = readChanges(ctx);
		const draft: AttendeeDraft = {
			person: { ...target.person },
			membership: { ...target.membership, tagIDs: [...target.membership.tagIDs] },
		};
		for (const [key, value] of changes) {
			const editor = findAttendeeEditor(key);
			if (!editor) throw notAcceptable(`${key} field doesn't exist`);
			if (editor.adminOnly && !call.access.isAdmin) {
				throw unauthorized(insufficientPermissionMessage(call.access.event.eventID));
			}
			editor.apply(draft, value, ctx.store);
		}
		const previous = { email: target.person.email, username: target.person.username };
		const now = ctx.clock.nowSeconds();
		const personChanged = changedPersonField(target.person, draft.person);
		Object.assign(target.person, draft.person, personChanged ? { dateUpdated: now } : {});
		Object.assign(target.membership, draft.membership, { dateUpdated: now });
		ctx.store.reindexPerson(target.person, previous);
		return [attendeeView(target.person, target.membership, true)];
	},

	/**
	 * `event.person.dismiss` (§10.3): removes the person↔event link only; the account stays.
	 * The return value is undocumented; the sandbox returns the attendee as it was just before the
	 * removal (inferred). Without `personID` the caller un-enrolls themself (SDK variant
	 * `query[tokenID,eventID]`); removing anyone else needs Admin. Inferred: the person's session
	 * enrollments in the event go with the link (the store removes them).
	 */
	'event.person.dismiss': (ctx) => {
		const call = openEvent(ctx);
		const target = targetAttendee(ctx, call, { byEmail: false });
		requireSelfOrAdmin(call, target);
		const removed = attendeeView(target.person, target.membership, true);
		ctx.store.removeMembership(call.access.event.eventID, target.person.personID);
		return [removed];
	},
};
