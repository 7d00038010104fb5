/** A call's place in a window: when it started (moved to its end for a call that signed in first). */
export interface Stamp {
	at: number;
	/** When the turn was given (`at` may move later: a stalled loop, a late departure, a sign-in first). */
	readonly givenAt?: number;
	/** How many times the account's pace had slowed down when the turn was given: a 429 slows it once per round. */
	round?: number;
	/**
	 * A turn that signs in first reaches InEvent twice: the sign-in when the turn is given, then the request
	 * n8n sends after it. This is the request's place: a start to come (Infinity) until the call ends.
	 */
	request?: Stamp;
}

/** The starts of the last window, to count how many more may start now. */
export class StartWindow {
	private stamps: Stamp[] = [];

	/** How long until fewer than `limit` starts lie inside the last `windowMs` (0: one may start now). */
	waitMs(now: number, windowMs: number, limit: number): number {
		this.stamps = this.stamps.filter((stamp) => now - stamp.at < windowMs);
		if (this.stamps.length < limit) return 0;
		const times = this.stamps.map((stamp) => stamp.at).sort((a, b) => a - b);
		return Math.max(1, times[this.stamps.length - limit] + windowMs - now);
	}

	add(stamp: Stamp): void {
		this.stamps.push(stamp);
	}
}
