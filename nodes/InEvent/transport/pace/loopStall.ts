import type { Turn } from './turn';

/** How often the pace looks at the event loop while a call may not have left yet. */
export const WATCH_MS = 10;

/** How much later than asked a sleep may wake before the pace takes it that the event loop stalled. */
const STALL_MS = 20;

/**
 * How much free event loop a call may need to leave the process after its turn: n8n's HTTP helper,
 * the socket's connect and its write each wait for a turn of the loop. Seen with the loop never
 * blocked over 30 ms: 90% of calls out within 27 ms on n8n 2.40 (all within 53 ms), 36 ms on 2.8.4.
 */
const LEAVE_MS = 50;

interface Leaving {
	turn: Turn;
	/** Time the loop ran freely since the turn (or since the last stall). */
	freeMs: number;
}

/**
 * The loop-stall watch: calls whose turn came but whose request may not be on the wire yet. n8n
 * writes a request only when the event loop gets to it: when the loop stalls (n8n 2.40 answering MCP
 * tool calls blocks it for 40-290 ms at a time, a queue-mode worker starting executions too), such a
 * call leaves at the end of the stall, together with the calls granted after it, and InEvent counts
 * it there. Its turn then moves to the end of the stall, where the pace's windows count it.
 */
export class LoopStallWatch {
	private calls: Leaving[] = [];

	add(turn: Turn): void {
		this.calls.push({ turn, freeMs: 0 });
	}

	get any(): boolean {
		return this.calls.length > 0;
	}

	/**
	 * The pace slept `asleepMs` and woke at `now`, `lateMs` later than asked. Returns whether a
	 * turn moved (the loop stalled while a call might not have left).
	 */
	look(now: number, asleepMs: number, lateMs: number): boolean {
		this.calls = this.calls.filter((call) => !call.turn.isGivenBack);
		const stalled = lateMs > STALL_MS && this.calls.length > 0;
		for (const call of this.calls) {
			if (stalled) {
				call.turn.leftAt(now);
				call.freeMs = 0;
			} else {
				call.freeMs += asleepMs + lateMs;
			}
		}
		this.calls = this.calls.filter((call) => call.freeMs < LEAVE_MS);
		return stalled;
	}
}
