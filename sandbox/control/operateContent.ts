/**
 * How `event.person.operate` treats its multi-field form (`content`, §10.2: the name seen in InEvent's SDKs,
 * the format inferred). A test switch, so the node's fallback to one field per call can be exercised:
 * - `accepted` (default): `content` is a JSON object of key → value, applied all or nothing;
 * - `refused`: 400 naming `content`, as if InEvent knew only the documented one-field form;
 * - `ignored`: 200 with the attendee unchanged and nothing written, as if `content` were never read;
 * - `answersIgnored`: `content` applied without its `f_<API field>` keys, which are dropped without a word,
 *   as if custom fields were written only through `feedback.respond` (the inferred reading of §10.2).
 */
export type OperateContentMode = 'accepted' | 'refused' | 'ignored' | 'answersIgnored';

export const OPERATE_CONTENT_MODES: readonly OperateContentMode[] = [
	'accepted',
	'refused',
	'ignored',
	'answersIgnored',
];

export function isOperateContentMode(value: unknown): value is OperateContentMode {
	return typeof value === 'string' && (OPERATE_CONTENT_MODES as readonly string[]).includes(value);
}

export function assertOperateContentMode(value: unknown): asserts value is OperateContentMode {
	if (!isOperateContentMode(value)) {
		throw new RangeError(`operateContent must be one of ${OPERATE_CONTENT_MODES.join(', ')}`);
	}
}
