import type { AccountPace } from '../../../../nodes/InEvent/transport/accountPace';
import { newAccountPace } from '../../../../nodes/InEvent/transport/accounts';
import { RequestScheduler } from '../../../../nodes/InEvent/transport/scheduler';
import { mostInAnyWindow } from '../../../../tools/n8n/arrivals';

/** A seeded PRNG (mulberry32): the same stalls on every run. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A fake clock and a fake wire. A call's request reaches the server once the event loop has taken
 * it through a few hops (n8n's HTTP helper, the socket's connect and write), 2 ms each when the loop
 * is free. A stall is the process busy with something else (n8n 2.40 handling MCP tool calls, a
 * queue-mode worker starting executions): no callback runs until it ends, so every timer due in the
 * meantime runs at its end.
 */
class Wire {
	private stalledUntil = 0;

	readonly arrivals: number[] = [];

	readonly now = (): number => Math.max(Date.now(), this.stalledUntil);

	stall(ms: number): void {
		this.stalledUntil = this.now() + ms;
	}

	/** `count` stalls of `minMs` to `maxMs`, each after 20-400 ms of free loop. */
	busy(seed: number, count: number, minMs: number, maxMs: number): void {
		const random = seeded(seed);
		let at = 0;
		for (let index = 0; index < count; index++) {
			at += 20 + Math.floor(random() * 380);
			const ms = minMs + Math.floor(random() * (maxMs - minMs));
			setTimeout(() => this.stall(ms), at);
			at += ms;
		}
	}

	/** One call through its own execution's scheduler (as every MCP tool call has), then 300 ms of latency. */
	async call(pace: AccountPace, afterTurn: () => void = () => undefined): Promise<void> {
		const scheduler = new RequestScheduler({ maxPerSecond: 10, maxInFlight: 5 }, this.now);
		await scheduler.run(pace, async () => {
			afterTurn();
			for (let hop = 0; hop < 4; hop++) await new Promise((resolve) => setTimeout(resolve, 2));
			this.arrivals.push(this.now());
			await new Promise((resolve) => setTimeout(resolve, 300));
		});
	}

	async calls(pace: AccountPace, count: number, afterTurn?: (turn: number) => void): Promise<void> {
		let turns = 0;
		const calls = Array.from({ length: count }, async () => await this.call(pace, () => afterTurn?.(++turns)));
		await jest.advanceTimersByTimeAsync(120_000);
		await Promise.all(calls);
		expect(this.arrivals).toHaveLength(count);
	}
}

/** Calls per second from the first arrival to the last. */
function sustainedRate(times: number[]): number {
	return (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
}

let epoch = Date.UTC(2030, 0, 1);
beforeEach(() => {
	// Each case far from the last: the process-wide window keeps the previous case's starts.
	epoch += 3_600_000;
	jest.useFakeTimers({ now: epoch });
});
afterEach(() => jest.useRealTimers());

describe('AccountPace when the event loop stalls between a turn and the request leaving', () => {
	it('30 tool calls at once, the loop stalled right after the first turn: never 11 arrivals in a second', async () => {
		const wire = new Wire();
		await wire.calls(newAccountPace(wire.now), 30, (turn) => turn === 1 && wire.stall(200));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
	});

	it.each([1, 2, 3])(
		'a loop as busy as n8n 2.40 answering MCP tool calls (stalls of 40-290 ms), seed %i: never 11 arrivals in a second',
		async (seed) => {
			const wire = new Wire();
			wire.busy(seed, 200, 40, 290);
			await wire.calls(newAccountPace(wire.now), 200);
			expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		},
	);

	it('a queue-mode worker keeping half the pace stalls after its fifth turn until the next window opens: never 6 arrivals in a second', async () => {
		const wire = new Wire();
		const pace = newAccountPace(wire.now);
		pace.shareAmong(2);
		await wire.calls(pace, 20, (turn) => turn === 5 && wire.stall(660));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(5);
	});

	it('a queue-mode worker keeping half the pace, stalls of 40-1000 ms: never 6 arrivals in a second', async () => {
		const wire = new Wire();
		wire.busy(1, 200, 40, 1000);
		const pace = newAccountPace(wire.now);
		pace.shareAmong(2);
		await wire.calls(pace, 100);
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(5);
	});

	it('keeps its pace when the loop does not stall: 100 calls at 9.4+ calls per second', async () => {
		const wire = new Wire();
		await wire.calls(newAccountPace(wire.now), 100);
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		expect(sustainedRate(wire.arrivals)).toBeGreaterThanOrEqual(9.4);
	});

	it('turns given back unused (a sign-in was under way) do not count, even when the loop stalls', async () => {
		const wire = new Wire();
		const pace = newAccountPace(wire.now);
		let stallEnd = 0;
		const givenBack = Array.from({ length: 10 }, async (_, index) => {
			const stamp = await pace.turn();
			stamp.at = -Infinity;
			if (index < 9) return;
			wire.stall(200);
			stallEnd = wire.now();
		});
		await wire.calls(pace, 10);
		await Promise.all(givenBack);
		// The calls waiting behind them go within half a second of the stall, not a window later.
		expect(Math.max(...wire.arrivals) - stallEnd).toBeLessThan(600);
	});

	it('goes back to its full pace after a stall', async () => {
		const wire = new Wire();
		await wire.calls(newAccountPace(wire.now), 100, (turn) => turn === 3 && wire.stall(250));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		const afterStall = [...wire.arrivals].sort((a, b) => a - b).slice(20);
		expect(sustainedRate(afterStall)).toBeGreaterThanOrEqual(9.4);
	});
});
