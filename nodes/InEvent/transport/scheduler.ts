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
	/** The call may sign in before its request: its place in the window counts from when it ended. */
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

	constructor(
		readonly limits: SchedulerLimits,
		private readonly now: () => number = Date.now,
	) {}

	async run<T>(pace: AccountPace, call: (stamp: Stamp) => Promise<T>, options: RunOptions = {}): Promise<T> {
		await this.acquireSlot();
		try {
			await this.awaitOwnWindow();
			const stamp = await pace.turn(options.first);
			try {
				return await call(stamp);
			} finally {
				if (options.signsIn) stamp.at = this.now();
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

	private async awaitOwnWindow(): Promise<void> {
		if (this.limits.maxPerSecond >= INEVENT_LIMITS.perTokenPerSecond) return;
		for (;;) {
			const now = this.now();
			const wait = this.own.waitMs(now, OWN_WINDOW_MS, this.limits.maxPerSecond);
			if (wait === 0) {
				this.own.add({ at: now });
				return;
			}
			await sleep(wait);
		}
	}
}
