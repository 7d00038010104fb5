import { findCompany, eventLimitedMessage } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { badRequest, unauthorized } from '../server/errors';
import type { StringMap } from '../server/http';
import { paginate, readPage } from '../server/paging';
import {
	isValidTimezone,
	optionalParam,
	parseFlag,
	parseIdList,
	parseUnixSeconds,
	requireId,
	requireQuery,
} from '../server/params';
import { LEVEL, type EventRecord, type MembershipRecord } from '../store/records';
import { compareValues, hasAnyTag, parseSelection, readDirection, tagArgument } from '../server/selection';
import { DAY_SECONDS } from '../store/time';
import { eventView } from '../store/views';

type EventPredicate = (event: EventRecord) => boolean;

interface PresetScope {
	now: number;
	callerID: string;
	membership: (event: EventRecord) => MembershipRecord | undefined;
	tagsQuery: string | undefined;
}

/**
 * The documented presets of `company.event.find` (§9.3). Definitions are inferred from their
 * one-line descriptions:
 * - `my-events-created`: creatorID is the caller. `my-events` ("events I'm the host"): ownerID is
 *   the caller or the caller is linked to the event as Admin.
 * - `next-events`: begins after now; `past-events`: ended before now; `current-events`: now is
 *   between begin and end.
 * - `single-day-events`: lasts less than 24 h; `multi-day-events`: 24 h or more.
 * - `online-events`: presential = 0; `presential-events`: presential = 1.
 * - Caller-relative presets read the caller's link (membership) to each event:
 *   `enrolled` = linked; `approved` / `denied` = enrollment approved / denied; `present` = checked in;
 *   `paid` = paid for a ticket; `working` = linked with a working level (Admin, Staff, Presenter,
 *   Data Collector — anything but User); `best-fit` = linked and not yet ended (a pure guess: the
 *   docs only say "Best fit").
 */
const EVENT_PRESETS: Readonly<Record<string, (scope: PresetScope, argument: string[] | undefined) => EventPredicate>> =
	{
		all: () => () => true,
		'my-events-created': (s) => (e) => e.creatorID === s.callerID,
		'my-events': (s) => (e) => e.ownerID === s.callerID || s.membership(e)?.level === LEVEL.admin,
		'next-events': (s) => (e) => e.dateBegin > s.now,
		'past-events': (s) => (e) => e.dateEnd < s.now,
		'current-events': (s) => (e) => e.dateBegin <= s.now && s.now <= e.dateEnd,
		'single-day-events': () => (e) => e.dateEnd - e.dateBegin < DAY_SECONDS,
		'multi-day-events': () => (e) => e.dateEnd - e.dateBegin >= DAY_SECONDS,
		'online-events': () => (e) => e.presential === 0,
		'presential-events': () => (e) => e.presential === 1,
		tags: (_s, tags) => (e) => hasAnyTag(e.tagIDs, tags ?? []),
		archived: () => (e) => e.archived === 1,
		'not-archived': () => (e) => e.archived === 0,
		enrolled: (s) => (e) => s.membership(e) !== undefined,
		approved: (s) => (e) => s.membership(e)?.approved === 1,
		denied: (s) => (e) => s.membership(e)?.denied === 1,
		present: (s) => (e) => s.membership(e)?.present === 1,
		paid: (s) => (e) => s.membership(e)?.paid === 1,
		working: (s) => (e) => {
			const level = s.membership(e)?.level;
			return level !== undefined && level !== LEVEL.user;
		},
		'best-fit': (s) => (e) => s.membership(e) !== undefined && e.dateEnd >= s.now,
	};

const containsIgnoringCase = (haystack: string, needle: string): boolean =>
	haystack.toLowerCase().includes(needle.toLowerCase());

/**
 * Key-value filters (§9.3). Inferred semantics: `name` is a case-insensitive substring, `city` a
 * case-insensitive exact match, `dateBegin` = begins at or after, `dateEnd` = ends at or before
 * (Unix seconds, §8), flags are exact 0/1 matches, `tags` matches any of the given tag IDs.
 */
const EVENT_FILTERS: Readonly<Record<string, (value: string) => EventPredicate>> = {
	name: (value) => (e) => containsIgnoringCase(e.name, value),
	city: (value) => (e) => e.city.toLowerCase() === value.toLowerCase(),
	dateBegin: (value) => {
		const from = parseUnixSeconds(value, 'dateBegin');
		return (e) => e.dateBegin >= from;
	},
	dateEnd: (value) => {
		const until = parseUnixSeconds(value, 'dateEnd');
		return (e) => e.dateEnd <= until;
	},
	presential: (value) => {
		const flag = parseFlag(value, 'presential');
		return (e) => e.presential === flag;
	},
	public: (value) => {
		const flag = parseFlag(value, 'public');
		return (e) => e.public === flag;
	},
	visible: (value) => {
		const flag = parseFlag(value, 'visible');
		return (e) => e.visible === flag;
	},
	archived: (value) => {
		const flag = parseFlag(value, 'archived');
		return (e) => e.archived === flag;
	},
	templateID: (value) => (e) => e.templateID === value,
	placeID: (value) => (e) => e.placeID === value,
	tags: (value) => {
		const tags = parseIdList(value, 'tags');
		return (e) => hasAnyTag(e.tagIDs, tags);
	},
};

