import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { companyId } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('event › create', () => {
	it('binds an event to the company with name and nickname in the body', async () => {
		const output = await run(env.credential(), {
			resource: 'event',
			operation: 'create',
			companyId: byId(companyId),
			name: 'Product Launch 2027',
			nickname: 'launch-2027',
		});
		const [bind] = requestsOf(env.sandbox(), 'company.event.bind');
		expect(bind.query).toMatchObject({ companyID: companyId });
		expect(bind.body).toEqual({ name: 'Product Launch 2027', nickname: 'launch-2027' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ name: 'Product Launch 2027', nickname: 'launch-2027' });
		expect(output[0].json.eventID).toMatch(/^\d+$/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('makes the nickname from the name when left empty, and sends copy/template options in the query', async () => {
		await run(env.credential(), {
			resource: 'event',
			operation: 'create',
			companyId: byId(companyId),
			name: 'Café Summit 2027',
			nickname: '',
			additionalFields: { siblingId: SANDBOX_FIXTURES.eventA.eventId, isTemplate: true },
		});
		const [bind] = requestsOf(env.sandbox(), 'company.event.bind');
		expect(bind.body).toEqual({ name: 'Café Summit 2027', nickname: 'cafe-summit-2027' });
		expect(bind.query).toMatchObject({ siblingID: SANDBOX_FIXTURES.eventA.eventId, isTemplate: '1' });
	});

	it('returns typed output when asked', async () => {
		const [item] = await run(env.credential(), {
			resource: 'event',
			operation: 'create',
			companyId: byId(companyId),
			name: 'Typed',
			options: { typedOutput: true },
		});
		expect(typeof item.json.eventID).toBe('string');
		expect(item.json.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(typeof item.json.visible).toBe('boolean');
	});

	it('refuses an empty name and a non-numeric company ID before calling InEvent, naming the item', async () => {
		const credential = env.credential();
		await expect(
			run(credential, { resource: 'event', operation: 'create', companyId: byId(companyId), name: '  ' }),
		).rejects.toThrow('[item 0] Event Name must not be empty');
		await expect(
			run(credential, { resource: 'event', operation: 'create', companyId: byId('acme'), name: 'X' }),
		).rejects.toThrow('[item 0] Company ID must be a number (got "acme")');
		expect(requestsOf(env.sandbox(), 'company.event.bind')).toHaveLength(0);
	});

	it('with Continue On Fail creates the good items and reports the bad one in place', async () => {
		const output = await run(
			env.credential(),
			{ resource: 'event', operation: 'create', companyId: byId(companyId), name: '={{ $json.name }}' },
			[{ name: 'First Event' }, { name: '' }, { name: 'Third Event' }],
			true,
		);
		expect(output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'First Event',
			'[item 1] Event Name must not be empty',
			'Third Event',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requestsOf(env.sandbox(), 'company.event.bind')).toHaveLength(2);
	});
});
