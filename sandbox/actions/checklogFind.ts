import type { ActionContext } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { badRequest, missingParameter } from '../server/errors';
import type { StringMap } from '../server/http';
import { paginate, readPage } from '../server/paging';
import { optionalParam, requireQuery } from '../server/params';
import type { ChecklogRecord, MembershipRecord, PersonRecord } from '../store/records';
import { parseSelection } from '../server/selection';
import { attendeeView, checklogView } from '../store/views';
import { openEvent, optionalSession } from './activityAccess';

type ScanPredicate = (scan: ChecklogRecord) => boolean;

const SCAN_PRESETS: Readonly<Record<string, ScanPredicate>> = {
	all: () => true,
	in: (scan) => scan.type === 'in',
	out: (scan) => scan.type === 'out',
};

/** The attributes `key` may name; `query` must equal the value exactly. */
const SCAN_KEYS: Readonly<Record<string, (scan: ChecklogRecord) => string>> = {
	personID: (scan) => scan.personID,
	activityID: (scan) => scan.activityID,
	code: (scan) => scan.code,
};

const SCAN_SORTS: Readonly<Record<string, (scan: ChecklogRecord) => number>> = {
	date: (scan) => scan.date,
	checklogID: (scan) => Number(scan.checklogID),
};

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
	Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

function scanPredicates(query: StringMap): ScanPredicate[] {
	const predicates = parseSelection(requireQuery(query, 'selection')).map((part) => {
		if (part.argument !== undefined) throw badRequest(`selection ${part.name} takes no argument`);
		const preset = own(SCAN_PRESETS, part.name);
		if (!preset) throw badRequest(`selection ${part.name} is not valid`);
		return preset;
	});
	const key = optionalParam(query, 'key');
	const text = optionalParam(query, 'query');
	if (key === undefined && text !== undefined) throw missingParameter('key');
	if (key !== undefined) {
		const read = own(SCAN_KEYS, key);
		if (!read) throw badRequest(`key ${key} is not valid`);
		if (text === undefined) throw missingParameter('query');
		predicates.push((scan) => read(scan) === text);
	}
	return predicates;
}

/**
 * `checklog.find` (§13.3, inferred contract): Admin. Default order `checklogID` ascending (the
 * order of logging); ties of `date` are broken by checklogID ascending. Paged.
 */
export function findChecklogs(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const access = openEvent(ctx, { admin: true });
	const predicates = scanPredicates(query);
	const sortKey = optionalParam(query, 'sort') ?? 'checklogID';
	const sortValue = own(SCAN_SORTS, sortKey);
	if (!sortValue) throw badRequest(`sort ${sortKey} is not valid`);
	const directionName = (optionalParam(query, 'sortDirection') ?? 'asc').toLowerCase();
	if (directionName !== 'asc' && directionName !== 'desc') throw badRequest('sortDirection must be asc or desc');
	const direction = directionName === 'desc' ? -1 : 1;
	const page = readPage(query);

	const matches = ctx.store
		.checklogsOf(access.event.eventID)
		.filter((scan) => predicates.every((predicate) => predicate(scan)))
		.sort((a, b) => direction * (sortValue(a) - sortValue(b)) || Number(a.checklogID) - Number(b.checklogID));
	return paginate(matches, page).map((scan) => checklogView(scan, ctx.store.persons.get(scan.personID)));
}

/** Whether `scan` is later than `than`: by scan `date`, then by the order of logging. */
const isLater = (scan: ChecklogRecord, than: ChecklogRecord): boolean =>
	scan.date > than.date || (scan.date === than.date && Number(scan.checklogID) > Number(than.checklogID));

/**
 * `checklog.checkedIn` (§13.3, inferred contract): the attendees whose last scan at the event
 * (or, with `activityID`, at that session) is `in`. Inferred: Admin, like the rest of the log;
 * "last" is the latest scan `date` (a scanner may upload late), ties by the order of logging;
 * people no longer attendees are left out; attendee rows (standard fields), by personID, paged.
 */
export function listCheckedIn(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const access = openEvent(ctx, { admin: true });
	const eventID = access.event.eventID;
	const where = optionalSession(ctx.store, query, eventID)?.activityID ?? '0';
	const page = readPage(query);

	const last = new Map<string, ChecklogRecord>();
	for (const scan of ctx.store.checklogsOf(eventID)) {
		if (scan.activityID !== where) continue;
		const previous = last.get(scan.personID);
		if (!previous || isLater(scan, previous)) last.set(scan.personID, scan);
	}
	const attendees: Array<{ person: PersonRecord; membership: MembershipRecord }> = [];
	for (const scan of last.values()) {
		if (scan.type !== 'in') continue;
		const membership = ctx.store.getMembership(eventID, scan.personID);
		const person = ctx.store.persons.get(scan.personID);
		if (membership && person) attendees.push({ person, membership });
	}
	attendees.sort((a, b) => Number(a.person.personID) - Number(b.person.personID));
	return paginate(attendees, page).map(({ person, membership }) => attendeeView(person, membership));
}
