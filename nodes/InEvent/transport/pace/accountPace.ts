import type { Clock } from './clock';
import { LoopStallWatch, WATCH_MS } from './loopStall';
import { StartWindow } from './startWindow';
import { Turn } from './turn';

/** InEvent blocks more than 10 calls per second on one token and 100 from one machine (inevent-api.md §7). */
export interface InEventLimits {
	perTokenPerSecond: number;
	perMachinePerSecond: number;
}

export const INEVENT_LIMITS: Readonly<InEventLimits> = { perTokenPerSecond: 10, perMachinePerSecond: 100 };

/** What the paces of every account of this process share (kept by the accounts module). */
export interface ProcessPace {
	/** InEvent's limits (raised only by tests against a sandbox whose limits are off). */
	readonly limits: Readonly<InEventLimits>;
	/** Every start of this process, whatever the account: InEvent's per-machine limit. */
	readonly starts: StartWindow;
}

/**
 * The window is a little longer than a second: InEvent counts arrivals, and the network delays one
 * call more than another (a call held up by a stalled event loop counts from when it left, see
 * LoopStallWatch). 10 calls per 1.05 s is 9.5 calls per second. Each 429 widens the margin; quiet
 * time narrows it again.
 */
const WINDOW_MS = 1000;
const INITIAL_MARGIN_MS = 50;
const MARGIN_STEP_MS = 25;
const MAX_MARGIN_MS = 500;

/**
 * A 429 while this process kept to its share means something else uses the token too: the pace
 * keeps to the share of one more process than it counted (once per round of calls), as if the
 * credential said so. After 30 quiet seconds it tries one fewer again; if the other user is still
 * there, the next 429 brings it back. Two processes left at 1 settle at 5 calls/s each.
 */
const PROBE_AFTER_QUIET_MS = 30_000;

/**
 * A call can leave the process well after its turn without the event loop ever stalling: n8n 2.41
 * starting a burst's executions delayed departures by 180-450 ms while the pace's timers still fired
 * on time, and 11 arrivals met in one second. An answered call shows when it left, within the fastest
 * round trip of the account's recent calls: its place moves there (at most this long after its turn).
 */
const MAX_DEPARTURE_DELAY_MS = 1000;
/** The longest the pace sleeps before looking at its windows again. */
const RECHECK_MS = 1000;
const ROUND_TRIP_SAMPLES = 50;
const MARGIN_EASE_AFTER_QUIET_MS = 5000;
const MIN_RATE = 0.5;

/**
 * The pace of one InEvent account in this n8n process, shared by every execution and poll that
 * uses it: calls take turns first come, first served, at most the process's share of InEvent's
 * limit start in any window, and a 429 pauses every caller and lowers the share, for when other
 * processes use the same token more than the credential says.
 */
export class AccountPace {
	/** How many processes use the token, as the credential says. */
	private processes = 1;

	/** How many more use it, as InEvent's 429s showed. */
	private unseen = 0;

	private marginMs = INITIAL_MARGIN_MS;

	private pausedUntil = 0;

	private lastBlockedAt = -Infinity;

	private slowDowns = 0;

	private lastProbeAt = -Infinity;

	private lastMarginEasedAt = -Infinity;

	private lastStartAt = -Infinity;

	private readonly starts = new StartWindow();

	private readonly stalls = new LoopStallWatch();

	private readonly queue: Array<{ signsIn: boolean; give: (turn: Turn) => void }> = [];

	/** The latest round trips from a turn to its answer, in ms. */
	private readonly roundTrips: number[] = [];

	private pumping = false;

	lastUsedAt: number;

	constructor(
		private readonly processWide: ProcessPace,
		readonly clock: Clock,
	) {
		this.lastUsedAt = clock.now();
	}

	private now(): number {
		return this.clock.now();
	}

	/** Callers are waiting for a turn. */
	get busy(): boolean {
		return this.pumping || this.queue.length > 0;
	}

	/** The credential says how many n8n processes use the token: this one keeps to 1/n of the limit. */
	shareAmong(processes: number): void {
		this.processes = Number.isFinite(processes) && processes >= 1 ? Math.floor(processes) : 1;
	}

	/** Calls per second this process starts at most on the account now. */
	get currentRate(): number {
		this.ease(this.now());
		return this.rate;
	}

	/**
	 * Waits for the caller's turn and records its start. `first` puts it at the head of the line
	 * (a call sent again after a 429, a sign-in everyone else waits for). A turn that signs in first
	 * takes two places, one for the sign-in and one for the request after it (`requestAfterSignIn`).
	 */
	async turn(first = false, signsIn = false): Promise<Turn> {
		this.lastUsedAt = this.now();
		const granted = new Promise<Turn>((give) => {
			if (first) this.queue.unshift({ signsIn, give });
			else this.queue.push({ signsIn, give });
		});
		void this.pump();
		return await granted;
	}

