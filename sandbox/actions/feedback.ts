import type { ActionTable } from '../server/context';
import { paginate, readPage } from '../server/paging';
import { requireQuery } from '../server/params';
import { assertSelectionAll } from '../server/selection';
import { answerView, feedbackView } from '../store/views';
import { openEventCall, requireSelfOrAdmin, showAttendee, targetAttendee } from './attendeeTarget';
import { answersInContent, applyAnswers } from './customFields';
import { webhookFiring } from '../webhooks/change';

/** Custom registration fields (§13.6, API module `feedback`); the README's inferred contract. */
export const feedbackActions: ActionTable = {
	/**
	 * The event's form fields (query `eventID`, `selection`). Inferred: any caller who reaches the event
	 * (the SDK's token-less variants show them to invitees, so they are not admin-only); `selection=all`
	 * only; by feedbackID; paged.
	 */
	'feedback.find': (ctx) => {
		const call = openEventCall(ctx);
		const { query } = ctx.request;
		assertSelectionAll(requireQuery(query, 'selection'));
		const page = readPage(query);
		return paginate(ctx.store.feedbacksOf(call.access.event.eventID), page).map(feedbackView);
	},

	/**
	 * Answers (query `eventID`, `personID`; body `content` in either documented form). Admin for anyone,
	 * anyone for themself (no `personID`). All entries are resolved first, then written together; the
	 * link's `dateUpdated` moves. Answers the written fields, in the order sent, with their stored value.
	 * An attendee edit: fires `eventEnrollmentUpdate` with the attendee's row unless `bypassWebhook=1`.
	 */
	'feedback.respond': (ctx) => {
		const call = openEventCall(ctx);
		const target = targetAttendee(ctx, call, { byEmail: false });
		requireSelfOrAdmin(call, target);
		const answers = answersInContent(ctx.store, call.access.event.eventID, ctx.request.body.content);
		const hooks = webhookFiring(ctx);
		applyAnswers(target.membership.answers, answers);
		target.membership.dateUpdated = ctx.clock.nowSeconds();
		hooks.fire('eventEnrollmentUpdate', call.access.event.eventID, showAttendee(ctx.store, target, true));
		return answers.map(({ field }) => answerView(field, target.membership));
	},
};
