import type { ActionContext } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { badRequest, missingParameter } from '../server/errors';
import type { StringMap } from '../server/http';
import { paginate, readPage } from '../server/paging';
import { optionalParam, optionalUnixSeconds, requireId, requireQuery } from '../server/params';
import type { ActivityRecord } from '../store/records';
import { parseSelection } from '../server/selection';
import type { SandboxStore } from '../store/store';
import { findAttendee, isFull, openEvent, showActivity } from './activityAccess';

type ActivityPredicate = (activity: ActivityRecord) => boolean;

/** The attendee the `enrolled` / `not-enrolled` presets are about: `personID` is required for them. */
function presetPerson(store: SandboxStore, query: StringMap, eventID: string): string {
	if (optionalParam(query, 'personID') === undefined) throw missingParameter('personID');
	return findAttendee(store, eventID, requireId(query, 'personID')).person.personID;
}

/**
 * Inferred presets (stacked with `|` = AND): `all`, `enrolled` / `not-enrolled` (sessions the
 * `personID` attendee is / is not enrolled in; `personID` is read only for these two, and must be
 * an attendee of the event), `available` (unlimited or seats left), `full`.
 */
function presetPredicates(store: SandboxStore, query: StringMap, eventID: string): ActivityPredicate[] {
	return parseSelection(requireQuery(query, 'selection')).map((part): ActivityPredicate => {
		if (part.argument !== undefined) throw badRequest(`selection ${part.name} takes no argument`);
		switch (part.name) {
			case 'all':
				return () => true;
			case 'enrolled': {
				const personID = presetPerson(store, query, eventID);
				return (activity) => store.enrolledIn(activity.activityID).has(personID);
			}
			case 'not-enrolled': {
				const personID = presetPerson(store, query, eventID);
				return (activity) => !store.enrolledIn(activity.activityID).has(personID);
			}
			case 'available':
				return (activity) => !isFull(store, activity);
			case 'full':
				return (activity) => isFull(store, activity);
			default:
				throw badRequest(`selection ${part.name} is not valid`);
		}
	});
}

/**
 * `activity.find`: any caller who reaches the event. Inferred: `dateBegin` / `dateEnd` keep the
 * sessions that begin inside the range (inclusive, either bound alone works); sorted by
 * `dateBegin`, then `activityID`; paged by `limit` / `offset`.
 */
export function findActivities(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const access = openEvent(ctx, { admin: false });
	const eventID = access.event.eventID;
	const predicates = presetPredicates(ctx.store, query, eventID);
	const from = optionalUnixSeconds(query, 'dateBegin');
	const to = optionalUnixSeconds(query, 'dateEnd');
	if (from !== undefined) predicates.push((activity) => activity.dateBegin >= from);
	if (to !== undefined) predicates.push((activity) => activity.dateBegin <= to);
	const page = readPage(query);

	const matches = ctx.store
		.activitiesOf(eventID)
		.filter((activity) => predicates.every((predicate) => predicate(activity)))
		.sort((a, b) => a.dateBegin - b.dateBegin || Number(a.activityID) - Number(b.activityID));
	return paginate(matches, page).map((activity) => showActivity(ctx.store, activity));
}
