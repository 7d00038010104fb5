import type { IDataObject } from 'n8n-workflow';

import { INEVENT_MAX_PAGE_SIZE } from '../InEvent/transport';
import { Boundary } from './boundary';
import { MAX_IDS_AT_SECOND } from './cursor';
import type { Cursor, IdOf, KeyOf, TimeOf } from './cursor';

/**
 * A poll reads at most this many pages (1,000 records): a backlog after downtime is delivered over
 * the next polls, oldest first, each poll short and small whatever the backlog.
 */
export const MAX_PAGES_PER_POLL = 10;
/** One-record reads that find where to go on (a list that shifted); each search costs about 2·log2(shift). */
export const MAX_PROBES_PER_POLL = 64;

/** A list InEvent sorts by a time, ascending, ties by ID ascending (inevent-api.md §10.4, inferred). */
export interface SortedList {
	read(offset: number, limit: number): Promise<IDataObject[]>;
	timeOf: TimeOf;
	idOf: IdOf;
	keyOf: KeyOf;
	/** The updatedAfterDate the list is read under (what `Cursor.offset` is measured in); none for an unfiltered list. */
	since?: number;
}

export interface CrawlLimits {
	maxPages: number;
	maxProbes: number;
	/** n8n's time budget for the poll (2.41's getPollBudgetMs): no page is started that would end past it. */
	budgetMs?: number;
}

export interface Crawl {
	/** Records passed for the first time, in list order. */
	records: IDataObject[];
	cursor: Cursor;
	/** The end of the list was reached (a short page). */
	caughtUp: boolean;
}

interface Position {
	time: number;
	id: number;
}

/**
 * Reads a sorted list on from a cursor, a page at a time, and returns what it passed and where it
 * stopped. Each page is read from one record before the expected place: finding there a record
 * already passed shows the list did not move under the cursor; otherwise (records removed, or a
 * record re-sorted to the end moved the rest up) the place is searched again, so nothing slides
 * unseen past the cursor. A record met again past its place (it moved) is news again.
 */
export async function crawl(list: SortedList, cursor: Cursor, limits: CrawlLimits): Promise<Crawl> {
	const { timeOf, idOf, keyOf } = list;
	const seenAtCursor = new Set(cursor.afterId === undefined ? cursor.ids : []);
	let position: Position | undefined =
		cursor.afterId === undefined ? undefined : { time: cursor.time, id: cursor.afterId };
	const before = (record: IDataObject): boolean => {
		const time = timeOf(record);
		if (!position) return time < cursor.time;
		return time < position.time || (time === position.time && idOf(record) <= position.id);
	};

	let pages = 0;
	let probes = 0;
	const boundary = new Boundary(async (offset) => {
		probes++;
		return (await list.read(offset, 1))[0];
	}, before);

	const records: IDataObject[] = [];
	let lastTime = cursor.time;
	const keysAtLast = new Set(seenAtCursor);
	// Where the second of the last record passed begins: a cursor kept by IDs reads that second again.
	let secondStart: number | undefined;
	const pass = (record: IDataObject, offset: number): void => {
		if (before(record)) return;
		const time = timeOf(record);
		const key = keyOf(record);
		if (time !== lastTime || secondStart === undefined) secondStart = offset;
		position = { time, id: idOf(record) };
		if (time !== lastTime) {
			lastTime = time;
			keysAtLast.clear();
		}
		keysAtLast.add(key);
		if (!(time === cursor.time && seenAtCursor.has(key))) records.push(record);
	};

	let hint = cursor.offset !== undefined && cursor.since === list.since ? cursor.offset : 0;
	let frontier = hint;
	let caughtUp = false;
	const started = Date.now();
	let slowestPage = 0;
	while (pages < limits.maxPages && probes < limits.maxProbes) {
		if (limits.budgetMs !== undefined && pages > 0 && Date.now() - started + slowestPage > limits.budgetMs) break;
		const at = Math.max(0, hint - 1);
		const asked = Date.now();
		const page = await list.read(at, INEVENT_MAX_PAGE_SIZE);
		pages++;
		slowestPage = Math.max(slowestPage, Date.now() - asked);
		if (hint > 0 && (page.length === 0 || !before(page[0]))) {
			hint = await boundary.searchDown(at);
			continue;
		}
		const first = page.findIndex((record) => !before(record));
		if (first === -1 && page.length === INEVENT_MAX_PAGE_SIZE) {
			hint = await boundary.searchUp(at + page.length);
			continue;
		}
		const from = first === -1 ? page.length : first;
		frontier = at + from;
		for (let index = from; index < page.length; index++) pass(page[index], at + index);
		hint = at + page.length;
		if (page.length < INEVENT_MAX_PAGE_SIZE) {
			caughtUp = true;
			break;
		}
	}

	const next = nextCursor(cursor, position, keysAtLast);
	next.offset = next.afterId === undefined ? (secondStart ?? frontier) : hint;
	if (list.since !== undefined) next.since = list.since;
	return { records, cursor: next, caughtUp };
}

function nextCursor(cursor: Cursor, position: Position | undefined, keysAtLast: Set<string>): Cursor {
	let next: Cursor;
	if (!position) next = { time: cursor.time, ids: [...cursor.ids], afterId: cursor.afterId };
	else if (position.time === cursor.time && cursor.afterId !== undefined)
		next = { time: position.time, ids: [], afterId: position.id };
	// Every record of this second up to `position` was read in order in this poll, so the ID covers them.
	else if (keysAtLast.size > MAX_IDS_AT_SECOND) next = { time: position.time, ids: [], afterId: position.id };
	else next = { time: position.time, ids: [...keysAtLast] };
	if (next.afterId === undefined) delete next.afterId;
	return next;
}
