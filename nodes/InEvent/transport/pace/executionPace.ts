import type { AccountPace } from './accountPace';
import { INEVENT_LIMITS } from './accountPace';
import type { Clock } from './clock';
import { StartWindow } from './startWindow';
import { Turn } from './turn';

export interface ExecutionPaceLimits {
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
export class ExecutionPace {
	private readonly own = new StartWindow();

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Calls waiting for a place in the own window until a place still to come gets its start. */
	private readonly startWaiters: Array<() => void> = [];

	constructor(
		readonly limits: ExecutionPaceLimits,
		private readonly clock: Clock,
	) {}

	/** Runs `call` in its turn: within this execution's caps, then at the account's pace. */
	async run<T>(pace: AccountPace, call: (turn: Turn) => Promise<T>, options: RunOptions = {}): Promise<T> {
		await this.acquireSlot();
		try {
			const own = await this.awaitOwnWindow();
			const turn = await pace.turn(options.first, options.signsIn);
			if (own) this.started(own, turn.countsAt);
			try {
				return await call(turn);
			} finally {
				if (turn.requestAfterSignIn) turn.requestAfterSignIn.leftAt(this.clock.now());
				else pace.answered(turn);
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
	 * the place is still to come, so calls held up by the pace (a 429's pause, many executions) cannot
	 * start together later; then it counts from the real start.
	 */
	private async awaitOwnWindow(): Promise<Turn | undefined> {
		if (this.limits.maxPerSecond >= INEVENT_LIMITS.perTokenPerSecond) return undefined;
		for (;;) {
			const wait = this.own.waitMs(this.clock.now(), OWN_WINDOW_MS, this.limits.maxPerSecond);
			if (wait === 0) {
				const place = Turn.toCome();
				this.own.add(place);
				return place;
			}
			if (Number.isFinite(wait)) await this.clock.sleep(wait);
			else await new Promise<void>((resolve) => this.startWaiters.push(resolve));
		}
	}

	private started(place: Turn, at: number): void {
		place.leftAt(at);
		for (const wake of this.startWaiters.splice(0)) wake();
	}
}
