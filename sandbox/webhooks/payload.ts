import { stringifyScalars, type ApiObject } from '../server/envelope';
import type { WebhookRecord } from '../store/records';
import type { WebhookChange } from './change';
import type { WebhookPayloadShape } from './settings';

/**
 * The JSON text a hook is sent for a change (both shapes inferred: InEvent's payloads are known only as
 * "strings, integers, a `data` sub-object and timestamps", §13.5):
 * - `nested`: `{webhookID, type, eventID, companyID, date, data}`; IDs and `date` (Unix seconds, sandbox
 *   clock at the change) are integers, `data` is the record's row with every value a string, as the API answers it;
 * - `flat`: the row's fields at the top level (strings), then `type` and `eventID` (strings). A row field of the
 *   same name is overwritten in place (a check-in row's own `type`, `in`/`out`, gives way to the webhook type).
 * Built once per hook and change; retries send the same text.
 */
export function payloadText(shape: WebhookPayloadShape, hook: WebhookRecord, change: WebhookChange): string {
	const row = stringifyScalars(change.data) as ApiObject;
	if (shape === 'flat') return JSON.stringify({ ...row, type: change.type, eventID: change.eventID });
	return JSON.stringify({
		webhookID: Number(hook.webhookID),
		type: change.type,
		eventID: Number(change.eventID),
		companyID: Number(change.companyID),
		date: change.date,
		data: row,
	});
}
