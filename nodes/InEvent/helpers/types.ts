import type { IDataObject, INode } from 'n8n-workflow';

import { invalidInput } from './validation';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** What n8n users hold for a date: luxon DateTime (n8n's $now, DateTime fields) or a JS Date. */
interface DateLike {
	toMillis?: () => number;
	getTime?: () => number;
	isValid?: boolean;
}

function millisOfObject(value: object): number | undefined {
	const candidate = value as DateLike;
	if (typeof candidate.toMillis === 'function') return candidate.isValid === false ? NaN : candidate.toMillis();
	if (typeof candidate.getTime === 'function') return candidate.getTime();
	return undefined;
}

/**
 * InEvent stores dates as Unix seconds (inevent-api.md §8). Accepts Unix seconds (number or digits),
 * Unix milliseconds (13+ digits, as JavaScript produces), an ISO 8601 string, an n8n DateTime or a Date.
 */
export function toUnixSeconds(node: INode, itemIndex: number, label: string, value: unknown): string {
	let millis: number | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		millis = Math.abs(value) >= 1e12 ? value : value * 1000;
	} else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
		const number = Number(value.trim());
		millis = Math.abs(number) >= 1e12 ? number : number * 1000;
	} else if (typeof value === 'string' && ISO_DATE.test(value.trim())) {
		millis = Date.parse(value.trim().replace(' ', 'T'));
	} else if (value !== null && typeof value === 'object') {
		millis = millisOfObject(value);
	}
	if (millis === undefined || Number.isNaN(millis)) {
		const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
		throw invalidInput(
			node,
			itemIndex,
			`${label} must be a date: an ISO 8601 string (e.g. 2026-03-01T09:00:00Z), an n8n DateTime or Unix seconds (got ${shown})`,
		);
	}
	return String(Math.floor(millis / 1000));
}

/** InEvent booleans are "0"/"1". */
export function toZeroOne(value: unknown): '0' | '1' {
	return value === true || value === 1 || value === '1' || value === 'true' ? '1' : '0';
}

export interface FieldTypes {
	booleans: readonly string[];
	timestamps: readonly string[];
	numbers: readonly string[];
	/** A change of shape on top of the conversions (e.g. custom answers under their field names). */
	reshape?: (item: IDataObject) => IDataObject;
}

function isoOf(seconds: string): string | null {
	const number = Number(seconds);
	if (seconds === '' || !Number.isFinite(number) || number <= 0) return null;
	return new Date(number * 1000).toISOString();
}

/** "Typed output": known booleans become true/false, timestamps ISO 8601, counts numbers; IDs stay strings. */
export function toTypedOutput(item: IDataObject, types: FieldTypes): IDataObject {
	const typed: IDataObject = { ...item };
	for (const key of types.booleans) {
		if (typeof typed[key] === 'string') typed[key] = typed[key] === '1';
	}
	for (const key of types.timestamps) {
		if (typeof typed[key] === 'string') typed[key] = isoOf(typed[key] as string);
	}
	for (const key of types.numbers) {
		const text = typed[key];
		if (typeof text === 'string' && text.trim() !== '' && Number.isFinite(Number(text))) typed[key] = Number(text);
	}
	return types.reshape ? types.reshape(typed) : typed;
}
