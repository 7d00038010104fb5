import type { AccountPace } from '../../../../nodes/InEvent/transport/accountPace';
import { newAccountPace, setInEventLimits } from '../../../../nodes/InEvent/transport/accounts';
import { mostInAnyWindow } from '../../../../tools/n8n/arrivals';

async function takeTurns(pace: AccountPace, count: number): Promise<number[]> {
	return await Promise.all(Array.from({ length: count }, async () => (await pace.turn()).at));
}

describe('AccountPace (one InEvent account, every execution of the process)', () => {
	it('many independent callers never start more than 10 calls in any second', async () => {
		const pace = newAccountPace();
		const callers = Array.from({ length: 10 }, () => takeTurns(pace, 3));
		const starts = (await Promise.all(callers)).flat();
		expect(starts).toHaveLength(30);
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(10);
		// 30 starts at 10 per 1.05 s: the third window opens after 2.1 s, not much later.
		const span = Math.max(...starts) - Math.min(...starts);
		expect(span).toBeGreaterThanOrEqual(2000);
		expect(span).toBeLessThan(3500);
	});

	it('gives turns first come, first served, and a call sent again after a 429 goes first', async () => {
		const pace = newAccountPace();
		await takeTurns(pace, 10); // the window is full now
		const order: string[] = [];
		const waiting = ['a', 'b', 'c'].map(async (name) => {
			await pace.turn();
			order.push(name);
		});
		const again = (async () => {
			await pace.turn(true);
			order.push('retry');
		})();
		await Promise.all([...waiting, again]);
		expect(order).toEqual(['retry', 'a', 'b', 'c']);
	});

	it('two accounts do not slow each other down', async () => {
		const one = newAccountPace();
		const two = newAccountPace();
		const started = Date.now();
		await Promise.all([takeTurns(one, 10), takeTurns(two, 10)]);
		// 10 starts spread over about half a second each, side by side: not the 1.5 s of one shared pace.
		expect(Date.now() - started).toBeLessThan(900);
	});

	it('keeps the whole process under the per-machine limit across accounts', async () => {
		setInEventLimits({ perMachinePerSecond: 12 });
		const accounts = [newAccountPace(), newAccountPace(), newAccountPace()];
		const starts = (await Promise.all(accounts.map(async (pace) => await takeTurns(pace, 6)))).flat();
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(12);
	});

	it('with the credential shared by 2 processes, this one keeps to 5 calls per second', async () => {
		const pace = newAccountPace();
		pace.shareAmong(2);
		expect(pace.currentRate).toBe(5);
		const starts = await takeTurns(pace, 12);
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(5);
	});

	it('after a 429 halves the pace once per round of calls, recovers fast to 85% of it, then slowly', async () => {
		let now = 1_000_000;
		const pace = newAccountPace(() => now);
		expect(pace.currentRate).toBe(10);
		pace.blocked(1000, now - 100);
		expect(pace.currentRate).toBe(5);
		// More 429s of calls that left before the slow-down count once.
		pace.blocked(1000, now - 200);
		pace.blocked(1000, now - 50);
		expect(pace.currentRate).toBe(5);
		// Fast back towards the pace that met the 429: 1 call/s per quiet second, up to 8.5.
		now += 999;
		expect(pace.currentRate).toBe(5);
		for (const expected of [6, 7, 8, 8.5]) {
			now += 1000;
			expect(pace.currentRate).toBe(expected);
		}
		// Beyond it, 0.5 call/s per 5 quiet seconds.
		now += 1000;
		expect(pace.currentRate).toBe(8.5);
		now += 4000;
		expect(pace.currentRate).toBe(9);
		// A call that left after the slow-down and was refused too: half of the pace it met.
		pace.blocked(1000, now - 100);
		expect(pace.currentRate).toBe(4.5);
		for (let step = 0; step < 30; step++) {
			now += 5000;
			void pace.currentRate;
		}
		expect(pace.currentRate).toBe(10);
	});

	it('spreads starts over the window instead of sending a window at once', async () => {
		const pace = newAccountPace();
		const starts = await takeTurns(pace, 10);
		expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(400);
	});

	it('starts nothing while InEvent asked to wait', async () => {
		const pace = newAccountPace();
		await pace.turn();
		pace.blocked(300, Date.now());
		const started = Date.now();
		await pace.turn();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});
