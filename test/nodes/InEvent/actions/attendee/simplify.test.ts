import type { INodeParameters } from 'n8n-workflow';

import { byId, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

const KEYS = [
	'personID',
	'name',
	'firstName',
	'lastName',
	'email',
	'company',
	'role',
	'telephone',
	'level',
	'approved',
	'present',
	'enrollmentDate',
	'dateUpdated',
];

const get = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'get',
	eventId: byId(eventA.eventId),
	personId: byId(attendee.personId),
	...parameters,
});
const getAll = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'getAll',
	eventId: byId(eventA.eventId),
	returnAll: true,
	...parameters,
});

describe('attendee › Simplify', () => {
	it("Get: off gives InEvent's full record; on keeps the same values of only the dozen fields, in order", async () => {
		const [full] = await run(env.credential(), get({ simple: false }));
		expect(full.json).toHaveProperty('feedbacks');
		expect(full.json).toHaveProperty('username');
		const [simple] = await run(env.credential(), get({ simple: true }));
		expect(Object.keys(simple.json)).toEqual(KEYS);
		for (const key of KEYS) expect(simple.json[key]).toEqual(full.json[key]);
	});

	it('Get Many: on simplifies every attendee; off is unchanged', async () => {
		const full = await run(env.credential(), getAll({ simple: false }));
		const simple = await run(env.credential(), getAll({ simple: true }));
		expect(simple).toHaveLength(full.length);
		expect(full.length).toBeGreaterThan(0);
		simple.forEach(({ json }, index) => {
			expect(Object.keys(json)).toEqual(KEYS);
			for (const key of KEYS) expect(json[key]).toEqual(full[index].json[key]);
		});
		expect(Object.keys(full[0].json).length).toBeGreaterThan(KEYS.length);
	});

	it("is on by default, as n8n's Simplify is: a Get without the parameter keeps the dozen fields", async () => {
		const [item] = await run(env.credential(), get());
		expect(Object.keys(item.json)).toEqual(KEYS);
	});

	it('with Typed Output converts what Simplify keeps (and no custom fields come back)', async () => {
		const [item] = await run(env.credential(), get({ simple: true, options: { typedOutput: true } }));
		expect(Object.keys(item.json)).toEqual(KEYS);
		expect(typeof item.json.approved).toBe('boolean');
		expect(typeof item.json.present).toBe('boolean');
		expect(typeof item.json.level).toBe('number');
		expect(item.json.dateUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const many = await run(env.credential(), getAll({ simple: true, options: { typedOutput: true } }));
		for (const { json } of many) {
			expect(Object.keys(json)).toEqual(KEYS);
			expect(typeof json.approved).toBe('boolean');
		}
	});
});
