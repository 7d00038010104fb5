/**
 * The sandbox's "now" for data: record dates, token expiry, sign-in lockout and date presets.
 * It runs on real time (optionally shifted by an offset) or is frozen at a chosen Unix second, so
 * tests can make changes at chosen times. The rate limiter, latency, hangs and the request log's
 * `time` deliberately stay on the network clock (below): they model the network, not the data.
 */

/**
 * The network's time: when a call arrives (rate limits, the request log's `time`) and how long the
 * latency and hangs wait. The real wall clock unless a test hands the sandbox a virtual one
 * (the `networkClock` start option), so paces and 429s can be checked on virtual time.
 */
export interface NetworkClock {
	/** Epoch milliseconds. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const REAL_NETWORK_CLOCK: NetworkClock = {
	now: () => Date.now(),
	sleep: async (ms) => await new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** What actions read: the current sandbox time. */
export interface Clock {
	/** Epoch milliseconds (token expiry and lockout keep ms so fractional TTLs still work). */
	nowMs(): number;
	/** Unix seconds, the unit of every InEvent date (spec §8). */
	nowSeconds(): number;
}

/** Largest Unix second the API accepts (10 digits, like every date parameter). */
const MAX_UNIX_SECONDS = 9_999_999_999;

function assertWholeSeconds(name: string, value: number, max: number): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
		throw new RangeError(`${name} must be an integer number of seconds between 0 and ${max}`);
	}
}

export class SandboxClock implements Clock {
	/** Set while frozen: the frozen instant in epoch ms. */
	private frozenMs: number | undefined;
	/** Added to the real time while not frozen (from advance()). */
	private offsetMs = 0;

	get frozen(): boolean {
		return this.frozenMs !== undefined;
	}

	nowMs(): number {
		return this.frozenMs ?? Date.now() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.nowMs() / 1000);
	}

	/** Freezes time at `unixSeconds` (forgets any offset). */
	set(unixSeconds: number): void {
		assertWholeSeconds('set', unixSeconds, MAX_UNIX_SECONDS);
		this.frozenMs = unixSeconds * 1000;
		this.offsetMs = 0;
	}

	/**
	 * Moves time forward: a frozen clock stays frozen, `seconds` later; a real clock gets an offset.
	 * Only forward (use set() to go back), so a typo cannot silently rewind time.
	 */
	advance(seconds: number): void {
		assertWholeSeconds('advance', seconds, MAX_UNIX_SECONDS);
		if (this.frozenMs !== undefined) this.frozenMs += seconds * 1000;
		else this.offsetMs += seconds * 1000;
	}

	/** Back to the real time, no offset. */
	useReal(): void {
		this.frozenMs = undefined;
		this.offsetMs = 0;
	}
}
