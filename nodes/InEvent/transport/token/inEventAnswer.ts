import type { IDataObject } from 'n8n-workflow';

/** InEvent's error text from a JSON `{error:{message}}` body, a plain-text body or the reason phrase. */
export function inEventMessageOf(data: unknown, statusText?: string): string {
	if (data && typeof data === 'object') {
		const error = (data as IDataObject).error;
		if (error && typeof error === 'object' && typeof (error as IDataObject).message === 'string') {
			return String((error as IDataObject).message).trim();
		}
		if (typeof (data as IDataObject).message === 'string') return String((data as IDataObject).message).trim();
	}
	if (typeof data === 'string') {
		const text = data.trim();
		if (text && !/^\d{3}$/.test(text)) {
			const parsed = jsonObjectIn(text);
			return parsed ? inEventMessageOf(parsed, statusText) : text.slice(0, 500);
		}
	}
	return (statusText ?? '').trim();
}

/** The JSON object a text body holds, if it is one. */
export function jsonObjectIn(text: string): IDataObject | undefined {
	if (!text.startsWith('{')) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** A Retry-After header (seconds or an HTTP date, read at `now`) in milliseconds, if there is one. */
export function retryAfterMsOf(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	const header = headers?.['retry-after'];
	const value = Array.isArray(header) ? (header[0] as unknown) : header;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
