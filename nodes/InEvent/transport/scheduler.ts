import { sleep } from 'n8n-workflow';

export interface SchedulerLimits {
	/** At most this many calls start in any window (InEvent: 10 calls per second per token). */
	maxPerSecond: number;
	/** At most this many calls in flight at once. */
	maxInFlight: number;
}

export const DEFAULT_LIMITS: SchedulerLimits = { maxPerSecond: 10, maxInFlight: 5 };

/**
 * The window is a little longer than a second: InEvent counts arrivals, and a call that was
 * released on time can still land inside the previous second when the one before it left late.
 * 10 calls per 1.05 s is 9.5 calls per second. Each blocked call (429) seen widens the margin.
 */
const WINDOW_MS = 1000;
const INITIAL_MARGIN_MS = 50;
const MAX_MARGIN_MS = 500;

/**
 * Paces the InEvent calls of one node execution: at most `maxPerSecond` starts in any window and
 * `maxInFlight` calls at once. The first call runs alone, so that an empty token is fetched by one
 * sign-in before concurrent calls start. Also coordinates token refreshes (see `refreshOnce`).
 */
export class RequestScheduler {
	/** When each call of the current window started (a call that signs in first is stamped when it ends). */
	private readonly starts: Array<{ at: number }> = [];

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	private firstCall: Promise<unknown> | undefined;

	private refreshing: Promise<unknown> | undefined;

	private marginMs = INITIAL_MARGIN_MS;

	/** No call starts before this time (set when InEvent says to wait). */
	private pausedUntil = 0;

	/** Grows each time a token refresh completes; a call remembers the value it was sent with. */
	tokenGeneration = 0;

	constructor(
		readonly limits: SchedulerLimits,
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * Runs one call in its turn. `signsIn` marks a call that may sign in before its request (the
	 * first call, a refresh): its request reaches InEvent late, so its place in the window counts
	 * from when it ended.
	 */
	async run<T>(call: () => Promise<T>, signsIn = false): Promise<T> {
		if (!this.firstCall) {
			const first = this.runPaced(call, true);
			this.firstCall = first.catch(() => undefined);
			return await first;
		}
		await this.firstCall;
		return await this.runPaced(call, signsIn);
	}

	/**
	 * After a 401: the first caller refreshes (n8n signs in again and resends), callers that arrive
	 * meanwhile wait for that refresh, and a caller whose call left before a refresh completed is
	 * told to resend with the refreshed token. So a token that expires mid-run costs one sign-in.
	 */
	async refreshOnce<T>(
		sentWithGeneration: number,
		refresh: () => Promise<T>,
	): Promise<{ resend: true } | { resend: false; value: T }> {
		if (this.tokenGeneration > sentWithGeneration) return { resend: true };
		if (this.refreshing) {
			await this.refreshing.catch(() => undefined);
			return { resend: true };
		}
		const current = refresh();
		this.refreshing = current;
		try {
			return { resend: false, value: await current };
		} finally {
			this.tokenGeneration++;
			this.refreshing = undefined;
		}
	}

	private async runPaced<T>(call: () => Promise<T>, stampAtEnd: boolean): Promise<T> {
		await this.acquireSlot();
		try {
			const start = await this.awaitWindow();
			try {
				return await call();
			} finally {
				if (stampAtEnd) start.at = this.now();
			}
		} finally {
			this.releaseSlot();
		}
	}

	private async acquireSlot(): Promise<void> {
		if (this.inFlight < this.limits.maxInFlight) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private releaseSlot(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}

	/**
	 * InEvent blocked a call: no call starts for `retryAfterMs`, and the window keeps a wider margin
	 * for the rest of the execution, so one 429 does not become a stream of them.
	 */
	blocked(retryAfterMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
		this.marginMs = Math.min(MAX_MARGIN_MS, this.marginMs + 25);
	}

	/** Waits until one more start fits in the window, then records it. */
	private async awaitWindow(): Promise<{ at: number }> {
		for (;;) {
			const now = this.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const windowMs = WINDOW_MS + this.marginMs;
			const active = this.starts.filter((start) => now - start.at < windowMs);
			this.starts.splice(0, this.starts.length, ...active);
			if (active.length < this.limits.maxPerSecond) {
				const start = { at: now };
				this.starts.push(start);
				return start;
			}
			const oldest = Math.min(...active.map((start) => start.at));
			await sleep(windowMs - (now - oldest));
		}
	}
}

const schedulers = new WeakMap<object, RequestScheduler>();

/** One scheduler per node execution (n8n gives each execution its own context object). */
export function schedulerFor(context: object, limits: SchedulerLimits = DEFAULT_LIMITS): RequestScheduler {
	let scheduler = schedulers.get(context);
	if (!scheduler) {
		scheduler = new RequestScheduler(limits);
		schedulers.set(context, scheduler);
	}
	return scheduler;
}
