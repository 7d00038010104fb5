import { findEvent, insufficientPermissionMessage, resolveEventAccess, type EventAccess } from '../auth/access';
import { requireCaller, type Caller } from '../auth/auth';
import type { ActionContext } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { badRequest, unauthorized } from '../server/errors';
import { optionalParam, requireId } from '../server/params';
import type { MembershipRecord, PersonRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { attendeeView, fullAttendeeView } from '../store/views';

/** A call on one event: who calls, and what they may do there. */
export interface EventCall {
	caller: Caller;
	access: EventAccess;
}

export interface Attendee {
	person: PersonRecord;
	membership: MembershipRecord;
}

/** The event named by the `eventID` query attribute, as the caller reaches it. */
export function openEventCall(ctx: ActionContext): EventCall {
	const caller = requireCaller(ctx);
	const event = findEvent(ctx.store, requireId(ctx.request.query, 'eventID'));
	return { caller, access: resolveEventAccess(ctx.store, caller, event) };
}

/**
 * The person named by `personID` (or `email` / `qrCode` where allowed), or the caller when none is given.
 * Inferred: `personID` wins over `email`, which wins over `qrCode`; a badge code matches exactly.
 */
export function targetAttendee(ctx: ActionContext, call: EventCall, options: { byEmail: boolean }): Attendee {
	const { query } = ctx.request;
	const eventID = call.access.event.eventID;
	let person: PersonRecord | undefined;
	let lookedUpBy = 'personID';
	if (optionalParam(query, 'personID') !== undefined) {
		person = ctx.store.persons.get(requireId(query, 'personID'));
	} else if (options.byEmail && optionalParam(query, 'email') !== undefined) {
		lookedUpBy = 'email';
		// Case-insensitive, or exact under the `emailMatch` switch (§10.5 is silent; the store applies it).
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

/** Acting on someone else needs Admin on the event; anyone may act on themself. */
export function requireSelfOrAdmin(call: EventCall, target: Attendee): void {
	if (target.person.personID !== call.caller.person.personID && !call.access.isAdmin) {
		throw unauthorized(insufficientPermissionMessage(call.access.event.eventID));
	}
}

/** The attendee with the full profile (custom-field answers included) or the standard fields only. */
export function showAttendee(store: SandboxStore, target: Attendee, fullProfile: boolean): PlainObject {
	if (!fullProfile) return attendeeView(target.person, target.membership);
	return fullAttendeeView(target.person, target.membership, store.feedbacksOf(target.membership.eventID));
}
