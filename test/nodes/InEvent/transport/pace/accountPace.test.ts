import { newAccountPace, resetAccountState, setInEventLimits } from '../../../../../nodes/InEvent/transport/accounts';
import type { AccountPace, Turn } from '../../../../../nodes/InEvent/transport/pace';
import { mostInAnyWindow } from '../../../../../tools/n8n/arrivals';
import { VirtualClock, VirtualInEvent } from '../../../../harness/virtualTime';

let clock: VirtualClock;
beforeEach(() => {
	clock = new VirtualClock();
	resetAccountState(clock);
});
afterAll(() => resetAccountState());

async function takeTurns(pace: AccountPace, count: number): Promise<number[]> {
	return await Promise.all(Array.from({ length: count }, async () => (await pace.turn()).countsAt));
}

describe('AccountPace (one InEvent account, every execution of the process), on virtual time', () => {
	it('many independent callers never start more than 10 calls in any second', async () => {
		const pace = newAccountPace();
		const callers = Array.from({ length: 10 }, async () => await takeTurns(pace, 3));
		const starts = (await clock.run(Promise.all(callers))).flat();
		expect(starts).toHaveLength(30);
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(10);
		// 30 starts at 10 per 1.05 s: the third window opens after 2.1 s, not much later.
		const span = Math.max(...starts) - Math.min(...starts);
		expect(span).toBeGreaterThanOrEqual(2000);
		expect(span).toBeLessThan(3500);
	});

	it('InEvent takes every one of 300 calls at once: none refused, about 9.5 a second', async () => {
		const pace = newAccountPace();
		const inEvent = new VirtualInEvent(clock);
		const began = clock.now();
		await clock.run(
			Promise.all(
				Array.from({ length: 300 }, async () => {
					await pace.turn();
					inEvent.arrive();
				}),
			),
		);
		expect(inEvent.refused).toBe(0);
		expect(inEvent.busiestSecond).toBeLessThanOrEqual(10);
		const rate = 300 / ((clock.now() - began) / 1000);
		expect(rate).toBeGreaterThan(9.3);
		expect(rate).toBeLessThanOrEqual(10);
	});

	it('gives turns first come, first served, and a call sent again after a 429 goes first', async () => {
		const pace = newAccountPace();
		await clock.run(takeTurns(pace, 10)); // the window is full now
		const order: string[] = [];
		const waiting = ['a', 'b', 'c'].map(async (name) => {
			await pace.turn();
			order.push(name);
		});
		const again = (async () => {
			await pace.turn(true);
			order.push('retry');
		})();
		await clock.run(Promise.all([...waiting, again]));
		expect(order).toEqual(['retry', 'a', 'b', 'c']);
	});

	it('two accounts do not slow each other down', async () => {
		const one = newAccountPace();
		const two = newAccountPace();
		const started = clock.now();
		await clock.run(Promise.all([takeTurns(one, 10), takeTurns(two, 10)]));
		// 10 starts spread over about half a second each, side by side: not the 1.5 s of one shared pace.
		expect(clock.now() - started).toBeLessThan(900);
	});

	it('keeps the whole process under the per-machine limit across accounts', async () => {
		setInEventLimits({ perMachinePerSecond: 12 });
		const accounts = [newAccountPace(), newAccountPace(), newAccountPace()];
		const starts = (await clock.run(Promise.all(accounts.map(async (pace) => await takeTurns(pace, 6))))).flat();
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(12);
	});

	it('with the credential shared by 2 processes, this one keeps to 5 calls per second', async () => {
		const pace = newAccountPace();
		pace.shareAmong(2);
		expect(pace.currentRate).toBe(5);
		const starts = await clock.run(takeTurns(pace, 12));
		expect(mostInAnyWindow(starts)).toBeLessThanOrEqual(5);
	});

	it('after a 429 keeps to the share of one more process (once per round of calls), and tries one fewer after 30 quiet seconds', async () => {
		const pace = newAccountPace();
		expect(pace.currentRate).toBe(10);
		const underWay: Turn[] = [];
		for (let call = 0; call < 3; call++) {
			underWay.push(await clock.run(pace.turn()));
			await clock.advance(200);
		}
		pace.blocked(1000, underWay[0]);
		expect(pace.currentRate).toBe(5);
		// The 429s of calls whose turn came before the slow-down count once, even if their start moved
		// later (a stalled event loop) or they signed in first.
		underWay[2].leftAt(clock.now() + 1);
		pace.blocked(1000, underWay[1]);
		pace.blocked(1000, underWay[2]);
		expect(pace.currentRate).toBe(5);
		// Quiet, but not for long enough: the other process is probably still there.
		await clock.advance(29_000);
		expect(pace.currentRate).toBe(5);
		// A call whose turn came after the slow-down, refused too: a third user of the token.
		pace.blocked(1000, await clock.run(pace.turn()));
		expect(pace.currentRate).toBeCloseTo(10 / 3);
		// A refused sign-in has no turn of its own: it counts.
		pace.blocked(1000);
		expect(pace.currentRate).toBe(2.5);
		// Each 30 quiet seconds try one sharer fewer, back to the whole limit.
		for (const expected of [10 / 3, 5, 10]) {
			await clock.advance(30_000);
			expect(pace.currentRate).toBeCloseTo(expected);
		}
	});

	it("a 429 on top of the credential's processes counts one more", async () => {
		const pace = newAccountPace();
		pace.shareAmong(2);
		pace.blocked(1000, await clock.run(pace.turn()));
		expect(pace.currentRate).toBeCloseTo(10 / 3);
		await clock.advance(30_000);
		expect(pace.currentRate).toBe(5);
		await clock.advance(30_000);
		expect(pace.currentRate).toBe(5);
	});

	it('two processes on one token, each believing it is alone, settle at 5 calls per second each after their first 429s', async () => {
		// Two paces stand for two n8n processes; InEvent counts the token's arrivals.
		const inEvent = new VirtualInEvent(clock);
		const processes = [newAccountPace(), newAccountPace()];
		const call = async (pace: AccountPace): Promise<void> => {
			for (;;) {
				const turn = await pace.turn();
				if (inEvent.arrive()) return;
				pace.blocked(1000, turn);
			}
		};
		const started = clock.now();
		await clock.run(
			Promise.all(processes.flatMap((pace) => Array.from({ length: 40 }, async () => await call(pace)))),
		);
		const seconds = (clock.now() - started) / 1000;
		expect(processes.map((pace) => pace.currentRate)).toEqual([5, 5]);
		// The first second's overlap is refused once; then 80 calls at about 9 per second, with no more 429s.
		expect(inEvent.refused).toBeLessThanOrEqual(10);
		expect(80 / seconds).toBeGreaterThan(7);
	});

	it('a turn that signs in takes two places: the sign-in and the request n8n sends after it', async () => {
		// A refreshed token in a full stream of calls: InEvent sees the sign-in when the turn is given and the
		// request when the sign-in has answered (here 400 ms later); nothing else starts meanwhile (the others
		// wait for the new token), then the stream goes on.
		const pace = newAccountPace();
		const arrivals = await clock.run(takeTurns(pace, 9));
		const signIn = await clock.run(pace.turn(true, true));
		arrivals.push(signIn.countsAt);
		await clock.advance(400);
		const request = signIn.requestAfterSignIn;
		expect(request).toBeDefined();
		expect(request?.countsAt).toBe(Infinity);
		request?.leftAt(clock.now());
		arrivals.push(clock.now());
		arrivals.push(...(await clock.run(takeTurns(pace, 10))));
		expect(mostInAnyWindow(arrivals)).toBeLessThanOrEqual(10);
	});

	it('a call that left late moves its place to when its answer shows it left', async () => {
		// The first call of a burst leaves 300 ms after its turn (n8n busy starting executions), the others
		// at once; each is answered 200 ms after it left. InEvent counts departures.
		const pace = newAccountPace();
		const inEvent = new VirtualInEvent(clock);
		const call = async (delayMs: number): Promise<void> => {
			const turn = await pace.turn();
			await clock.sleep(delayMs);
			inEvent.arrive();
			await clock.sleep(200);
			pace.answered(turn);
		};
		await clock.run(Promise.all([call(300), ...Array.from({ length: 19 }, async () => await call(0))]));
		expect(inEvent.arrivals).toHaveLength(20);
		expect(inEvent.busiestSecond).toBeLessThanOrEqual(10);
		expect(inEvent.refused).toBe(0);
	});

	it('spreads starts over the window instead of sending a window at once', async () => {
		const pace = newAccountPace();
		const starts = await clock.run(takeTurns(pace, 10));
		expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(400);
	});

	it('starts nothing while InEvent asked to wait', async () => {
		const pace = newAccountPace();
		pace.blocked(300, await clock.run(pace.turn()));
		const started = clock.now();
		await clock.run(pace.turn());
		expect(clock.now() - started).toBeGreaterThanOrEqual(300);
	});
});
