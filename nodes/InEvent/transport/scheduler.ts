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
 * 10 calls per 1.1 s is 9.1 calls per second. Each blocked call (429) seen widens the margin.
 */
const WINDOW_MS = 1000;
const INITIAL_MARGIN_MS = 100;
const MAX_MARGIN_MS = 500;

/**
 * Paces the InEvent calls of one node execution: at most `maxPerSecond` starts in any window and
 * `maxInFlight` calls at once. The first call runs alone, so that an empty token is fetched by one
 * sign-in before concurrent calls start. Also coordinates token refreshes (see `refreshOnce`).
 */
export class RequestScheduler {
	private readonly starts: number[] = [];

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

	async run<T>(call: () => Promise<T>): Promise<T> {
		if (!this.firstCall) {
			const first = this.runPaced(call);
			this.firstCall = first.catch(() => undefined);
			return await first;
		}
		await this.firstCall;
		return await this.runPaced(call);
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

	private async runPaced<T>(call: () => Promise<T>): Promise<T> {
		await this.acquireSlot();
		try {
			await this.awaitWindow();
			return await call();
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
		this.marginMs = Math.min(MAX_MARGIN_MS, this.marginMs + 100);
	}

	/** Waits until one more start fits in the window, then records it. */
	private async awaitWindow(): Promise<void> {
		for (;;) {
			const now = this.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const windowMs = WINDOW_MS + this.marginMs;
			while (this.starts.length > 0 && now - this.starts[0] >= windowMs) this.starts.shift();
			if (this.starts.length < this.limits.maxPerSecond) {
				this.starts.push(now);
				return;
			}
			await sleep(windowMs - (now - this.starts[0]));
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
