import { findEvent, resolveEventAccess } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { sameEmail, type EmailMatchMode } from '../control/emailMatch';
import { badRequest } from '../server/errors';
import type { StringMap } from '../server/http';
import { paginate, readPage } from '../server/paging';
import { optionalFlag, optionalParam, optionalUnixSeconds, requireId, requireQuery } from '../server/params';
import { LEVEL, type MembershipRecord, type PersonRecord } from '../store/records';
import { compareValues, hasAnyTag, parseSelection, readDirection, tagArgument } from '../server/selection';
import { attendeeDateUpdated, attendeeView, fullAttendeeView } from '../store/views';

interface Row {
	person: PersonRecord;
	membership: MembershipRecord;
	numericID: number;
}

type RowPredicate = (row: Row) => boolean;

const byMembership =
	(test: (m: MembershipRecord) => boolean): RowPredicate =>
	(row) =>
		test(row.membership);

/**
 * The documented presets of `event.person.find` (§10.4 + changelog 2022-04-07), read on the
 * sandbox's data. Inferred details:
 * - `not-admin` = every level but Admin (changelog: "all users but Admins"); `standard-users` =
 *   level User only; `speakers` = speaker profile or Presenter level; `permission` ("specific event
 *   power") = has a custom permission profile (profileID); `collector` = Data Collector level.
 * - `with-email`/`without-email` = emails sent or not; `incomplete-profile` = role, company or image
 *   missing; `public`/`private` = the profile's privacy flag.
 * - `custom-list` needs a `listID` and the sandbox has no lists → 400 "Couldn't find the listID".
 * - `favorited` needs favourites, which the sandbox does not model → always an empty result.
 */
const PERSON_PRESETS: Readonly<Record<string, RowPredicate>> = {
	all: () => true,
	admin: byMembership((m) => m.level === LEVEL.admin),
	'not-admin': byMembership((m) => m.level !== LEVEL.admin),
	'standard-users': byMembership((m) => m.level === LEVEL.user),
	speakers: byMembership((m) => m.speaker === 1 || m.level === LEVEL.speaker),
	permission: byMembership((m) => m.profileID !== ''),
	collector: byMembership((m) => m.level === LEVEL.collector),
	'with-email': byMembership((m) => m.emailSent === 1),
	'without-email': byMembership((m) => m.emailSent === 0),
	approved: byMembership((m) => m.approved === 1),
	denied: byMembership((m) => m.denied === 1),
	'nfc-synced': byMembership((m) => m.nfc !== ''),
	'nfc-not-synced': byMembership((m) => m.nfc === ''),
	printed: byMembership((m) => m.printed === 1),
	'not-printed': byMembership((m) => m.printed === 0),
	'accepted-rsvp': byMembership((m) => m.rsvp === 1),
	'declined-rsvp': byMembership((m) => m.rsvp === 0),
	'waiting-rsvp': byMembership((m) => m.rsvp === null),
	downloaded: byMembership((m) => m.appDownloaded === 1),
	'not-downloaded': byMembership((m) => m.appDownloaded === 0),
	'incomplete-profile': ({ person }) => person.role === '' || person.company === '' || person.image === '',
	present: byMembership((m) => m.present === 1),
	'not-present': byMembership((m) => m.present === 0),
	virtual: byMembership((m) => m.virtualPresent === 1),
	'not-virtual': byMembership((m) => m.virtualPresent === 0),
	'now-virtual': byMembership((m) => m.onlineNow === 1),
	public: ({ person }) => person.private === 0,
	private: ({ person }) => person.private === 1,
	favorited: () => false,
};

const contains = (field: string, needle: string): boolean => field.toLowerCase().includes(needle.toLowerCase());

type FilterBuilder = (value: string, emailMatch: EmailMatchMode) => RowPredicate;

/**
 * Key-value filters. The documented list is cut off after `name` (§10.4); inferred: `name` (and the
 * other free-text fields) match a case-insensitive substring, `email` and `username` match the whole
 * trimmed value, since they identify one account: case-insensitive, or case-sensitive under the
 * `emailMatch` switch's `exact` reading (the docs never say; every example is lower case).
 */
const PERSON_FILTERS: Readonly<Record<string, FilterBuilder>> = {
	name: (v) => (r) => contains(r.person.name, v),
	firstName: (v) => (r) => contains(r.person.firstName, v),
	lastName: (v) => (r) => contains(r.person.lastName, v),
	email: (v, match) => (r) => sameEmail(r.person.email, v.trim(), match),
	username: (v, match) => (r) => sameEmail(r.person.username, v.trim(), match),
	role: (v) => (r) => contains(r.person.role, v),
	company: (v) => (r) => contains(r.person.company, v),
	telephone: (v) => (r) => contains(r.person.telephone, v),
	city: (v) => (r) => contains(r.person.city, v),
};

/** The only filters accepted as plain query attributes; the rest only through `queryKey`. */
const DIRECT_FILTERS = ['name', 'email', 'username'];

const ORDER_VALUES: Readonly<Record<string, (row: Row) => string | number>> = {
	personID: (r) => r.numericID,
	name: (r) => r.person.name,
	firstName: (r) => r.person.firstName,
	lastName: (r) => r.person.lastName,
	email: (r) => r.person.email,
	username: (r) => r.person.username,
	enrollmentDate: (r) => r.membership.enrollmentDate,
	dateCreated: (r) => r.person.dateCreated,
	dateUpdated: (r) => attendeeDateUpdated(r.person, r.membership),
};

