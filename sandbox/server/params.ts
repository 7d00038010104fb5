import { badRequest, emptyAttribute, missingParameter } from './errors';
import type { StringMap } from './http';
import type { Flag } from '../store/records';

/**
 * Parameter readers. Query attributes are read from the query string only and body attributes
 * from the form body only. Inferred: the docs list "query attributes" and "body attributes"
 * separately for every action and the SDKs encode the split per action (§4), so a value sent in
 * the wrong place is treated as absent.
 */

export function optionalParam(source: StringMap, name: string): string | undefined {
	const value = source[name];
	return value === undefined || value === '' ? undefined : value;
}

/** A required query attribute → 400 "<name> is a required parameter". */
export function requireQuery(query: StringMap, name: string): string {
	const value = optionalParam(query, name);
	if (value === undefined) throw missingParameter(name);
	return value;
}

/** A required body attribute → 400 "<name> cannot be empty". */
export function requireBody(body: StringMap, name: string): string {
	const value = body[name];
	if (value === undefined || value.trim() === '') throw emptyAttribute(name);
	return value;
}

/** IDs are positive integers on InEvent; anything else cannot match (inferred → 400). */
export function requireId(query: StringMap, name: string): string {
	const value = requireQuery(query, name);
	if (!/^\d+$/.test(value)) throw badRequest(`${name} must be a numeric ID`);
	return value;
}

export function parseFlag(value: string, name: string): Flag {
	if (value === '0') return 0;
	if (value === '1') return 1;
	throw badRequest(`${name} must be 0 or 1`);
}

export function optionalFlag(source: StringMap, name: string): Flag | undefined {
	const value = optionalParam(source, name);
	return value === undefined ? undefined : parseFlag(value, name);
}

/**
 * Dates are Unix timestamps in seconds (§8). Inferred: at most 10 digits, so a millisecond
 * timestamp (13 digits, a common client mistake) or an ISO string is refused with 400.
 */
export function parseUnixSeconds(value: string, name: string): number {
	if (!/^\d{1,10}$/.test(value.trim())) {
		throw badRequest(`${name} must be a Unix timestamp in seconds`);
	}
	return Number(value.trim());
}

export function optionalUnixSeconds(source: StringMap, name: string): number | undefined {
	const value = optionalParam(source, name);
	return value === undefined ? undefined : parseUnixSeconds(value, name);
}

export function parseIdList(value: string, name: string): string[] {
	const ids = value
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
	if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id))) {
		throw badRequest(`${name} must be a comma-separated list of numeric IDs`);
	}
	return ids;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

export function assertEmail(value: string, name = 'email'): string {
	const trimmed = value.trim();
	if (!isValidEmail(trimmed)) throw badRequest(`${name} is not a valid email address`);
	return trimmed;
}

export function isValidTimezone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}
