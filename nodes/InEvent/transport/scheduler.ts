import { sleep } from 'n8n-workflow';

import type { AccountPace } from './accountPace';
import { INEVENT_LIMITS } from './accountPace';
import { StartWindow } from './startWindow';
import type { Stamp } from './startWindow';

export interface SchedulerLimits {
	/** Options › Max Requests Per Second: this execution's own cap; it can only lower the account's pace. */
	maxPerSecond: number;
	/** Options › Max Concurrent Requests: this execution's calls in flight at once. */
	maxInFlight: number;
}

const OWN_WINDOW_MS = 1050;

export interface RunOptions {
	/** The call may sign in before its request: it takes two places, the request's counted from when the call ended. */
	signsIn?: boolean;
	/** Goes to the head of the account's line (a call sent again after a 429, a sign-in others wait for). */
	first?: boolean;
}

/**
 * What one execution keeps of the pace: its items' calls in flight, and its own cap when Max
 * Requests Per Second is set below InEvent's limit. Turns are then taken from the account's pace,
 * which every execution and poll of this process shares.
 */
export class RequestScheduler {
	private readonly own = new StartWindow();

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Calls waiting for a place in the own window until a start to come gets its time. */
	private readonly startWaiters: Array<() => void> = [];

	constructor(
		readonly limits: SchedulerLimits,
		private readonly now: () => number = Date.now,
	) {}

	async run<T>(pace: AccountPace, call: (stamp: Stamp) => Promise<T>, options: RunOptions = {}): Promise<T> {
		await this.acquireSlot();
		try {
			const own = await this.awaitOwnWindow();
			const stamp = await pace.turn(options.first, options.signsIn ? 2 : 1);
			if (own) this.started(own, stamp.at);
			try {
				return await call(stamp);
			} finally {
				if (stamp.request) stamp.request.at = this.now();
				else pace.answered(stamp);
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
	 * Takes a place in this execution's own window. Until the account's pace gives the call its turn,
	 * the place counts as a start to come (at Infinity), so calls held up by the pace (a 429's pause,
	 * many executions) cannot start together later; then it counts from the real start.
	 */
	private async awaitOwnWindow(): Promise<Stamp | undefined> {
		if (this.limits.maxPerSecond >= INEVENT_LIMITS.perTokenPerSecond) return undefined;
		for (;;) {
			const wait = this.own.waitMs(this.now(), OWN_WINDOW_MS, this.limits.maxPerSecond);
			if (wait === 0) {
				const place: Stamp = { at: Infinity };
				this.own.add(place);
				return place;
			}
			if (Number.isFinite(wait)) await sleep(wait);
			else await new Promise<void>((resolve) => this.startWaiters.push(resolve));
		}
	}

	private started(place: Stamp, at: number): void {
		place.at = at;
		for (const wake of this.startWaiters.splice(0)) wake();
	}
}
