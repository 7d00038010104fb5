import { findEvent, requireEventAdmin, resolveEventAccess } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext, ActionTable } from '../server/context';
import { badRequest, emptyAttribute } from '../server/errors';
import type { StringMap } from '../server/http';
import { paginate, readPage } from '../server/paging';
import { optionalParam, requireBody, requireId, requireQuery } from '../server/params';
import type { EventRecord, MembershipRecord, PersonRecord } from '../store/records';
import { readDirection } from '../server/selection';
import { findReportColumn, REPORT_COLUMNS, reportValues, type ReportColumn, type ReportValues } from './reportColumns';

/** Inferred: the attendee spreadsheet is the only report place; any other `location` → 400. */
const LOCATIONS = new Set(['attendees']);

/** Both report actions: an event Admin (an Event-scope Admin is downgraded to User → 401) and a known location. */
function reportEvent(ctx: ActionContext): EventRecord {
	const { query } = ctx.request;
	const caller = requireCaller(ctx);
	const event = findEvent(ctx.store, requireId(query, 'eventID'));
	requireEventAdmin(resolveEventAccess(ctx.store, caller, event));
	const location = requireQuery(query, 'location');
	if (!LOCATIONS.has(location)) throw badRequest(`location ${location} is not valid`);
	return event;
}

/**
 * `schema`: a JSON array of column keys. Inferred: `[]` reads as empty (`schema cannot be empty`),
 * and a key listed twice is refused (a row cannot hold the same key twice).
 */
function parseSchema(body: StringMap): ReportColumn[] {
	const raw = requireBody(body, 'schema');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw badRequest('schema must be a JSON array of column keys');
	}
	if (!Array.isArray(parsed) || parsed.some((key) => typeof key !== 'string')) {
		throw badRequest('schema must be a JSON array of column keys');
	}
	if (parsed.length === 0) throw emptyAttribute('schema');
	const seen = new Set<string>();
	return (parsed as string[]).map((key) => {
		const column = findReportColumn(key);
		if (!column) throw badRequest(`${key} is not a report column`);
		if (seen.has(key)) throw badRequest(`schema lists ${key} twice`);
		seen.add(key);
		return column;
	});
}

/** Text order is case- and accent-insensitive; one collator, since `localeCompare` with options builds one per call. */
const TEXT_ORDER = new Intl.Collator('en', { sensitivity: 'base' });

/** One attendee's place in the report: its sort key read once per request, its values built only for the page. */
interface ReportEntry {
	membership: MembershipRecord;
	personID: number;
	key: number | string;
	values?: ReportValues;
}

/**
 * Inferred: number and date columns compare as numbers; text and boolean columns as text, like
 * `event.person.find`'s order (case- and accent-insensitive). The order column need not be in the
 * schema. Ties by personID ascending, whatever the direction, so paging is stable.
 * Ordered by personID (the default), no profile is read: a 50,000-attendee report is 500 pages.
 */
function sortedEntries(ctx: ActionContext, event: EventRecord): ReportEntry[] {
	const { query } = ctx.request;
	const orderKey = optionalParam(query, 'order') ?? 'personID';
	const column = findReportColumn(orderKey);
	if (!column) throw badRequest(`order ${orderKey} is not valid`);
	const direction = readDirection(optionalParam(query, 'orderDirection')) === 'desc' ? -1 : 1;
	const numeric = column.type === 'number' || column.type === 'date';
	const entries: ReportEntry[] = [];
	for (const membership of ctx.store.membersOf(event.eventID).values()) {
		const personID = Number(membership.personID);
		if (orderKey === 'personID') {
			entries.push({ membership, personID, key: personID });
			continue;
		}
		const values = reportValues(profileOf(ctx, membership), membership);
		const text = values[orderKey];
		entries.push({ membership, personID, key: numeric ? Number(text) : text, values });
	}
	const compareKeys = numeric
		? (a: ReportEntry, b: ReportEntry) => (a.key as number) - (b.key as number)
		: (a: ReportEntry, b: ReportEntry) => TEXT_ORDER.compare(a.key as string, b.key as string);
	return entries.sort((a, b) => direction * compareKeys(a, b) || a.personID - b.personID);
}

/** A membership always has its person: persons are only ever removed together with every membership (reset). */
function profileOf(ctx: ActionContext, membership: MembershipRecord): PersonRecord {
	const person = ctx.store.persons.get(membership.personID);
	if (!person) throw new Error(`sandbox store: membership of unknown person ${membership.personID}`);
	return person;
}

export const reportActions: ActionTable = {
	'event.report.personSchema': (ctx) => {
		reportEvent(ctx);
		return REPORT_COLUMNS.map((column) => ({ key: column.key, name: column.name, type: column.type }));
	},

	/** JSON rows only; the node builds the CSV (inferred contract). */
	'event.report.personReport': (ctx) => {
		const { query, body } = ctx.request;
		const event = reportEvent(ctx);
		const columns = parseSchema(body);
		const page = readPage(query);
		return paginate(sortedEntries(ctx, event), page).map((entry) => {
			const values = entry.values ?? reportValues(profileOf(ctx, entry.membership), entry.membership);
			const row: Record<string, string> = {};
			for (const { key } of columns) row[key] = values[key];
			return row;
		});
	},
};
