import type { AccountPace } from './accountPace';
import type { Turn } from './turn';

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
	refused?: Turn,
): Promise<void> {
	pace.blocked(rateLimitWaitMs(retryAfterMs, attempt), refused);
	await pace.clock.sleep(retryDelayMs(retryAfterMs, attempt));
}
