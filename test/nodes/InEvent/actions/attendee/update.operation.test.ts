import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee, customFields, tags } = SANDBOX_FIXTURES;
const env = useSandbox();

const update = (updateFields: INodeParameters, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'update',
	eventId: byId(eventA.eventId),
	personId: byId(attendee.personId),
	updateFields,
	...extra,
});

describe('attendee › update', () => {
	it('sends one event.person.operate per field (key in the query, value in the body) and returns the attendee after', async () => {
		const output = await run(
			env.credential(),
			update(
				{ company: 'Analytical Engines', role: 'Engineer', present: true, level: '64' },
				{ options: { multiField: false } },
			),
		);
		const calls = requestsOf(env.sandbox(), 'event.person.operate');
		expect(calls.map((call) => [call.query.key, call.body.value])).toEqual([
			['role', 'Engineer'],
			['company', 'Analytical Engines'],
			['present', '1'],
			['level', '64'],
		]);
		for (const call of calls)
			expect(call.query).toMatchObject({ eventID: eventA.eventId, personID: attendee.personId });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			personID: attendee.personId,
			company: 'Analytical Engines',
			role: 'Engineer',
		});
	});

	it('sends all fields in one call in the multi-field form by default (the fewest calls)', async () => {
		const output = await run(env.credential(), update({ company: 'One Call Co', city: 'Lisbon' }));
		const calls = requestsOf(env.sandbox(), 'event.person.operate');
		expect(calls).toHaveLength(1);
		expect(JSON.parse(calls[0].body.content)).toEqual({ company: 'One Call Co', city: 'Lisbon' });
		expect(output[0].json).toMatchObject({ company: 'One Call Co', city: 'Lisbon' });
	});

	it('refuses a bad email or level before calling InEvent, naming the item', async () => {
		await expect(run(env.credential(), update({ email: 'nope' }))).rejects.toThrow(
			'[item 0] Email must be an email address (got "nope")',
		);
		await expect(run(env.credential(), update({ level: '3' }))).rejects.toThrow(/^\[item 0\] Level must be one of/);
		expect(requestsOf(env.sandbox(), 'event.person.operate')).toHaveLength(0);
	});

	it('names what was applied when InEvent refuses a later field', async () => {
		// Documented order: firstName, email, …, city. The admin's email belongs to someone else.
		const fields = { city: 'Porto', email: SANDBOX_FIXTURES.admin.username, firstName: 'Anna' };
		await expect(run(env.credential(), update(fields, { options: { multiField: false } }))).rejects.toThrow(
			/^\[item 0\] InEvent refused event\.person\.operate \(HTTP 400: .*already in use\)\. Applied: firstName; not applied: email, city$/,
		);
	});

	it('reports the multi-field form when InEvent applied every value in one call', async () => {
		const output = await run(env.credential(), update({ company: 'One Call Co', city: 'Lisbon' }));
		expect(output[0].json.updateForm).toBe('multiField');
	});

	for (const mode of ['refused', 'ignored'] as const) {
		it(`lands the update one field per call when the multi-field form is ${mode}, and says so`, async () => {
			env.sandbox().setOperateContent(mode);
			const output = await run(env.credential(), update({ company: 'Fallback Co', city: 'Faro' }));
			expect(output[0].json).toMatchObject({ updateForm: 'perField', company: 'Fallback Co', city: 'Faro' });
			const person = env.sandbox().store.persons.get(attendee.personId);
			expect(person).toMatchObject({ company: 'Fallback Co', city: 'Faro' });
			expect(requestsOf(env.sandbox(), 'event.person.operate').map((call) => call.query.key ?? 'content')).toEqual([
				'content',
				'company',
				'city',
			]);
		});
	}

	it('writes custom fields by API key, with or without the f_ prefix', async () => {
		const output = await run(
			env.credential(),
			update(
				{ company: 'Keys Co' },
				{
					customFields: {
						field: [
							{ key: 'f_dietary_needs', value: 'Kosher' },
							{ key: 'company_vat_id', value: 'PT123' },
						],
					},
				},
			),
		);
		const membership = env.sandbox().store.getMembership(eventA.eventId, attendee.personId);
		expect(membership?.answers.get(customFields.dietaryNeeds.feedbackId)).toBe('Kosher');
		expect(membership?.answers.get(customFields.companyVatId.feedbackId)).toBe('PT123');
		expect(output[0].json.updateForm).toBe('multiField');
	});

	it('refuses an unknown custom field naming it, the event and the item, before writing anything', async () => {
		await expect(
			run(env.credential(), update({ company: 'X' }, { customFields: { field: [{ key: 'shoe_size', value: '42' }] } })),
		).rejects.toThrow('[item 0] Custom Fields › entry 1: "shoe_size" is not a custom field of event 73565');
		expect(requestsOf(env.sandbox(), 'event.person.operate')).toHaveLength(0);
	});

	it('adds tags to the current ones by default, and replaces them in Replace mode', async () => {
		const added = await run(env.credential(), update({ tagIDs: [tags.press.tagId] }));
		expect(added[0].json.tagIDs).toBe('1,3');
		const replaced = await run(env.credential(), update({ tagIDs: '2, 4', tagMode: 'replace' }));
		expect(replaced[0].json.tagIDs).toBe('2,4');
		const cleared = await run(env.credential(), update({ tagIDs: [], tagMode: 'replace' }));
		expect(cleared[0].json.tagIDs).toBe('');
		await expect(run(env.credential(), update({ tagIDs: 'vip' }))).rejects.toThrow(
			'[item 0] Tag Names or IDs must be tag IDs (numbers) or tags from the list (got "vip")',
		);
	});
});
