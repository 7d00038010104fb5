import { sleep } from 'n8n-workflow';

import type { AccountPace } from './accountPace';
import type { Stamp } from './startWindow';

/** A Retry-After header (seconds or an HTTP date) in milliseconds, if there is one. */
export function retryAfterMsOf(headers: Record<string, unknown> | undefined): number | undefined {
	const header = headers?.['retry-after'];
	const value = Array.isArray(header) ? (header[0] as unknown) : header;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** What InEvent asks after a 429: its Retry-After, else exponential backoff (0.5 s, 1 s … 30 s). */
function rateLimitWaitMs(retryAfterMs: number | undefined, attempt: number): number {
	return retryAfterMs ?? Math.min(30_000, 500 * 2 ** (attempt - 1));
}

/** How long one call waits after its `attempt`-th 429: InEvent's wait plus up to 25% more, so calls told to wait do not come back in lockstep. */
export function retryDelayMs(
	retryAfterMs: number | undefined,
	attempt: number,
	random: () => number = Math.random,
): number {
	return Math.round(rateLimitWaitMs(retryAfterMs, attempt) * (1 + random() * 0.25));
}

/** The account pauses for InEvent's wait; the refused call itself sleeps that plus jitter, then goes first. */
export async function waitOutRateLimit(
	pace: AccountPace,
	retryAfterMs: number | undefined,
	attempt: number,
	refused?: Stamp,
): Promise<void> {
	pace.blocked(rateLimitWaitMs(retryAfterMs, attempt), refused);
	await sleep(retryDelayMs(retryAfterMs, attempt));
}
