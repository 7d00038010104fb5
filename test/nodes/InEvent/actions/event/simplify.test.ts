import type { INodeParameters } from 'n8n-workflow';

import { byId, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

/** The sandbox's event has no attendee count, so `attendeesCount` stays out. */
const KEYS = ['eventID', 'name', 'nickname', 'dateBegin', 'dateEnd', 'city', 'address', 'timezone', 'companyID'];

const get = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'event',
	operation: 'get',
	eventId: byId(eventA.eventId),
	...parameters,
});

describe('event › Simplify', () => {
	it("Get: off gives InEvent's full record; on keeps the same values of only the chosen fields, in order", async () => {
		const [full] = await run(env.credential(), get({ simple: false }));
		expect(full.json).toHaveProperty('description');
		expect(full.json).not.toHaveProperty('attendeesCount');
		const [simple] = await run(env.credential(), get({ simple: true }));
		expect(Object.keys(simple.json)).toEqual(KEYS);
		for (const key of KEYS) expect(simple.json[key]).toEqual(full.json[key]);
	});

	it('Get Many: on simplifies every event; with Typed Output the dates kept are ISO 8601', async () => {
		const [{ json: one }] = await run(env.credential(), get({ simple: false }));
		const companyId = byId(String(one.companyID));
		const full = await run(env.credential(), {
			resource: 'event',
			operation: 'getAll',
			companyId,
			returnAll: true,
			simple: false,
		});
		const simple = await run(env.credential(), {
			resource: 'event',
			operation: 'getAll',
			companyId,
			returnAll: true,
			simple: true,
		});
		expect(full.length).toBeGreaterThan(0);
		expect(simple).toHaveLength(full.length);
		simple.forEach(({ json }, index) => {
			expect(Object.keys(json)).toEqual(KEYS.filter((key) => full[index].json[key] !== undefined));
			expect(Object.keys(json).length).toBeLessThan(Object.keys(full[index].json).length);
		});

		const [typed] = await run(env.credential(), get({ simple: true, options: { typedOutput: true } }));
		expect(Object.keys(typed.json)).toEqual(KEYS);
		expect(typed.json.dateBegin).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(typed.json.eventID).toBe(eventA.eventId);
	});
});
