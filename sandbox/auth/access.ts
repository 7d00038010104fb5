import type { Caller } from './auth';
import { badRequest, unauthorized } from '../server/errors';
import { LEVEL, type CompanyRecord, type EventRecord, type MembershipRecord } from '../store/records';
import type { SandboxStore } from '../store/store';

/** What the caller may do in one event, after applying the token's scope. */
export interface EventAccess {
	event: EventRecord;
	/** Effective level (an Event-scope Admin is downgraded to User, §3.3). */
	level: number;
	isAdmin: boolean;
	/** The caller's own link to the event, if any. */
	membership: MembershipRecord | undefined;
}

export function eventLimitedMessage(targetID: string): string {
	return `this tokenID is limited to event ${targetID}; use a System-scope token`;
}

export function insufficientPermissionMessage(eventID: string): string {
	return `insufficient permission: Admin level on event ${eventID} is required (Event-scope tokens are downgraded to User level)`;
}

export function findCompany(store: SandboxStore, companyID: string): CompanyRecord {
	const company = store.companies.get(companyID);
	if (!company) throw badRequest("Couldn't find the companyID");
	return company;
}

export function findEvent(store: SandboxStore, eventID: string): EventRecord {
	const event = store.events.get(eventID);
	if (!event) throw badRequest("Couldn't find the eventID");
	return event;
}

/** Company-level actions need a System token of a company Admin (§3.3, §3.4). */
export function requireCompanyAdmin(caller: Caller, company: CompanyRecord): void {
	if (caller.token.scope === 'event') throw unauthorized(eventLimitedMessage(caller.token.targetID));
	if (!company.adminPersonIDs.has(caller.person.personID)) {
		throw unauthorized("personID doesn't work at company");
	}
}

/**
 * - Event token: only for its own event (else 401); Admin level downgraded to User (§3.3).
 *   Inferred: other levels (Staff, Presenter, Data Collector) keep their level — the docs only
 *   describe the downgrade of Admins.
 * - System token: a company Admin has full access to every event of the company (§3.4); others
 *   have their membership level; a person without a link to the event → 401 "personID doesn't
 *   work at event" (the historical message, §5.2).
 */
export function resolveEventAccess(store: SandboxStore, caller: Caller, event: EventRecord): EventAccess {
	const { token, person } = caller;
	const membership = store.getMembership(event.eventID, person.personID);
	if (token.scope === 'event') {
		if (token.targetID !== event.eventID) throw unauthorized(eventLimitedMessage(token.targetID));
		if (!membership) throw unauthorized("personID doesn't work at event");
		const level = membership.level === LEVEL.admin ? LEVEL.user : membership.level;
		return { event, level, isAdmin: level === LEVEL.admin, membership };
	}
	if (store.isCompanyAdmin(event.companyID, person.personID)) {
		return { event, level: LEVEL.admin, isAdmin: true, membership };
	}
	if (!membership) throw unauthorized("personID doesn't work at event");
	return { event, level: membership.level, isAdmin: membership.level === LEVEL.admin, membership };
}

export function requireEventAdmin(access: EventAccess): void {
	if (!access.isAdmin) throw unauthorized(insufficientPermissionMessage(access.event.eventID));
}
