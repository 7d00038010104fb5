import type { IDataObject } from 'n8n-workflow';

/** What Simplify keeps of a record: its fields in this order, and texts to cut short. */
export interface SimplifySpec {
	fields: readonly string[];
	/** Text fields cut to this many characters (an ellipsis marks the cut). */
	maxLength?: Readonly<Record<string, number>>;
}

function shortened(value: unknown, max: number | undefined): unknown {
	if (max === undefined || typeof value !== 'string' || value.length <= max) return value;
	return `${value.slice(0, max - 1)}…`;
}

/**
 * Simplify: only the spec's fields, in its order. A field the record lacks stays out; nothing is
 * made up. Applied before Typed Output, which then converts what is kept.
 */
export function simplifyRecord(record: IDataObject, spec: SimplifySpec): IDataObject {
	const simple: IDataObject = {};
	for (const field of spec.fields) {
		if (record[field] !== undefined)
			simple[field] = shortened(record[field], spec.maxLength?.[field]) as IDataObject[string];
	}
	return simple;
}
