import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
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
});
