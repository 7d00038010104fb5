import { SandboxError } from '../server/errors';
import { SlidingWindows } from './slidingWindow';

/** The documented limits (§7): 10 calls/s per tokenID, 100 calls/s per machine. */
export interface RateLimits {
	perTokenPerSecond: number;
	perClientPerSecond: number;
}

export const DOCUMENTED_RATE_LIMITS: Readonly<RateLimits> = { perTokenPerSecond: 10, perClientPerSecond: 100 };

const WINDOW_MS = 1000;

export function assertRateLimit(name: string, value: unknown): asserts value is number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new RangeError(`${name} must be a positive integer`);
	}
}

/**
 * Inferred (§7 documents the limits but not the refusal): 429 with `Retry-After` in whole seconds.
 *
 * Rule: every API call is counted at its arrival time, in its client's window and, when it carries a
 * tokenID (Bearer header or `tokenID` query; any string, valid or not), in that token's window —
 * refused calls included, since they are calls too. A call is refused when either window then
 * holds more than its limit. A refusal adds nothing else (no penalty block), so a client that
 * waits `Retry-After` gets through, and one that retries at once stays refused.
 */
export class RateLimiter {
	private readonly tokens = new SlidingWindows(WINDOW_MS);
	private readonly clients = new SlidingWindows(WINDOW_MS);

	/** Counts the call; returns the 429 to answer, or undefined when the call may proceed. */
	admit(limits: RateLimits, client: string, tokenId: string | undefined, now: number): SandboxError | undefined {
		const tokenOver = tokenId !== undefined && this.tokens.add(tokenId, now) > limits.perTokenPerSecond;
		const clientOver = this.clients.add(client, now) > limits.perClientPerSecond;
		if (!tokenOver && !clientOver) return undefined;
		const waitMs = Math.max(
			tokenOver && tokenId !== undefined ? this.tokens.msUntilRoom(tokenId, limits.perTokenPerSecond, now) : 0,
			clientOver ? this.clients.msUntilRoom(client, limits.perClientPerSecond, now) : 0,
		);
		const message = tokenOver
			? `too many requests for this tokenID: at most ${limits.perTokenPerSecond} calls per second`
			: `too many requests from this machine: at most ${limits.perClientPerSecond} calls per second`;
		const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
		return new SandboxError(429, message, { 'Retry-After': String(retryAfter) });
	}

	clear(): void {
		this.tokens.clear();
		this.clients.clear();
	}
}
