import type { ActionContext, ActionTable } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { badRequest } from '../server/errors';
import { paginate, readPage } from '../server/paging';
import { requireId, requireQuery } from '../server/params';
import type { EnrollmentRecord } from '../store/records';
import { parseSelection } from '../server/selection';
import { enrollmentView } from '../store/views';
import { webhookFiring } from '../webhooks/change';
import { findAttendee, findEnrollment, isFull, openActivity } from './activityAccess';

type EnrollmentPredicate = (enrollment: EnrollmentRecord) => boolean;

const ENROLLMENT_PRESETS: Readonly<Record<string, EnrollmentPredicate>> = {
	all: () => true,
	present: (enrollment) => enrollment.present === 1,
	'not-present': (enrollment) => enrollment.present === 0,
};

function enrollmentPredicates(selection: string): EnrollmentPredicate[] {
	return parseSelection(selection).map((part) => {
		if (part.argument !== undefined) throw badRequest(`selection ${part.name} takes no argument`);
		const preset = Object.prototype.hasOwnProperty.call(ENROLLMENT_PRESETS, part.name)
			? ENROLLMENT_PRESETS[part.name]
			: undefined;
		if (!preset) throw badRequest(`selection ${part.name} is not valid`);
		return preset;
	});
}

/**
 * `activity.person.find`. Inferred: any caller who reaches the event (like `event.person.find`);
 * presets `all` | `present` | `not-present` (stacked with `|`); sorted by personID; paged.
 */
function findEnrollments(ctx: ActionContext): PlainValue[] {
	const { query } = ctx.request;
	const { activity } = openActivity(ctx, { admin: false });
	const predicates = enrollmentPredicates(requireQuery(query, 'selection'));
	const page = readPage(query);
	const rows: PlainValue[] = [];
	const matches = [...ctx.store.enrolledIn(activity.activityID).values()]
		.filter((enrollment) => predicates.every((predicate) => predicate(enrollment)))
		.sort((a, b) => Number(a.personID) - Number(b.personID));
	for (const enrollment of paginate(matches, page)) {
		const person = ctx.store.persons.get(enrollment.personID);
		if (person) rows.push(enrollmentView(activity, enrollment, person));
	}
	return rows;
}

/** Session enrollments (§13.1, inferred contract in the README). */
export const activityPersonActions: ActionTable = {
	/**
	 * Inferred: Admin; the person must be an attendee of the session's event. Already enrolled →
	 * the enrollment as it is (also in a full session); otherwise a full session → 400. A new enrollment
	 * fires `activityEnrollment` unless `bypassWebhook=1` (0/1, else 400).
	 */
	'activity.person.bind': (ctx) => {
		const { activity } = openActivity(ctx, { admin: true });
		const { query } = ctx.request;
		const personID = requireId(query, 'personID');
		const hooks = webhookFiring(ctx);
		const { person } = findAttendee(ctx.store, activity.eventID, personID);
		const enrolled = ctx.store.enrolledIn(activity.activityID);
		const existing = enrolled.get(personID);
		if (existing) return [enrollmentView(activity, existing, person)];
		if (isFull(ctx.store, activity)) throw badRequest('activity is full');
		const enrollment: EnrollmentRecord = {
			activityID: activity.activityID,
			personID,
			present: 0,
			dateCreated: ctx.clock.nowSeconds(),
		};
		enrolled.set(personID, enrollment);
		const row = enrollmentView(activity, enrollment, person);
		hooks.fire('activityEnrollment', activity.eventID, row);
		return [row];
	},

	/**
	 * Inferred: Admin; not enrolled → 400 "Couldn't find the personID"; answers the removed enrollment and fires
	 * `activityDismissal` with it unless `bypassWebhook=1`.
	 */
	'activity.person.dismiss': (ctx) => {
		const { activity } = openActivity(ctx, { admin: true });
		const { person, enrollment } = findEnrollment(ctx.store, activity, requireId(ctx.request.query, 'personID'));
		const hooks = webhookFiring(ctx);
		ctx.store.enrolledIn(activity.activityID).delete(enrollment.personID);
		const row = enrollmentView(activity, enrollment, person);
		hooks.fire('activityDismissal', activity.eventID, row);
		return [row];
	},

	/** Inferred: any caller who reaches the event. */
	'activity.person.get': (ctx) => {
		const { activity } = openActivity(ctx, { admin: false });
		const { person, enrollment } = findEnrollment(ctx.store, activity, requireId(ctx.request.query, 'personID'));
		return [enrollmentView(activity, enrollment, person)];
	},

	'activity.person.find': findEnrollments,
};
