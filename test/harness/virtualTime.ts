import type { Clock } from '../../nodes/InEvent/transport/pace';
import { DOCUMENTED_RATE_LIMITS, RateLimiter } from '../../sandbox/limits/rateLimit';
import { mostInAnyWindow } from '../../tools/n8n/arrivals';

interface Timer {
	at: number;
	order: number;
	wake: () => void;
}

/** Lets every promise callback that is ready run (the microtask queue drains before the next macrotask). */
async function settleCallbacks(): Promise<void> {
	await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Time that passes only when the test says so. The pace sleeps on it; `run` lets the work go on,
 * jumping from one sleeper's wake-up to the next, so a minute of pacing takes milliseconds and
 * comes out the same on every run however busy the machine is.
 * `stall` is the process busy with something else: time passes and no sleeper wakes until it ends.
 */
export class VirtualClock implements Clock {
	private time: number;

	private timers: Timer[] = [];

	private order = 0;

	/** Real work under way (the thread pool's, e.g. compression) that takes no virtual time: see `hold`. */
	private readonly held = new Set<Promise<unknown>>();

	constructor(start = Date.UTC(2030, 0, 1)) {
		this.time = start;
	}

	readonly now = (): number => this.time;

	readonly sleep = async (ms: number): Promise<void> => {
		await new Promise<void>((wake) => {
			this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, wake });
		});
	};

	/**
	 * Real work that happens outside the event loop (the thread pool's compression, say) and so takes
	 * no time a test could count: virtual time does not move until it is done, so what runs meanwhile
	 * does not depend on how fast the machine does it.
	 */
	hold<T>(work: Promise<T>): Promise<T> {
		const held = work.finally(() => this.held.delete(held));
		held.catch(() => undefined);
		this.held.add(held);
		return work;
	}

	/** Waits (real time) until no held work is under way. */
	private async settleHeld(): Promise<void> {
		while (this.held.size > 0) {
			await Promise.allSettled([...this.held]);
			await settleCallbacks();
		}
	}

	/** The event loop blocked for `ms`: sleepers due meanwhile wake late, at its end. */
	stall(ms: number): void {
		this.time += ms;
	}

	/** Runs until `work` settles, waking sleepers in time order; fails if the work waits on nothing or past `limitMs`. */
	async run<T>(work: Promise<T>, limitMs = 3_600_000): Promise<T> {
		let settled = false;
		const watched = work.finally(() => {
			settled = true;
		});
		watched.catch(() => undefined);
		const until = this.time + limitMs;
		for (;;) {
			await settleCallbacks();
			if (settled) return await watched;
			if (this.held.size > 0) {
				await this.settleHeld();
				continue;
			}
			if (!this.wakeNext(until)) {
				throw new Error(
					this.timers.length === 0
						? 'the work waits on nothing the virtual clock can wake (a real timer, a real socket?)'
						: `the work was not done after ${limitMs} ms of virtual time`,
				);
			}
		}
	}

	/** Lets `ms` of virtual time pass, waking every sleeper due in it. */
	async advance(ms: number): Promise<void> {
		const until = this.time + ms;
		for (;;) {
			await settleCallbacks();
			await this.settleHeld();
			if (!this.wakeNext(until)) break;
		}
		this.time = Math.max(this.time, until);
		await settleCallbacks();
	}

	private wakeNext(until: number): boolean {
		if (this.timers.length === 0) return false;
		let next = 0;
		for (let index = 1; index < this.timers.length; index++) {
			const timer = this.timers[index];
			const best = this.timers[next];
			if (timer.at < best.at || (timer.at === best.at && timer.order < best.order)) next = index;
		}
		const timer = this.timers[next];
		if (timer.at > until) return false;
		this.timers.splice(next, 1);
		this.time = Math.max(this.time, timer.at);
		timer.wake();
		return true;
	}
}

/**
 * InEvent's side of the wire on virtual time: every arrival counted per token by the sandbox's own
 * rate limiter (the documented 10 calls per second per token, §7), so a test asserts what InEvent
 * would have answered rather than what the pace meant to do.
 */
export class VirtualInEvent {
	private readonly limiter = new RateLimiter();

	readonly arrivals: number[] = [];

	refused = 0;

	constructor(
		private readonly clock: VirtualClock,
		private readonly limits = DOCUMENTED_RATE_LIMITS,
	) {}

	/** A call arrives now on `token`: true when InEvent takes it, false for its 429. */
	arrive(token = 'token'): boolean {
		const now = this.clock.now();
		this.arrivals.push(now);
		const refusal = this.limiter.admit(this.limits, 'n8n', token, now);
		if (refusal) this.refused++;
		return refusal === undefined;
	}

	/** The most arrivals InEvent counted in any one second. */
	get busiestSecond(): number {
		return mostInAnyWindow(this.arrivals);
	}
}
