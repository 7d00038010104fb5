import { insufficientPermissionMessage, requireEventAdmin } from '../auth/access';
import type { ActionTable } from '../server/context';
import { emptyAttribute, notAcceptable, unauthorized } from '../server/errors';
import { assertEmail, isValidEmail, optionalFlag, requireBody } from '../server/params';
import { LEVEL, newMembership, newPerson, type Flag, type PersonRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { webhookFiring } from '../webhooks/change';
import { findAttendeeEditor, parseLevel, type AttendeeDraft } from './attendeeKeys';
import {
	openEventCall,
	requireSelfOrAdmin,
	showAttendee,
	targetAttendee,
	type Attendee,
	type EventCall,
} from './attendeeTarget';
import { answersInBody, applyAnswers, fieldByKey, isCustomFieldKey } from './customFields';
import { findAttendees } from './eventPersonFind';
import { readOperateChanges } from './operateChanges';

/** Whether an edit changed any profile field (scalars; `eventPasswords` is not editable here). */
function changedPersonField(before: PersonRecord, after: PersonRecord): boolean {
	return (Object.keys(before) as Array<keyof PersonRecord>).some((key) => before[key] !== after[key]);
}

function showFullProfile(call: EventCall, target: Attendee): boolean {
	return call.access.isAdmin || target.person.personID === call.caller.person.personID;
}

/** A copy of the attendee to edit, so a refused change leaves the stored one untouched. */
function draftOf(target: Attendee): AttendeeDraft {
	const { membership } = target;
	return {
		person: { ...target.person },
		membership: { ...membership, tagIDs: [...membership.tagIDs], answers: new Map(membership.answers) },
	};
}

/** A person to link to an event, as `event.person.bind` reads them (trimmed; `username` and `email` settled). */
export interface AttendeeInput {
	name: string;
	username: string;
	email: string;
	password?: string;
	role?: string;
	company?: string;
	telephone?: string;
	level: number;
	origin?: string;
	speaker?: Flag;
}

/**
 * `event.person.bind`'s write, shared with the sandbox's registration form (`registerAttendees`): an email or
 * username already in the event → that attendee, unchanged (`created` false); a known account → linked; else a
 * new person. The new link is dated `now` (enrollment and update). No answers, no webhook: the caller's job.
 */
export function linkAttendee(
	store: SandboxStore,
	eventID: string,
	input: AttendeeInput,
	now: number,
): { attendee: Attendee; created: boolean } {
	const known =
		(input.email !== '' ? store.findPersonByEmail(input.email) : undefined) ??
		store.findPersonByUsername(input.username);
	if (known) {
		const existing = store.getMembership(eventID, known.personID);
		if (existing) return { attendee: { person: known, membership: existing }, created: false };
	}
	const person =
		known ??
		newPerson({
			personID: store.allocatePersonId(),
			name: input.name,
			username: input.username,
			email: input.email,
			password: input.password,
			now,
		});
	if (!known) {
		person.role = (input.role ?? '').trim();
		person.company = (input.company ?? '').trim();
		person.telephone = (input.telephone ?? '').trim();
		store.addPerson(person);
	}
	const membership = newMembership(eventID, person.personID, input.level, now);
	membership.origin = (input.origin ?? '').trim();
	membership.speaker = input.speaker ?? 0;
	store.addMembership(membership);
	return { attendee: { person, membership }, created: true };
}

export const eventPersonActions: ActionTable = {
	/**
	 * `event.person.bind` (§10.1), admin mode. Needs Admin on the event (System scope).
	 * Inferred: the token-less "anonymous" mode needs an event open to enrollment, which no sandbox
	 * event is, so a call without a token is refused with 401.
	 * Inferred: a person whose email/username is already linked to the event is returned as is
	 * (no second attendee, no change); a known account not yet linked is linked, not duplicated.
	 * InEvent does not document this case; accounts are global, so this is the likely reading.
	 * Inferred: "the same email/username" is case-insensitive by default; under the `emailMatch` switch's
	 * `exact` reading (the docs are silent, §10.1) `ANA@…` is another account than `ana@…`, so it is a new
	 * attendee. Emails are stored as sent (trimmed) either way.
	 * Inferred: `f_<API field>` body attributes answer the event's custom fields (an unknown one → 400,
	 * checked before the look-up, so also when the attendee already exists and is returned unchanged).
	 */
	'event.person.bind': (ctx) => {
		const call = openEventCall(ctx);
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
		const answers = answersInBody(ctx.store, eventID, body);

		const hooks = webhookFiring(ctx);
		const { attendee, created } = linkAttendee(
			ctx.store,
			eventID,
			{
				name,
				username,
				email,
				password: body.password,
				role: body.role,
				company: body.company,
				telephone: body.telephone,
				level,
				origin: body.origin,
				speaker: createSpeaker,
			},
			ctx.clock.nowSeconds(),
		);
		if (!created) return [showAttendee(ctx.store, attendee, true)];
		applyAnswers(attendee.membership.answers, answers);
		const row = showAttendee(ctx.store, attendee, true);
		hooks.fire('eventEnrollment', eventID, row);
		return [row];
	},

	/** `event.person.get` (§10.5): by `personID`, `email` or badge `qrCode`, or the caller when none is given. */
	'event.person.get': (ctx) => {
		const call = openEventCall(ctx);
		const target = targetAttendee(ctx, call, { byEmail: true });
		return [showAttendee(ctx.store, target, showFullProfile(call, target))];
	},

	'event.person.find': findAttendees,

	/**
	 * `event.person.operate` (§10.2). Admin on any attendee; anyone on themself (no `personID`, or
	 * their own). All changes are validated before any is applied (inferred: a multi-field update
	 * either applies fully or not at all). Every operate sets the link's `dateUpdated` to the sandbox
	 * clock (also when a value is set to what it already was: inferred, a write is a write). The
	 * person's own `dateUpdated` moves only when a profile field really changed (inferred), so a
	 * check-in in one event does not show the attendee as updated in the person's other events.
	 * Inferred: `f_<API field>` keys (as `key`, or inside `content`) answer custom fields; an empty value
	 * clears the answer; an unknown one → 400 naming it. The `operateContent` switch governs `content`.
	 */
	'event.person.operate': (ctx) => {
		const call = openEventCall(ctx);
		const target = targetAttendee(ctx, call, { byEmail: false });
		requireSelfOrAdmin(call, target);
		const request = readOperateChanges(ctx);
		const hooks = webhookFiring(ctx);
		// The `ignored` switch: as if `content` were never read; nothing is written, no date moves, nothing fires.
		if (request.ignored) return [showAttendee(ctx.store, target, true)];
		const eventID = call.access.event.eventID;
		const draft = draftOf(target);
		for (const [key, value] of request.changes) {
			if (isCustomFieldKey(key)) {
				applyAnswers(draft.membership.answers, [{ field: fieldByKey(ctx.store, eventID, key), value }]);
				continue;
			}
			const editor = findAttendeeEditor(key);
			if (!editor) throw notAcceptable(`${key} field doesn't exist`);
			if (editor.adminOnly && !call.access.isAdmin) throw unauthorized(insufficientPermissionMessage(eventID));
			editor.apply(draft, value, ctx.store);
		}
		const previous = { email: target.person.email, username: target.person.username };
		const now = ctx.clock.nowSeconds();
		const personChanged = changedPersonField(target.person, draft.person);
		Object.assign(target.person, draft.person, personChanged ? { dateUpdated: now } : {});
		Object.assign(target.membership, draft.membership, { dateUpdated: now });
		ctx.store.reindexPerson(target.person, previous);
		const row = showAttendee(ctx.store, target, true);
		hooks.fire('eventEnrollmentUpdate', eventID, row);
		return [row];
	},

	/**
	 * `event.person.dismiss` (§10.3): removes the person↔event link only; the account stays.
	 * The return value is undocumented; the sandbox returns the attendee as it was just before the
	 * removal (inferred). Without `personID` the caller un-enrolls themself (SDK variant
	 * `query[tokenID,eventID]`); removing anyone else needs Admin. Inferred: the person's session
	 * enrollments in the event go with the link (the store removes them).
	 */
	'event.person.dismiss': (ctx) => {
		const call = openEventCall(ctx);
		const target = targetAttendee(ctx, call, { byEmail: false });
		requireSelfOrAdmin(call, target);
		const hooks = webhookFiring(ctx);
		const removed = showAttendee(ctx.store, target, true);
		ctx.store.removeMembership(call.access.event.eventID, target.person.personID);
		hooks.fire('eventDismissal', call.access.event.eventID, removed);
		return [removed];
	},
};