/** Inferred `order` values (the docs only say "results order"); default eventID, ascending. */
const EVENT_ORDER_KEYS = ['eventID', 'name', 'nickname', 'dateBegin', 'dateEnd', 'dateCreated', 'dateUpdated'] as const;
type EventOrderKey = (typeof EVENT_ORDER_KEYS)[number];

function isEventOrderKey(value: string): value is EventOrderKey {
	return (EVENT_ORDER_KEYS as readonly string[]).includes(value);
}

function filterPredicates(query: StringMap): EventPredicate[] {
	const predicates: EventPredicate[] = [];
	for (const [name, build] of Object.entries(EVENT_FILTERS)) {
		const value = optionalParam(query, name);
		if (value !== undefined) predicates.push(build(value));
	}
	const text = optionalParam(query, 'query');
	const queryKey = optionalParam(query, 'queryKey');
	if (queryKey !== undefined) {
		if (text === undefined) throw badRequest('query is a required parameter when queryKey is given');
		const build = Object.prototype.hasOwnProperty.call(EVENT_FILTERS, queryKey) ? EVENT_FILTERS[queryKey] : undefined;
		if (!build) throw badRequest(`queryKey ${queryKey} is not a valid filter`);
		predicates.push(build(text));
	} else if (text !== undefined) {
		// Inferred: `query` alone searches name, nickname and city.
		predicates.push((e) => [e.name, e.nickname, e.city].some((field) => containsIgnoringCase(field, text)));
	}
	const timezone = optionalParam(query, 'timezone');
	// Dates here are absolute Unix seconds, so the timezone changes nothing; it is only validated.
	if (timezone !== undefined && !isValidTimezone(timezone)) throw badRequest(`timezone ${timezone} is not valid`);
	return predicates;
}

/**
 * `company.event.find` (§9.3). Needs a System token. A company Admin sees every event of the
 * company. Inferred: any other System caller sees only the events they are linked to, and a
 * caller linked to none of the company's events is refused (401) like on other company actions.
 */
export function findEvents(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const caller = requireCaller(ctx);
	if (caller.token.scope === 'event') throw unauthorized(eventLimitedMessage(caller.token.targetID));
	const company = findCompany(ctx.store, requireId(query, 'companyID'));
	const selection = parseSelection(requireQuery(query, 'selection'));
	const page = readPage(query);
	const callerID = caller.person.personID;
	const isAdmin = company.adminPersonIDs.has(callerID);
	const scope: PresetScope = {
		now: ctx.clock.nowSeconds(),
		callerID,
		membership: (event) => ctx.store.getMembership(event.eventID, callerID),
		tagsQuery: optionalParam(query, 'tags'),
	};

	const predicates: EventPredicate[] = selection.map((part) => {
		const preset = Object.prototype.hasOwnProperty.call(EVENT_PRESETS, part.name)
			? EVENT_PRESETS[part.name]
			: undefined;
		if (!preset) throw badRequest(`selection ${part.name} is not valid`);
		if (part.name === 'tags') return preset(scope, tagArgument(part, scope.tagsQuery));
		if (part.argument !== undefined) throw badRequest(`selection ${part.name} takes no argument`);
		return preset(scope, undefined);
	});
	predicates.push(...filterPredicates(query));
	const companyEvents = ctx.store.eventsOfCompany(company.companyID);
	if (!isAdmin) {
		if (!companyEvents.some((event) => scope.membership(event) !== undefined)) {
			throw unauthorized("personID doesn't work at company");
		}
		predicates.push((event) => scope.membership(event) !== undefined);
	}

	const orderKey = optionalParam(query, 'order') ?? 'eventID';
	if (!isEventOrderKey(orderKey)) throw badRequest(`order ${orderKey} is not valid`);
	const direction = readDirection(optionalParam(query, 'orderDirection')) === 'desc' ? -1 : 1;

	const matches = companyEvents
		.filter((event) => predicates.every((predicate) => predicate(event)))
		.sort((a, b) => direction * compareValues(a[orderKey], b[orderKey]) || compareValues(a.eventID, b.eventID));
	return paginate(matches, page).map(eventView);
}
