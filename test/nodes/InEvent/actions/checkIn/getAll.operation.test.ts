import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee, collector } = SANDBOX_FIXTURES;
const env = useSandbox();

const T0 = Date.parse('2027-05-01T09:00:00Z') / 1000;
const badgeOf = (personId: string) => String(env.sandbox().store.getMembership(eventA.eventId, personId)?.qrCode);

async function scanAt(operation: 'checkIn' | 'checkOut', personId: string, minute: number, activityId?: string) {
	await run(env.credential(), {
		resource: 'checkIn',
		operation,
		eventId: byId(eventA.eventId),
		identifyBy: 'code',
		code: badgeOf(personId),
		...(activityId ? { place: 'session', activityId: byId(activityId) } : {}),
		options: { date: T0 + minute * 60 },
	});
}

const list = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'checkIn',
	operation: 'getAll',
	eventId: byId(eventA.eventId),
	returnAll: true,
	...parameters,
});

describe('check-in › get many', () => {
	beforeEach(async () => {
		const [session] = env.sandbox().seedActivities(eventA.eventId, 1);
		await scanAt('checkIn', attendee.personId, 0);
		await scanAt('checkIn', collector.personId, 1);
		await scanAt('checkIn', attendee.personId, 2, session);
		await scanAt('checkOut', attendee.personId, 3);
		env.sandbox().clearLog();
	});

	it('lists every scan oldest first, or newest first', async () => {
		const all = await run(env.credential(), list());
		expect(all.map(({ json }) => [json.personID, json.type])).toEqual([
			[attendee.personId, 'in'],
			[collector.personId, 'in'],
			[attendee.personId, 'in'],
			[attendee.personId, 'out'],
		]);
		const newest = await run(env.credential(), list({ options: { newestFirst: true } }));
		expect(newest.map(({ json }) => json.date)).toEqual(all.map(({ json }) => json.date).reverse());
		expect(requestsOf(env.sandbox(), 'checklog.find').at(-1)?.query).toMatchObject({
			selection: 'all',
			sort: 'date',
			sortDirection: 'desc',
		});
	});

	it('filters by direction and by one of attendee, session or badge', async () => {
		const outs = await run(env.credential(), list({ direction: 'out' }));
		expect(outs.map(({ json }) => json.type)).toEqual(['out']);

		const colin = await run(env.credential(), list({ filters: { personId: collector.personId } }));
		expect(colin.map(({ json }) => json.personID)).toEqual([collector.personId]);
		expect(requestsOf(env.sandbox(), 'checklog.find').at(-1)?.query).toMatchObject({
			key: 'personID',
			query: collector.personId,
		});

		const atEvent = await run(env.credential(), list({ filters: { activityId: '0' } }));
		expect(atEvent).toHaveLength(3);

		await expect(
			run(env.credential(), list({ filters: { personId: attendee.personId, code: 'ABC' } })),
		).rejects.toThrow(
			'[item 0] Filter: InEvent filters the log by one field at a time; keep one of Attendee ID, Badge Code',
		);
		await expect(run(env.credential(), list({ filters: { personId: 'ana' } }))).rejects.toThrow(
			'[item 0] Attendee ID must be a number (got "ana")',
		);
	});

	it('stops at the limit', async () => {
		const two = await run(env.credential(), list({ returnAll: false, limit: 2 }));
		expect(two).toHaveLength(2);
	});
});
