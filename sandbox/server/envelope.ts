/** Values an action may return before the envelope casts them (spec §8: everything is a string). */
export type PlainValue = string | number | boolean | null | undefined | PlainValue[] | PlainObject;
export interface PlainObject {
	[key: string]: PlainValue;
}

/** What goes on the wire inside `data`: only strings, arrays and objects. */
export type ApiValue = string | ApiValue[] | ApiObject;
export interface ApiObject {
	[key: string]: ApiValue;
}

export interface Envelope {
	/** A JSON number, as in every documented example (`{"count":1,…}`); it is the page size. */
	count: number;
	data: ApiValue[];
}

/**
 * Casts every scalar to a string as InEvent does (spec §8): numbers → "12", booleans → "1"/"0",
 * null/undefined → "". Nested arrays and objects are walked; undefined object members become "".
 */
export function stringifyScalars(value: PlainValue): ApiValue {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (Array.isArray(value)) return value.map(stringifyScalars);
	const out: ApiObject = {};
	for (const [key, member] of Object.entries(value)) out[key] = stringifyScalars(member);
	return out;
}

export function toEnvelope(rows: PlainValue[]): Envelope {
	const data = rows.map(stringifyScalars);
	return { count: data.length, data };
}
