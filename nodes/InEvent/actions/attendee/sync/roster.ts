import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { emailKey } from '../../../helpers/email';
import { INEVENT_MAX_PAGE_SIZE, inEventApiReadPages } from '../../../transport';
import type { InEventValue } from '../../../transport';
import type { MatchStrategy } from './syncOptions';

/** Up to this many contacts for an event, one look-up each is never beaten by reading the event. */
export const LOOK_UP_AT_MOST = 5;

/** An attendee of the event, as little as a mirror run needs to remove and report it. */
export interface RosterEntry {
	personID: string;
	email: string;
	name: string;
	level: string;
}

/** What the node knows of an event's attendees after reading it (all of it, part of it, or none). */
export interface Roster {
	/** Attendees whose email is one of the contacts', by email key, as InEvent listed them. */
	byEmail: Map<string, IDataObject>;
	/** Whether the whole event was read: an email not in `byEmail` is not an attendee (as of the read). */
	complete: boolean;
	/** Every attendee, kept only for a mirror run. */
	everyone?: Map<string, RosterEntry>;
	/** Attendees the read listed. */
	listed: number;
	/** Pages of `event.person.find` this roster cost. */
	pages: number;
	/** Newest `dateUpdated` seen (Unix seconds, InEvent's clock), if the list shows it. */
	newestUpdate?: number;
	/** How long the read took here, in seconds (to widen the refresh window by it). */
	readSeconds: number;
}

export interface RosterRequest {
	eventId: string;
	/** Email keys of the contacts for this event. */
	wanted: ReadonlySet<string>;
	strategy: MatchStrategy;
	fullProfile: boolean;
	/** A mirror run needs every attendee. */
	keepEveryone: boolean;
	itemIndex: number;
	/** The run failed meanwhile: stop reading. */
	abandoned?: () => boolean;
}

/**
 * How many pages to read before looking the rest up. For N contacts into an event of unknown size E,
 * reading up to N pages and then looking up the contacts not met costs at most 2 × min(N, ceil(E/100))
 * calls: a list the size of the event costs its pages, a handful of contacts their look-ups.
 */
export function pageBudget(strategy: MatchStrategy, contacts: number, keepEveryone: boolean): number {
	if (keepEveryone || strategy === 'readEvent') return Infinity;
	if (strategy === 'lookUpEach' || contacts <= LOOK_UP_AT_MOST) return 0;
	return contacts;
}

function entryOf(record: IDataObject): RosterEntry {
	return {
		personID: String(record.personID ?? ''),
		email: String(record.email ?? ''),
		name: String(record.name ?? ''),
		level: String(record.level ?? ''),
	};
}

/** Keeps what matching and comparing need of one listed attendee (the first of two sharing an email key). */
function keep(roster: Roster, request: RosterRequest, record: IDataObject): void {
	const key = emailKey(record.email);
	if (key !== '' && request.wanted.has(key) && !roster.byEmail.has(key)) roster.byEmail.set(key, record);
	roster.everyone?.set(String(record.personID ?? ''), entryOf(record));
	roster.listed++;
	const updated = dateUpdatedOf(record);
	if (updated !== undefined) roster.newestUpdate = Math.max(roster.newestUpdate ?? updated, updated);
}

function dateUpdatedOf(record: IDataObject): number | undefined {
	const updated = Number(record.dateUpdated);
	return record.dateUpdated === undefined || record.dateUpdated === '' || !Number.isFinite(updated)
		? undefined
		: updated;
}

function findQuery(request: RosterRequest, extra: Record<string, InEventValue> = {}): Record<string, InEventValue> {
	return { eventID: request.eventId, selection: 'all', ...(request.fullProfile ? { fullProfile: '1' } : {}), ...extra };
}

/** Reads the event's attendees within the page budget, keeping only the contacts' records (and, for a mirror, everyone's ID, email and name). */
export async function readRoster(this: IExecuteFunctions, request: RosterRequest): Promise<Roster> {
	const roster: Roster = {
		byEmail: new Map(),
		complete: false,
		listed: 0,
		pages: 0,
		readSeconds: 0,
		...(request.keepEveryone ? { everyone: new Map<string, RosterEntry>() } : {}),
	};
	const budget = pageBudget(request.strategy, request.wanted.size, request.keepEveryone);
	if (budget === 0) return roster;
	const started = Date.now();
	const { ended } = await inEventApiReadPages.call(
		this,
		'event.person.find',
		{ qs: findQuery(request), itemIndex: request.itemIndex },
		budget === Infinity
			? { returnAll: true, idKey: 'personID' }
			: { returnAll: false, limit: budget * INEVENT_MAX_PAGE_SIZE, idKey: 'personID' },
		(page) => {
			roster.pages++;
			for (const record of page) keep(roster, request, record);
			return request.abandoned?.() !== true;
		},
	);
	roster.complete = ended;
	roster.readSeconds = (Date.now() - started) / 1000;
	return roster;
}

/** Seconds of InEvent's clock before the newest change seen that a refresh also covers (clock steps, slow pages). */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * After a complete read and before registering anyone: reads the attendees changed since the read
 * began (`updatedAfterDate`, changelog 2021-10-18) so a person registered meanwhile, by a form or
 * another workflow, is updated rather than registered twice. The window starts the read's duration
 * plus a margin before the newest `dateUpdated` the read saw, on InEvent's clock. Returns false when
 * the list cannot show it (no `dateUpdated`, or the filter was not applied): the caller then looks
 * each new contact up before registering it.
 */
export async function refreshRoster(this: IExecuteFunctions, roster: Roster, request: RosterRequest): Promise<boolean> {
	if (roster.newestUpdate === undefined && roster.listed > 0) return false;
	const since =
		roster.newestUpdate === undefined
			? undefined
			: Math.floor(roster.newestUpdate - roster.readSeconds - REFRESH_MARGIN_SECONDS);
	let applied = true;
	await inEventApiReadPages.call(
		this,
		'event.person.find',
		{ qs: findQuery(request, since === undefined ? {} : { updatedAfterDate: since }), itemIndex: request.itemIndex },
		{ returnAll: true, idKey: 'personID' },
		(page) => {
			roster.pages++;
			for (const record of page) {
				const updated = dateUpdatedOf(record);
				if (since !== undefined && (updated === undefined || updated < since)) {
					applied = false;
					return false;
				}
				// The newer record wins; a person found only now is matched, not added to a mirror's removals.
				const key = emailKey(record.email);
				if (key !== '' && request.wanted.has(key)) roster.byEmail.set(key, record);
			}
			return request.abandoned?.() !== true;
		},
	);
	return applied;
}