	/**
	 * InEvent refused a call for load (429): no call starts for `retryAfterMs`, the margin widens,
	 * and the share is that of one more process, unless it already was lowered since the call's turn
	 * (the 429s of calls already under way count once). A refusal with no turn (a sign-in) counts.
	 */
	blocked(retryAfterMs: number, refused?: Turn): void {
		const now = this.now();
		if ((refused?.round ?? this.slowDowns) >= this.slowDowns) {
			if (this.rate > MIN_RATE) this.unseen += 1;
			this.slowDowns += 1;
			this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
			this.marginMs = Math.min(MAX_MARGIN_MS, this.marginMs + MARGIN_STEP_MS);
		}
		this.lastBlockedAt = now;
	}

	/**
	 * The call given `turn` was answered: it left no later than the answer less the fastest recent
	 * round trip, and its place in the windows moves there if that is later than where it stands.
	 */
	answered(turn: Turn, at = this.now()): void {
		if (turn.givenAt === undefined || !turn.hasStarted) return;
		this.roundTrips.push(at - turn.givenAt);
		if (this.roundTrips.length > ROUND_TRIP_SAMPLES) this.roundTrips.shift();
		turn.leftAt(Math.min(at - Math.min(...this.roundTrips), turn.givenAt + MAX_DEPARTURE_DELAY_MS));
	}

	/** How many processes this one believes use the token. */
	private get sharers(): number {
		return this.processes + this.unseen;
	}

	private get rate(): number {
		return Math.max(MIN_RATE, this.processWide.limits.perTokenPerSecond / this.sharers);
	}

	/** Quiet time tries one sharer fewer, and narrows the margin step by step. */
	private ease(now: number): void {
		if (this.unseen > 0 && now - Math.max(this.lastBlockedAt, this.lastProbeAt) >= PROBE_AFTER_QUIET_MS) {
			this.unseen -= 1;
			this.lastProbeAt = now;
		}
		if (
			this.marginMs > INITIAL_MARGIN_MS &&
			now - Math.max(this.lastBlockedAt, this.lastMarginEasedAt) >= MARGIN_EASE_AFTER_QUIET_MS
		) {
			this.marginMs = Math.max(INITIAL_MARGIN_MS, this.marginMs - MARGIN_STEP_MS);
			this.lastMarginEasedAt = now;
		}
	}

	/** How long until one more arrival (two for a turn that signs in first) may start: the pause, the account's window, the process's window. */
	private waitMs(now: number, signsIn: boolean): number {
		if (now < this.pausedUntil) return this.pausedUntil - now;
		this.ease(now);
		const { rate, sharers } = this;
		// ceil(rate) starts per window of at least a second: never more than that in any second, rate on average.
		const perWindow = Math.max(1, Math.ceil(rate));
		// Processes sharing a token cannot see each other's starts: each keeps a wider margin.
		const windowMs = (WINDOW_MS * perWindow) / rate + this.marginMs + (sharers - 1) * INITIAL_MARGIN_MS;
		// Starts are spread over the window rather than sent in a burst, so two processes on one token
		// (or a process that stalled) do not land a whole window in InEvent's same second.
		const spacingMs = windowMs / perWindow / 2;
		const perProcess = Math.max(1, Math.floor(this.processWide.limits.perMachinePerSecond / this.processes));
		const room = (limit: number): number => Math.max(1, signsIn ? limit - 1 : limit);
		return Math.max(
			this.lastStartAt + spacingMs - now,
			this.starts.waitMs(now, windowMs, room(perWindow)),
			this.processWide.starts.waitMs(now, WINDOW_MS + INITIAL_MARGIN_MS, room(perProcess)),
		);
	}

	/** Gives turns as the windows allow, and watches the event loop while a granted call may not have left. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			let now = this.now();
			while (this.queue.length > 0 || this.stalls.any) {
				const wait = this.queue.length > 0 ? this.waitMs(now, this.queue[0].signsIn) : WATCH_MS;
				if (wait <= 0) {
					this.grant(now);
					continue;
				}
				// A sign-in's request still to come holds its place in every window: look again soon.
				const ms = Math.min(wait, this.stalls.any ? WATCH_MS : RECHECK_MS);
				await this.clock.sleep(ms);
				const woke = this.now();
				if (this.stalls.look(woke, ms, woke - now - ms)) this.lastStartAt = Math.max(this.lastStartAt, woke);
				now = woke;
			}
		} finally {
			this.pumping = false;
		}
	}

	private grant(now: number): void {
		const next = this.queue.shift();
		if (!next) return;
		// The request after a sign-in leaves when the sign-in has answered: until then its place is a start
		// to come (never out of the window); the execution's pace settles it when the call ends.
		const turn = Turn.given(now, this.slowDowns, next.signsIn);
		this.lastStartAt = now;
		for (const place of turn.requestAfterSignIn ? [turn, turn.requestAfterSignIn] : [turn]) {
			this.starts.add(place);
			this.processWide.starts.add(place);
		}
		this.stalls.add(turn);
		next.give(turn);
	}
}
