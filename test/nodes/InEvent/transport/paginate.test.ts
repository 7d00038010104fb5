import type { INodeExecutionData } from 'n8n-workflow';

import type { RequestLogEntry } from '../../../../sandbox';
import { runNode } from '../../../harness/runNode';
import { byId, requestsOf, SANDBOX_FIXTURES, useRaisedLimits } from '../../../harness/useSandbox';
import { useVirtualSandbox } from '../../../harness/virtualWire';

const { companyId } = SANDBOX_FIXTURES;
// On virtual time (test/harness/virtualWire.ts): n8n-core's real request path, the sandbox in process,
// its rate limiter, latency and log times (what mostAtOnce reads) on the same clock as the node's pace.
const env = useVirtualSandbox();

/** A new event holding exactly `count` attendees. */
function eventWith(count: number): string {
	const [eventId] = env.sandbox().seedEvents(companyId, 1);
	const existing = env.sandbox().store.countAttendees(eventId);
	if (count < existing) throw new Error(`a new event already has ${existing} attendees`);
	env.sandbox().seedAttendees(eventId, count - existing);
	return eventId;
}

async function getMany(
	eventId: string,
	{ limit, maxConcurrentRequests, retries }: { limit?: number; maxConcurrentRequests?: number; retries?: number } = {},
): Promise<INodeExecutionData[]> {
	return await env.run(
		runNode({
			parameters: {
				resource: 'attendee',
				operation: 'getAll',
				eventId: byId(eventId),
				returnAll: limit === undefined,
				...(limit === undefined ? {} : { limit }),
				options: {
					...(maxConcurrentRequests === undefined ? {} : { maxConcurrentRequests }),
					...(retries === undefined ? {} : { retries }),
				},
			},
			credential: env.credential(),
		}),
	);
}

const pages = (): RequestLogEntry[] => requestsOf(env.sandbox(), 'event.person.find');
const ids = (items: INodeExecutionData[]) => items.map((item) => String(item.json.personID));

/** The most requests InEvent was answering at the same moment. */
function mostAtOnce(entries: RequestLogEntry[]): number {
	return Math.max(
		0,
		...entries.map(
			(entry) => entries.filter((other) => other.time <= entry.time && entry.time < other.time + other.delayMs).length,
		),
	);
}

describe('Get Many reads pages ahead of time, in offset order', () => {
	useRaisedLimits({ perTokenPerSecond: 100 });

	it.each([0, 1, 99, 100, 101, 250, 1234, 20000])(
		'%i attendees: all of them, each once, in the order of a strictly sequential read; waste below the pages in flight',
		async (count) => {
			const eventId = eventWith(count);
			const sequential = await getMany(eventId, { maxConcurrentRequests: 1 });
			const needed = Math.floor(count / 100) + 1;
			expect(pages()).toHaveLength(needed);
			env.sandbox().clearLog();

			const pipelined = await getMany(eventId);
			expect(pipelined).toHaveLength(count);
			expect(new Set(ids(pipelined)).size).toBe(count);
			expect(ids(pipelined)).toEqual(ids(sequential));
			const offsets = pages().map((entry) => Number(entry.query.offset));
			expect(offsets.slice(0, needed)).toEqual(Array.from({ length: needed }, (_, index) => index * 100));
			// A list that fits in one page costs one call; beyond the end, fewer calls than the 5 in flight.
			if (count < 100) expect(offsets).toEqual([0]);
			expect(offsets.length - needed).toBeLessThanOrEqual(4);
		},
		60_000,
	);

	it('with a Limit asks for exactly the pages it needs, none more', async () => {
		const eventId = eventWith(1234);
		const items = await getMany(eventId, { limit: 250 });
		expect(items).toHaveLength(250);
		expect(pages().map((entry) => [entry.query.offset, entry.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '50'],
		]);
	});

	it('a page that still fails after its retries fails the list, naming its offset, with no partial list', async () => {
		const eventId = eventWith(1234);
		env.sandbox().setFaults([{ kind: 'http500', actions: ['event.person.find'], skip: 3, times: 50 }]);
		const run = getMany(eventId, { retries: 1 });
		await expect(run).rejects.toThrow(
			/HTTP 500.*reading event\.person\.find at offset 300; no partial list was returned/,
		);
	}, 30_000);

	it('a page that fails once is retried and the list is whole', async () => {
		const eventId = eventWith(640);
		env.sandbox().setFaults([{ kind: 'http503', actions: ['event.person.find'], skip: 2, times: 1 }]);
		const items = await getMany(eventId);
		expect(new Set(ids(items)).size).toBe(640);
	}, 30_000);
});

describe("at InEvent's latency and limits", () => {
	it('keeps several pages in flight, never more than InEvent allows', async () => {
		env.sandbox().setRateLimits(true);
		env.sandbox().setLatency(300);
		const eventId = eventWith(2000);
		const items = await getMany(eventId);
		expect(items).toHaveLength(2000);
		expect(env.sandbox().stats().rateLimited).toBe(0);
		expect(mostAtOnce(pages())).toBeGreaterThanOrEqual(3);
	}, 60_000);

	it('Max Concurrent Requests = 1 reads strictly one page after the other', async () => {
		env.sandbox().setLatency(50);
		const eventId = eventWith(450);
		await getMany(eventId, { maxConcurrentRequests: 1 });
		expect(pages()).toHaveLength(5);
		expect(mostAtOnce(pages())).toBe(1);
	}, 60_000);
});
