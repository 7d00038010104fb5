import type { ActionHandler, ActionTable } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { badRequest } from '../server/errors';
import { parseUnixSeconds, requireQuery } from '../server/params';
import type { ActivityRecord, ChecklogRecord, MembershipRecord, ScanType } from '../store/records';
import type { SandboxStore } from '../store/store';
import { checklogView } from '../store/views';
import { webhookFiring } from '../webhooks/change';
import { openEvent, optionalSession } from './activityAccess';
import { findChecklogs, listCheckedIn } from './checklogFind';

/** The webhook type a scan fires (inferred names, README "Webhooks"). */
export function scanWebhookType(type: ScanType, atSession: boolean): string {
	if (atSession) return type === 'in' ? 'activityCheckIn' : 'activityCheckOut';
	return type === 'in' ? 'eventCheckIn' : 'eventCheckOut';
}

/**
 * Logs one scan of an attendee's badge and applies it: at the event it sets the attendee's `present` and moves
 * the link's `dateUpdated`; at a session it sets the enrollment's `present` when enrolled (a walk-in is only
 * logged). Answers the log row. Shared by `checklog.checkIn/checkOut` and the sandbox's `checkIn`/`checkOut`.
 */
export function recordScan(
	store: SandboxStore,
	scan: {
		membership: MembershipRecord;
		activity: ActivityRecord | undefined;
		type: ScanType;
		code: string;
		date: number;
		now: number;
	},
): PlainObject {
	const { membership, activity, type, now } = scan;
	const present = type === 'in' ? 1 : 0;
	if (activity) {
		const enrollment = store.enrolledIn(activity.activityID).get(membership.personID);
		if (enrollment) enrollment.present = present;
	} else {
		membership.present = present;
		membership.dateUpdated = now;
	}
	const row: ChecklogRecord = {
		checklogID: store.allocateChecklogId(),
		eventID: membership.eventID,
		activityID: activity?.activityID ?? '0',
		personID: membership.personID,
		code: scan.code,
		type,
		date: scan.date,
		dateCreated: now,
	};
	store.checklogsOf(membership.eventID).push(row);
	return checklogView(row, store.persons.get(row.personID));
}

/**
 * `checklog.checkIn` / `checklog.checkOut` (§13.3, inferred contract). Event Admin. `code` is the
 * attendee's badge code, `date` the scan time (required: both SDK signatures send it). Every scan
 * is logged, a repeat too. A scan at the event sets the attendee's `present` and moves the link's
 * `dateUpdated` (like `operate key=present`); a scan at a session sets the enrollment's `present`
 * when the attendee is enrolled, and a walk-in is only logged. Every scan fires `eventCheckIn` /
 * `eventCheckOut` (at the event) or `activityCheckIn` / `activityCheckOut` (at a session) with the log
 * row, unless `bypassWebhook=1`.
 */
function scan(type: ScanType): ActionHandler {
	return (ctx) => {
		const access = openEvent(ctx, { admin: true });
		const { query } = ctx.request;
		const eventID = access.event.eventID;
		const code = requireQuery(query, 'code').trim();
		const date = parseUnixSeconds(requireQuery(query, 'date'), 'date');
		const membership = ctx.store.findMembershipByCode(eventID, code);
		if (!membership) throw badRequest("Couldn't find the code");
		const activity = optionalSession(ctx.store, query, eventID);
		const hooks = webhookFiring(ctx);
		const row = recordScan(ctx.store, { membership, activity, type, code, date, now: ctx.clock.nowSeconds() });
		hooks.fire(scanWebhookType(type, activity !== undefined), eventID, row);
		return [row];
	};
}

export const checklogActions: ActionTable = {
	'checklog.checkIn': scan('in'),
	'checklog.checkOut': scan('out'),
	'checklog.find': findChecklogs,
	'checklog.checkedIn': listCheckedIn,
};
