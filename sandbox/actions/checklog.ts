import type { ActionHandler, ActionTable } from '../server/context';
import { badRequest } from '../server/errors';
import { parseUnixSeconds, requireQuery } from '../server/params';
import type { ChecklogRecord, ScanType } from '../store/records';
import { checklogView } from '../store/views';
import { openEvent, optionalSession } from './activityAccess';
import { findChecklogs, listCheckedIn } from './checklogFind';

/**
 * `checklog.checkIn` / `checklog.checkOut` (§13.3, inferred contract). Event Admin. `code` is the
 * attendee's badge code, `date` the scan time (required: both SDK signatures send it). Every scan
 * is logged, a repeat too. A scan at the event sets the attendee's `present` and moves the link's
 * `dateUpdated` (like `operate key=present`); a scan at a session sets the enrollment's `present`
 * when the attendee is enrolled, and a walk-in is only logged.
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
		const now = ctx.clock.nowSeconds();
		const present = type === 'in' ? 1 : 0;
		if (activity) {
			const enrollment = ctx.store.enrolledIn(activity.activityID).get(membership.personID);
			if (enrollment) enrollment.present = present;
		} else {
			membership.present = present;
			membership.dateUpdated = now;
		}
		const row: ChecklogRecord = {
			checklogID: ctx.store.allocateChecklogId(),
			eventID,
			activityID: activity?.activityID ?? '0',
			personID: membership.personID,
			code,
			type,
			date,
			dateCreated: now,
		};
		ctx.store.checklogsOf(eventID).push(row);
		return [checklogView(row, ctx.store.persons.get(row.personID))];
	};
}

export const checklogActions: ActionTable = {
	'checklog.checkIn': scan('in'),
	'checklog.checkOut': scan('out'),
	'checklog.find': findChecklogs,
	'checklog.checkedIn': listCheckedIn,
};
