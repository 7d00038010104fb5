import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run as runOnce, SANDBOX_FIXTURES, useRaisedLimits } from '../../../harness/useSandbox';
import { at, useVirtualSandbox } from '../../../harness/virtualWire';

const { eventA, eventB } = SANDBOX_FIXTURES;
// On virtual time (test/harness/virtualWire.ts): n8n-core's real request path, the sandbox in process,
// its latency and log times on the same clock as the node's pace, so every bound holds the same on every run.
const env = useVirtualSandbox();

/** One run of the node, on virtual time until it is done. */
const run = async (
	...args: [
		credential: Parameters<typeof runOnce>[0],
		parameters: INodeParameters,
		items?: IDataObject[],
		continueOnFail?: boolean,
	]
) => await env.run(runOnce(...args));

const getEvent = { resource: 'event', operation: 'get', eventId: byId('={{ $json.id }}') };

describe('items processed concurrently, faster than InEvent allows (limits raised)', () => {
	useRaisedLimits({ perTokenPerSecond: 100 });

	it('signs in once before concurrent calls start, then keeps output order and pairing', async () => {
		env.sandbox().setLatency(60);
		const items = Array.from({ length: 12 }, (_, index) => ({ id: index % 2 === 0 ? eventA.eventId : eventB.eventId }));
		const started = env.clock().now();
		const output = await run(
			env.credential(),
			{ ...getEvent, options: { maxRequestsPerSecond: 100, maxConcurrentRequests: 4 } },
			items,
		);
		const elapsed = env.clock().now() - started;
		expect(output.map((item) => item.json.eventID)).toEqual(items.map((item) => item.id));
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		const log = env.sandbox().requests;
		expect(requestsOf(env.sandbox(), 'person.signIn')).toHaveLength(1);
		expect(log[0].action).toBe('person.signIn');
		// 12 calls of 60 ms, 4 at a time after the first: well under the 720 ms one-by-one would take.
		expect(elapsed).toBeLessThan(700);
	});
});

describe('items processed concurrently, paced by the scheduler', () => {
	it('never starts more than Max Requests Per Second calls in any second', async () => {
		const items = Array.from({ length: 15 }, () => ({ id: eventA.eventId }));
		await run(env.credential(), { ...getEvent, options: { maxRequestsPerSecond: 5, maxConcurrentRequests: 5 } }, items);
		const times = requestsOf(env.sandbox(), 'event.get').map((entry) => entry.time);
		expect(times).toHaveLength(15);
		for (let index = 5; index < times.length; index++)
			expect(times[index] - times[index - 5]).toBeGreaterThanOrEqual(1000);
	});

	it('a token that expires mid-run costs one sign-in, not one per call in flight', async () => {
		env.sandbox().setLatency(80);
		const items = Array.from({ length: 30 }, () => ({ id: eventA.eventId }));
		const expiry = at(env.clock(), 700, () => env.sandbox().expireAllTokens());
		const output = await run(
			env.credential(),
			{ ...getEvent, options: { maxRequestsPerSecond: 10, maxConcurrentRequests: 5 } },
			items,
		);
		expiry.cancel();
		expect(output.every((item) => item.json.eventID === eventA.eventId)).toBe(true);
		expect(requestsOf(env.sandbox(), 'person.signIn')).toHaveLength(2);
		expect(requestsOf(env.sandbox(), 'event.get').filter((entry) => entry.status === 401).length).toBeGreaterThan(0);
	});

	it('with Continue On Fail, a failing item in the middle of concurrent items keeps its place', async () => {
		const items = [
			{ id: eventA.eventId },
			{ id: '999999' },
			{ id: eventB.eventId },
			{ id: 'abc' },
			{ id: eventA.eventId },
		];
		const output = await run(env.credential(), getEvent, items, true);
		expect(output.map((item) => item.json.eventID ?? String(item.json.error).slice(0, 9))).toEqual([
			eventA.eventId,
			'[item 1] ',
			eventB.eventId,
			'[item 3] ',
			eventA.eventId,
		]);
	});
});
