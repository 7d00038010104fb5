/** Arrival times per key within a sliding window: a time t counts while `now - t < windowMs`. */
export class SlidingWindows {
	private readonly times = new Map<string, number[]>();

	constructor(readonly windowMs: number) {}

	/** Records one arrival and returns how many arrivals (this one included) are in the window. */
	add(key: string, now: number): number {
		const times = this.prune(key, now);
		times.push(now);
		this.times.set(key, times);
		return times.length;
	}

	/**
	 * Ms from `now` until one more arrival would make at most `limit` in the window, assuming no
	 * other arrival meanwhile (0 when it already would).
	 */
	msUntilRoom(key: string, limit: number, now: number): number {
		const times = this.prune(key, now);
		const mustLeave = times.length - limit;
		if (mustLeave < 0) return 0;
		return times[mustLeave] + this.windowMs - now;
	}

	clear(): void {
		this.times.clear();
	}

	private prune(key: string, now: number): number[] {
		const times = this.times.get(key) ?? [];
		let expired = 0;
		while (expired < times.length && now - times[expired] >= this.windowMs) expired++;
		if (expired > 0) times.splice(0, expired);
		if (times.length === 0) this.times.delete(key);
		return times;
	}
}
