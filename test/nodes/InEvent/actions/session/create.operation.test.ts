import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const NINE = Date.parse('2027-05-01T09:00:00Z') / 1000;
const create = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation: 'create',
	eventId: byId(eventA.eventId),
	name: 'Opening Keynote',
	dateBegin: '2027-05-01T09:00:00Z',
	dateEnd: '2027-05-01T10:00:00Z',
	...parameters,
});

describe('session › create', () => {
	it('sends name, times as Unix seconds and the additional fields in the body; returns the session', async () => {
		const [item] = await run(
			env.credential(),
			create({ additionalFields: { location: 'Hall A', capacity: 120, description: '<b>Welcome</b> & intro' } }),
		);
		const [call] = requestsOf(env.sandbox(), 'activity.create');
		expect(call.query).toMatchObject({ eventID: eventA.eventId });
		expect(call.body).toEqual({
			name: 'Opening Keynote',
			dateBegin: String(NINE),
			dateEnd: String(NINE + 3600),
			location: 'Hall A',
			capacity: '120',
			description: '<b>Welcome</b> & intro',
		});
		expect(item.json).toMatchObject({
			eventID: eventA.eventId,
			name: 'Opening Keynote',
			capacity: '120',
			enrolled: '0',
			dateBegin: String(NINE),
		});
		expect(item.json.activityID).toMatch(/^\d+$/);
	});

	it('returns typed output when asked: times in ISO 8601, counts as numbers, the ID a string', async () => {
		const [item] = await run(env.credential(), create({ options: { typedOutput: true } }));
		expect(item.json).toMatchObject({ dateBegin: '2027-05-01T09:00:00.000Z', capacity: 0, enrolled: 0 });
		expect(typeof item.json.activityID).toBe('string');
	});

	it.each([
		[{ dateEnd: '2027-05-01T08:00:00Z' }, '[item 0] End must not be before Start'],
		[{ name: '   ' }, '[item 0] Name must not be empty'],
		[{ dateBegin: 'tomorrow' }, '[item 0] Start must be a date'],
		[{ additionalFields: { capacity: -1 } }, '[item 0] Capacity must be a whole number, 0 for unlimited (got -1)'],
		[{ eventId: byId('abc') }, '[item 0] Event ID must be a number (got "abc")'],
	])('refuses %j before calling InEvent', async (change, message) => {
		await expect(run(env.credential(), create(change as INodeParameters))).rejects.toThrow(message);
		expect(requestsOf(env.sandbox(), 'activity.create')).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item is reported in place and the others are created', async () => {
		const output = await run(
			env.credential(),
			create({ name: '={{ $json.name }}' }),
			[{ name: 'Talk A' }, { name: '' }, { name: 'Talk C' }],
			true,
		);
		expect(output.map(({ json }) => json.name ?? json.error)).toEqual([
			'Talk A',
			'[item 1] Name must not be empty',
			'Talk C',
		]);
	});

	it('creates exactly once when InEvent stores the session but the answer is lost', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['activity.create'], times: 1 }]);
		const before = env.sandbox().store.activities.size;
		const [item] = await run(env.credential(), create({ options: { retries: 2 } }));
		expect(item.json.name).toBe('Opening Keynote');
		expect(env.sandbox().store.activities.size).toBe(before + 1);
		expect(requestsOf(env.sandbox(), 'activity.create')).toHaveLength(1);
		expect(requestsOf(env.sandbox(), 'activity.find')[0].query).toMatchObject({
			dateBegin: String(NINE),
			dateEnd: String(NINE),
		});
	});

	it('sends the create again when the lost call had not reached InEvent', async () => {
		env.sandbox().setFaults([{ kind: 'http503', actions: ['activity.create'], times: 1 }]);
		const before = env.sandbox().store.activities.size;
		await run(env.credential(), create({ options: { retries: 2 } }));
		expect(env.sandbox().store.activities.size).toBe(before + 1);
		expect(requestsOf(env.sandbox(), 'activity.create')).toHaveLength(2);
	});
});
