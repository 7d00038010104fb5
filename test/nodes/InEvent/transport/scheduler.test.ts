import { RequestScheduler } from '../../../../nodes/InEvent/transport/scheduler';
import { runInOrder } from '../../../../nodes/InEvent/helpers/runInOrder';

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('RequestScheduler', () => {
	it('never starts more than N calls in any window, and never more than M at once', async () => {
		const scheduler = new RequestScheduler({ maxPerSecond: 4, maxInFlight: 2 });
		const starts: number[] = [];
		let inFlight = 0;
		let maxSeen = 0;
		const calls = Array.from({ length: 12 }, (_, index) =>
			scheduler.run(async () => {
				starts.push(Date.now());
				inFlight++;
				maxSeen = Math.max(maxSeen, inFlight);
				await delay(30);
				inFlight--;
				return index;
			}),
		);
		expect(await Promise.all(calls)).toEqual(Array.from({ length: 12 }, (_, index) => index));
		expect(maxSeen).toBe(2);
		for (let index = 4; index < starts.length; index++) {
			expect(starts[index] - starts[index - 4]).toBeGreaterThanOrEqual(1000);
		}
	});

	it('runs the first call alone, so one sign-in happens before concurrent calls', async () => {
		const scheduler = new RequestScheduler({ maxPerSecond: 100, maxInFlight: 5 });
		const events: string[] = [];
		await Promise.all(
			[0, 1, 2].map((index) =>
				scheduler.run(async () => {
					events.push(`start ${index}`);
					await delay(index === 0 ? 50 : 5);
					events.push(`end ${index}`);
				}),
			),
		);
		expect(events.slice(0, 2)).toEqual(['start 0', 'end 0']);
	});

	it('isolates errors: a failing call does not stop the others', async () => {
		const scheduler = new RequestScheduler({ maxPerSecond: 100, maxInFlight: 3 });
		const results = await Promise.allSettled(
			[0, 1, 2, 3].map((index) =>
				scheduler.run(async () => {
					if (index === 1) throw new Error('boom');
					return index;
				}),
			),
		);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
	});

	it('shares one refresh between calls refused with the same token', async () => {
		const scheduler = new RequestScheduler({ maxPerSecond: 100, maxInFlight: 5 });
		let refreshes = 0;
		const generation = scheduler.tokenGeneration;
		const refresh = async () => {
			refreshes++;
			await delay(30);
			return 'fresh';
		};
		const outcomes = await Promise.all([0, 1, 2].map(() => scheduler.refreshOnce(generation, refresh)));
		expect(refreshes).toBe(1);
		expect(outcomes.filter((outcome) => outcome.resend)).toHaveLength(2);
		expect(await scheduler.refreshOnce(generation, refresh)).toEqual({ resend: true });
		expect(refreshes).toBe(1);
	});
});

describe('RequestScheduler after InEvent blocked a call', () => {
	it('starts nothing until the pause is over', async () => {
		const scheduler = new RequestScheduler({ maxPerSecond: 100, maxInFlight: 5 });
		await scheduler.run(async () => undefined);
		scheduler.blocked(300);
		const started = Date.now();
		await scheduler.run(async () => undefined);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('runInOrder', () => {
	it('keeps results in input order however long each task takes', async () => {
		const results = await runInOrder(6, 3, async (index) => {
			await delay((6 - index) * 5);
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50]);
	});

	it('starts nothing new after a failure and throws the lowest failing index', async () => {
		const started: number[] = [];
		const run = runInOrder(10, 2, async (index) => {
			started.push(index);
			await delay(5);
			if (index === 1 || index === 2) throw new Error(`fail ${index}`);
			return index;
		});
		await expect(run).rejects.toThrow('fail 1');
		expect(started.length).toBeLessThan(10);
	});
});