function presetPredicates(query: StringMap): RowPredicate[] {
	return parseSelection(requireQuery(query, 'selection')).map((part): RowPredicate => {
		if (part.name === 'tags') {
			const tags = tagArgument(part, optionalParam(query, 'tags'));
			return (row) => hasAnyTag(row.membership.tagIDs, tags);
		}
		if (part.argument !== undefined) throw badRequest(`selection ${part.name} takes no argument`);
		if (part.name === 'custom-list') {
			if (optionalParam(query, 'listID') === undefined) throw badRequest('listID is a required parameter');
			throw badRequest("Couldn't find the listID");
		}
		const preset = Object.prototype.hasOwnProperty.call(PERSON_PRESETS, part.name)
			? PERSON_PRESETS[part.name]
			: undefined;
		if (!preset) throw badRequest(`selection ${part.name} is not valid`);
		return preset;
	});
}

function filterPredicates(query: StringMap, emailMatch: EmailMatchMode): RowPredicate[] {
	const predicates: RowPredicate[] = [];
	for (const name of DIRECT_FILTERS) {
		const value = optionalParam(query, name);
		if (value !== undefined) predicates.push(PERSON_FILTERS[name](value, emailMatch));
	}
	const text = optionalParam(query, 'query');
	const queryKey = optionalParam(query, 'queryKey');
	if (queryKey !== undefined) {
		if (text === undefined) throw badRequest('query is a required parameter when queryKey is given');
		const build = Object.prototype.hasOwnProperty.call(PERSON_FILTERS, queryKey) ? PERSON_FILTERS[queryKey] : undefined;
		if (!build) throw badRequest(`queryKey ${queryKey} is not a valid filter`);
		predicates.push(build(text, emailMatch));
	} else if (text !== undefined) {
		// Inferred: `query` alone searches name, email and username (a case-insensitive substring in every
		// `emailMatch` reading: a search, not the look-up of one account).
		predicates.push(
			(r) => contains(r.person.name, text) || contains(r.person.email, text) || contains(r.person.username, text),
		);
	}
	// Changelog 2021-10-18; inferred inclusive bounds on `dateUpdated` (Unix seconds), so a crawler
	// that re-uses its last seen timestamp never misses a change made in the same second.
	const after = optionalUnixSeconds(query, 'updatedAfterDate');
	if (after !== undefined) predicates.push((r) => attendeeDateUpdated(r.person, r.membership) >= after);
	const before = optionalUnixSeconds(query, 'updatedBeforeDate');
	if (before !== undefined) predicates.push((r) => attendeeDateUpdated(r.person, r.membership) <= before);
	return predicates;
}

/** The default order, fast: members are mostly kept in ascending personID already (a 50,000-attendee event is paged 500 times). */
function sortByPersonId(rows: Row[], direction: number): void {
	const sorted = rows.every((row, index) => index === 0 || rows[index - 1].numericID < row.numericID);
	if (sorted && direction === 1) return;
	if (sorted) rows.reverse();
	else rows.sort((a, b) => direction * (a.numericID - b.numericID));
}

/**
 * `event.person.find` (§10.4). Any caller with access to the event may list (an Event-scope token
 * is read-only User level). `fullProfile=1` adds the full profile; inferred: only for Admins and
 * Data Collectors ("different responses … usually with limited information", §3.3); it includes the
 * custom-field answers (`feedbacks`, "including custom fields", §10.4).
 * `limit` is capped at 100, except for a caller whose level in the event is Data Collector (§3.4).
 * Default order: personID ascending (stable for paging).
 */
export function findAttendees(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const caller = requireCaller(ctx);
	const event = findEvent(ctx.store, requireId(query, 'eventID'));
	const access = resolveEventAccess(ctx.store, caller, event);
	const isCollector = access.level === LEVEL.collector;
	const predicates = [...presetPredicates(query), ...filterPredicates(query, ctx.config.emailMatch)];
	const page = readPage(query, { uncapped: isCollector });
	const fullProfile = (optionalFlag(query, 'fullProfile') ?? 0) === 1 && (access.isAdmin || isCollector);

	const orderKey = optionalParam(query, 'order') ?? 'personID';
	const orderValue = Object.prototype.hasOwnProperty.call(ORDER_VALUES, orderKey) ? ORDER_VALUES[orderKey] : undefined;
	if (!orderValue) throw badRequest(`order ${orderKey} is not valid`);
	const direction = readDirection(optionalParam(query, 'orderDirection')) === 'desc' ? -1 : 1;

	const fields = ctx.store.feedbacksOf(event.eventID);
	const view = (row: Row) =>
		fullProfile ? fullAttendeeView(row.person, row.membership, fields) : attendeeView(row.person, row.membership);
	const rowOf = (membership: MembershipRecord): Row | undefined => {
		const person = ctx.store.persons.get(membership.personID);
		return person && { person, membership, numericID: Number(person.personID) };
	};
	// The default order and no filter (how lists are paged): read the page itself, not the whole event.
	if (orderKey === 'personID' && predicates.every((predicate) => predicate === PERSON_PRESETS.all)) {
		const members = ctx.store.membersInIdOrder(event.eventID);
		const ordered = direction === 1 ? members : [...members].reverse();
		return paginate(ordered, page).flatMap((membership) => {
			const row = rowOf(membership);
			return row ? [view(row)] : [];
		});
	}

	const rows: Row[] = [];
	for (const membership of ctx.store.membersOf(event.eventID).values()) {
		const row = rowOf(membership);
		if (row && predicates.every((predicate) => predicate(row))) rows.push(row);
	}
	if (orderKey === 'personID') sortByPersonId(rows, direction);
	else rows.sort((a, b) => direction * compareValues(orderValue(a), orderValue(b)) || a.numericID - b.numericID);
	return paginate(rows, page).map(view);
}
