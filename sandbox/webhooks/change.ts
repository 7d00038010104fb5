import type { ActionContext } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { optionalFlag } from '../server/params';

/** One change an action made that a webhook type reports (README "Webhooks", the change → type table). */
export interface WebhookChange {
	/** The webhook type it fires, e.g. `eventEnrollment`. */
	type: string;
	/** The event the change is in (for `eventCreated`, the new event). */
	eventID: string;
	/** That event's company. */
	companyID: string;
	/** The record's row as the matching get/find action answers it (for a removal, as it was). */
	data: PlainObject;
	/** When the change was made, sandbox clock (Unix seconds). */
	date: number;
}

/** Where an action reports its changes; the server delivers them after the answer. */
export interface WebhookSink {
	emit(change: WebhookChange): void;
}

/** What an action fires through, once it has read `bypassWebhook`. */
export interface WebhookFiring {
	/** Reports a change of the event `eventID` (a no-op when the call had `bypassWebhook=1`). */
	fire(type: string, eventID: string, data: PlainObject): void;
}

/**
 * Reads `bypassWebhook` (query, `0`/`1`, else 400 `bypassWebhook must be 0 or 1`). Call it before the action
 * changes anything, so a bad flag refuses the call whole. With `1` the action's changes fire no webhook.
 */
export function webhookFiring(ctx: ActionContext): WebhookFiring {
	const bypass = optionalFlag(ctx.request.query, 'bypassWebhook') === 1;
	return {
		fire: (type, eventID, data) => {
			if (bypass) return;
			const companyID = ctx.store.events.get(eventID)?.companyID ?? '';
			ctx.webhooks.emit({ type, eventID, companyID, data, date: ctx.clock.nowSeconds() });
		},
	};
}
