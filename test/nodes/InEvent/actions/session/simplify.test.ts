import type { INodeParameters } from 'n8n-workflow';

import { byId, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const KEYS = [
	'activityID',
	'eventID',
	'name',
	'dateBegin',
	'dateEnd',
	'location',
	'capacity',
	'enrolled',
	'description',
];
const LONG = `${'Agenda. '.repeat(60)}End`;

async function createSession(): Promise<string> {
	const [item] = await run(env.credential(), {
		resource: 'activity',
		operation: 'create',
		eventId: byId(eventA.eventId),
		name: 'Opening Keynote',
		dateBegin: '2027-05-01T09:00:00Z',
		dateEnd: '2027-05-01T10:00:00Z',
		additionalFields: { location: 'Hall A', capacity: 120, description: LONG },
	});
	return String(item.json.activityID);
}

const get = (activityId: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation: 'get',
	eventId: byId(eventA.eventId),
	activityId: byId(activityId),
	...parameters,
});

describe('session › Simplify', () => {
	it('Get: off gives the full session; on keeps the chosen fields in order and cuts the description to 300', async () => {
		const activityId = await createSession();
		const [full] = await run(env.credential(), get(activityId, { simple: false }));
		expect(full.json.description).toBe(LONG);
		expect(full.json).toHaveProperty('dateCreated');
		const [simple] = await run(env.credential(), get(activityId, { simple: true }));
		expect(Object.keys(simple.json)).toEqual(KEYS);
		for (const key of KEYS.filter((k) => k !== 'description')) expect(simple.json[key]).toEqual(full.json[key]);
		expect(simple.json.description).toHaveLength(300);
		expect(simple.json.description).toBe(`${LONG.slice(0, 299)}…`);
	});

	it('Get Many: on simplifies every session; with Typed Output the kept dates and counts are typed', async () => {
		const activityId = await createSession();
		const list = (parameters: INodeParameters = {}): INodeParameters => ({
			resource: 'activity',
			operation: 'getAll',
			eventId: byId(eventA.eventId),
			returnAll: true,
			...parameters,
		});
		const full = await run(env.credential(), list({ simple: false }));
		const simple = await run(env.credential(), list({ simple: true }));
		expect(simple).toHaveLength(full.length);
		simple.forEach(({ json }, index) => {
			expect(Object.keys(json)).toEqual(KEYS.filter((key) => full[index].json[key] !== undefined));
			expect(json).not.toHaveProperty('dateCreated');
		});

		const typed = await run(env.credential(), list({ simple: true, options: { typedOutput: true } }));
		const mine = typed.find(({ json }) => json.activityID === activityId);
		expect(Object.keys(mine?.json ?? {})).toEqual(KEYS);
		expect(mine?.json).toMatchObject({ capacity: 120, enrolled: 0, dateBegin: '2027-05-01T09:00:00.000Z' });
		expect(mine?.json.description).toHaveLength(300);
	});
});
