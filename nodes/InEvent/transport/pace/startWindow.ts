import type { Turn } from './turn';

/** The starts of the last window, to count how many more may start now. */
export class StartWindow {
	private turns: Turn[] = [];

	/** How long until fewer than `limit` starts lie inside the last `windowMs` (0: one may start now). */
	waitMs(now: number, windowMs: number, limit: number): number {
		this.turns = this.turns.filter((turn) => now - turn.countsAt < windowMs);
		if (this.turns.length < limit) return 0;
		const times = this.turns.map((turn) => turn.countsAt).sort((a, b) => a - b);
		return Math.max(1, times[this.turns.length - limit] + windowMs - now);
	}

	add(turn: Turn): void {
		this.turns.push(turn);
	}
}
