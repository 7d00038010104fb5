import type { ActionContext } from '../server/context';
import { badRequest, emptyAttribute, missingParameter } from '../server/errors';
import { optionalParam } from '../server/params';
import { isCustomFieldKey } from './customFields';
import { isJsonObject, jsonScalar, parseJsonAttribute } from './jsonContent';

/** What an `event.person.operate` call asks to change: key → value pairs, or nothing (content ignored). */
export type OperateChanges = { ignored: false; changes: Array<[string, string]> } | { ignored: true };

const CONTENT_FORM = 'content must be a JSON object of key/value pairs';

/**
 * Key → value pairs from `key` + `value` (the documented one-field form, §10.2), or from `content`
 * (the multi-field form; inferred format: a JSON object of key → value), as the sandbox's
 * `operateContent` switch allows: `refused` → 400 naming `content`; `ignored` → nothing to change;
 * `answersIgnored` → the `f_<API field>` keys left out.
 */
export function readOperateChanges(ctx: ActionContext): OperateChanges {
	const { query, body } = ctx.request;
	const key = optionalParam(query, 'key');
	if (key !== undefined) {
		if (body.value === undefined) throw missingParameter('value');
		return { ignored: false, changes: [[key, body.value]] };
	}
	if (body.content === undefined || body.content.trim() === '') throw missingParameter('key');
	const mode = ctx.config.operateContent;
	if (mode === 'refused') throw badRequest('content is not a valid parameter: send key and value, one field per call');
	if (mode === 'ignored') return { ignored: true };
	const parsed = parseJsonAttribute(body.content, CONTENT_FORM);
	if (!isJsonObject(parsed)) throw badRequest(CONTENT_FORM);
	const entries = Object.entries(parsed);
	if (entries.length === 0) throw emptyAttribute('content');
	const changes = entries.map(([name, value]): [string, string] => [name, jsonScalar(value, `content.${name}`)]);
	if (mode !== 'answersIgnored') return { ignored: false, changes };
	// `answersIgnored`: custom-field keys are dropped; a call with nothing else writes nothing.
	const kept = changes.filter(([name]) => !isCustomFieldKey(name));
	return kept.length === 0 ? { ignored: true } : { ignored: false, changes: kept };
}
