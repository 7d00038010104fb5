import { newAccountPace, resetAccountState } from '../../../../../nodes/InEvent/transport/accounts';
import { ExecutionPace } from '../../../../../nodes/InEvent/transport/pace';
import type { AccountPace } from '../../../../../nodes/InEvent/transport/pace';
import { mostInAnyWindow } from '../../../../../tools/n8n/arrivals';
import { VirtualClock } from '../../../../harness/virtualTime';

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
 * A virtual clock and a wire on it. A call's request reaches the server once the event loop has taken
 * it through a few hops (n8n's HTTP helper, the socket's connect and write), 2 ms each when the loop
 * is free. A stall is the process busy with something else (n8n 2.40 handling MCP tool calls, a
 * queue-mode worker starting executions): no callback runs until it ends, so every sleeper due in the
 * meantime wakes at its end.
 */
class Wire {
	readonly arrivals: number[] = [];

	constructor(readonly clock: VirtualClock) {}

	stall(ms: number): void {
		this.clock.stall(ms);
	}

	/** `count` stalls of `minMs` to `maxMs`, each after 20-400 ms of free loop. */
	busy(seed: number, count: number, minMs: number, maxMs: number): void {
		const random = seeded(seed);
		let at = 0;
		for (let index = 0; index < count; index++) {
			at += 20 + Math.floor(random() * 380);
			const ms = minMs + Math.floor(random() * (maxMs - minMs));
			void this.clock.sleep(at).then(() => this.stall(ms));
			at += ms;
		}
	}

	/** One call through its own execution's pace (as every MCP tool call has), then 300 ms of latency. */
	async call(pace: AccountPace, afterTurn: () => void = () => undefined): Promise<void> {
		const execution = new ExecutionPace({ maxPerSecond: 10, maxInFlight: 5 }, this.clock);
		await execution.run(pace, async () => {
			afterTurn();
			for (let hop = 0; hop < 4; hop++) await this.clock.sleep(2);
			this.arrivals.push(this.clock.now());
			await this.clock.sleep(300);
		});
	}

	async calls(pace: AccountPace, count: number, afterTurn?: (turn: number) => void): Promise<void> {
		let turns = 0;
		const calls = Array.from({ length: count }, async () => await this.call(pace, () => afterTurn?.(++turns)));
		await this.clock.run(Promise.all(calls));
		expect(this.arrivals).toHaveLength(count);
	}
}

/** Calls per second from the first arrival to the last. */
function sustainedRate(times: number[]): number {
	return (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
}

let clock: VirtualClock;
beforeEach(() => {
	clock = new VirtualClock();
	resetAccountState(clock);
});
afterAll(() => resetAccountState());

describe('AccountPace when the event loop stalls between a turn and the request leaving', () => {
	it('30 tool calls at once, the loop stalled right after the first turn: never 11 arrivals in a second', async () => {
		const wire = new Wire(clock);
		await wire.calls(newAccountPace(), 30, (turn) => turn === 1 && wire.stall(200));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
	});

	it.each([1, 2, 3])(
		'a loop as busy as n8n 2.40 answering MCP tool calls (stalls of 40-290 ms), seed %i: never 11 arrivals in a second',
		async (seed) => {
			const wire = new Wire(clock);
			wire.busy(seed, 200, 40, 290);
			await wire.calls(newAccountPace(), 200);
			expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		},
	);

	it('a queue-mode worker keeping half the pace stalls after its fifth turn until the next window opens: never 6 arrivals in a second', async () => {
		const wire = new Wire(clock);
		const pace = newAccountPace();
		pace.shareAmong(2);
		await wire.calls(pace, 20, (turn) => turn === 5 && wire.stall(660));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(5);
	});

	it('a queue-mode worker keeping half the pace, stalls of 40-1000 ms: never 6 arrivals in a second', async () => {
		const wire = new Wire(clock);
		wire.busy(1, 200, 40, 1000);
		const pace = newAccountPace();
		pace.shareAmong(2);
		await wire.calls(pace, 100);
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(5);
	});

	it('keeps its pace when the loop does not stall: 100 calls at 9.4+ calls per second', async () => {
		const wire = new Wire(clock);
		await wire.calls(newAccountPace(), 100);
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		expect(sustainedRate(wire.arrivals)).toBeGreaterThanOrEqual(9.4);
	});

	it('turns given back unused (a sign-in was under way) do not count, even when the loop stalls', async () => {
		const wire = new Wire(clock);
		const pace = newAccountPace();
		let stallEnd = 0;
		const givenBack = Array.from({ length: 10 }, async (_, index) => {
			const turn = await pace.turn();
			turn.giveBack();
			if (index < 9) return;
			wire.stall(200);
			stallEnd = clock.now();
		});
		await wire.calls(pace, 10);
		await Promise.all(givenBack);
		// The calls waiting behind them go within half a second of the stall, not a window later.
		expect(Math.max(...wire.arrivals) - stallEnd).toBeLessThan(600);
	});

	it('goes back to its full pace after a stall', async () => {
		const wire = new Wire(clock);
		await wire.calls(newAccountPace(), 100, (turn) => turn === 3 && wire.stall(250));
		expect(mostInAnyWindow(wire.arrivals)).toBeLessThanOrEqual(10);
		const afterStall = [...wire.arrivals].sort((a, b) => a - b).slice(20);
		expect(sustainedRate(afterStall)).toBeGreaterThanOrEqual(9.4);
	});
});
