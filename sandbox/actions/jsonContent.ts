import { badRequest } from '../server/errors';

/** A JSON body attribute (`content`): parsed, or 400 with `message` when it is not JSON. */
export function parseJsonAttribute(raw: string, message: string): unknown {
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		throw badRequest(message);
	}
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A value inside a JSON `content`, as the string InEvent stores (§8): strings as sent, finite numbers
 * as their digits, booleans as 1/0 (inferred). Anything else → 400 naming where it was.
 */
export function jsonScalar(value: unknown, where: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	throw badRequest(`${where} must be a string or a number`);
}
