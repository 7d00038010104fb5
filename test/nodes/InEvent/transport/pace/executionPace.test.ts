import { runInOrder } from '../../../../../nodes/InEvent/helpers/runInOrder';
import { newAccountPace, resetAccountState } from '../../../../../nodes/InEvent/transport/accounts';
import { ExecutionPace } from '../../../../../nodes/InEvent/transport/pace';
import type { ExecutionPaceLimits } from '../../../../../nodes/InEvent/transport/pace';
import { VirtualClock } from '../../../../harness/virtualTime';

let clock: VirtualClock;
beforeEach(() => {
	clock = new VirtualClock();
	resetAccountState(clock);
});
afterAll(() => resetAccountState());

const executionPace = (limits: ExecutionPaceLimits): ExecutionPace => new ExecutionPace(limits, clock);

/** Any four consecutive starts span at least a second. */
function expectAtMostThreeInAnySecond(starts: number[]): void {
	for (let index = 3; index < starts.length; index++)
		expect(starts[index] - starts[index - 3]).toBeGreaterThanOrEqual(1000);
}

describe('ExecutionPace (one execution), on virtual time', () => {
	it('keeps at most Max Concurrent Requests calls in flight', async () => {
		const execution = executionPace({ maxPerSecond: 10, maxInFlight: 2 });
		const pace = newAccountPace();
		let inFlight = 0;
		let maxSeen = 0;
		const calls = Array.from({ length: 6 }, async (_, index) =>
			await execution.run(pace, async () => {
				inFlight++;
				maxSeen = Math.max(maxSeen, inFlight);
				await clock.sleep(150);
				inFlight--;
				return index;
			}),
		);
		expect(await clock.run(Promise.all(calls))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(maxSeen).toBe(2);
	});

	it("a Max Requests Per Second below InEvent's limit caps this execution only", async () => {
		const slow = executionPace({ maxPerSecond: 3, maxInFlight: 5 });
		const fast = executionPace({ maxPerSecond: 10, maxInFlight: 5 });
		const pace = newAccountPace();
		const slowStarts: number[] = [];
		const fastStarts: number[] = [];
		await clock.run(
			Promise.all([
				...Array.from({ length: 6 }, async () => await slow.run(pace, async () => void slowStarts.push(clock.now()))),
				...Array.from({ length: 6 }, async () => await fast.run(pace, async () => void fastStarts.push(clock.now()))),
			]),
		);
		expectAtMostThreeInAnySecond(slowStarts);
		// The other execution on the same account is not held back by that cap.
		expect(Math.max(...fastStarts) - Math.min(...fastStarts)).toBeLessThan(500);
	});

	it('the cap counts real starts: calls the account held back (a 429 pause) do not start together afterwards', async () => {
		const slow = executionPace({ maxPerSecond: 3, maxInFlight: 6 });
		const pace = newAccountPace();
		pace.blocked(1500);
		const starts: number[] = [];
		const began = clock.now();
		await clock.run(
			Promise.all(Array.from({ length: 6 }, async () => await slow.run(pace, async () => void starts.push(clock.now())))),
		);
		expect(Math.min(...starts) - began).toBeGreaterThanOrEqual(1500);
		expectAtMostThreeInAnySecond(starts);
	});

	it('isolates errors: a failing call does not stop the others', async () => {
		const execution = executionPace({ maxPerSecond: 10, maxInFlight: 3 });
		const pace = newAccountPace();
		const results = await clock.run(
			Promise.allSettled(
				[0, 1, 2, 3].map(async (index) =>
					await execution.run(pace, async () => {
						if (index === 1) throw new Error('boom');
						return index;
					}),
				),
			),
		);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
	});
});

describe('runInOrder', () => {
	it('keeps results in input order however long each task takes', async () => {
		const results = await clock.run(
			runInOrder(6, 3, async (index) => {
				await clock.sleep((6 - index) * 5);
				return index * 10;
			}),
		);
		expect(results).toEqual([0, 10, 20, 30, 40, 50]);
	});

	it('starts nothing new after a failure and throws the lowest failing index', async () => {
		const started: number[] = [];
		const run = runInOrder(10, 2, async (index) => {
			started.push(index);
			await clock.sleep(5);
			if (index === 1 || index === 2) throw new Error(`fail ${index}`);
			return index;
		});
		await expect(clock.run(run)).rejects.toThrow('fail 1');
		expect(started.length).toBeLessThan(10);
	});
});
