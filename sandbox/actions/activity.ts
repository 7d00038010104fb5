import type { ActionTable } from '../server/context';
import { missingParameter, notAcceptable } from '../server/errors';
import { optionalFlag, optionalParam, requireBody, requireQuery } from '../server/params';
import type { ActivityRecord } from '../store/records';
import { openActivity, openEvent, showActivity } from './activityAccess';
import { ACTIVITY_FIELDS, assertTimeSlot, isActivityField, type ActivityFields } from './activityFields';
import { findActivities } from './activityFind';
import { webhookFiring } from '../webhooks/change';

const REQUIRED_FIELDS = ['name', 'dateBegin', 'dateEnd'] as const;
const OPTIONAL_FIELDS = ['description', 'location', 'capacity'] as const;

function fieldsOf(activity: ActivityRecord): ActivityFields {
	const { name, description, location, dateBegin, dateEnd, capacity } = activity;
	return { name, description, location, dateBegin, dateEnd, capacity };
}

/**
 * Sessions (§13.1). The docs give the action names only; every rule here is the README's inferred contract.
 * create/edit/remove fire `activityCreated`/`activityEdited`/`activityRemoved` unless `bypassWebhook=1`.
 */
export const activityActions: ActionTable = {
	/**
	 * Inferred: event Admin only; `name`, `dateBegin`, `dateEnd` required (a session needs a time
	 * slot); `capacity` absent = 0 = unlimited. No natural key, so duplicates are allowed.
	 */
	'activity.create': (ctx) => {
		const access = openEvent(ctx, { admin: true });
		const { body } = ctx.request;
		const fields: ActivityFields = { name: '', description: '', location: '', dateBegin: 0, dateEnd: 0, capacity: 0 };
		for (const key of REQUIRED_FIELDS) ACTIVITY_FIELDS[key](fields, requireBody(body, key));
		for (const key of OPTIONAL_FIELDS) {
			const value = optionalParam(body, key);
			if (value !== undefined) ACTIVITY_FIELDS[key](fields, value);
		}
		assertTimeSlot(fields);
		const hooks = webhookFiring(ctx);
		const now = ctx.clock.nowSeconds();
		const activity: ActivityRecord = {
			activityID: ctx.store.allocateActivityId(),
			eventID: access.event.eventID,
			...fields,
			dateCreated: now,
			dateUpdated: now,
		};
		ctx.store.addActivity(activity);
		const row = showActivity(ctx.store, activity);
		hooks.fire('activityCreated', activity.eventID, row);
		return [row];
	},

	/** Inferred: any caller who reaches the session's event. */
	'activity.get': (ctx) => {
		const { activity } = openActivity(ctx, { admin: false });
		return [showActivity(ctx.store, activity)];
	},

	/**
	 * Inferred: Admin; one create field per call (other keys → 406), validated as on create, the
	 * time slot after the change too. `push` (notify attendees) must be 0/1 and has no effect here.
	 * Enrollments do not move `dateUpdated`; only edits do.
	 */
	'activity.edit': (ctx) => {
		const { activity } = openActivity(ctx, { admin: true });
		const { query, body } = ctx.request;
		const key = requireQuery(query, 'key');
		if (!isActivityField(key)) throw notAcceptable(`${key} field doesn't exist`);
		optionalFlag(query, 'push');
		if (body.value === undefined) throw missingParameter('value');
		const draft = fieldsOf(activity);
		ACTIVITY_FIELDS[key](draft, body.value);
		assertTimeSlot(draft);
		const hooks = webhookFiring(ctx);
		Object.assign(activity, draft, { dateUpdated: ctx.clock.nowSeconds() });
		const row = showActivity(ctx.store, activity);
		hooks.fire('activityEdited', activity.eventID, row);
		return [row];
	},

	/** Inferred: Admin; the session and its enrollments go, its scans stay in the check-in log. */
	'activity.remove': (ctx) => {
		const { activity } = openActivity(ctx, { admin: true });
		const hooks = webhookFiring(ctx);
		const removed = showActivity(ctx.store, activity);
		ctx.store.removeActivity(activity.activityID);
		hooks.fire('activityRemoved', activity.eventID, removed);
		return [removed];
	},

	'activity.find': findActivities,
};
