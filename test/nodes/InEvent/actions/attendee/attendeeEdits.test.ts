import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee: ana, customFields } = SANDBOX_FIXTURES;
const env = useSandbox();

/** Company, role and T-shirt size from the item, as a CRM column or a model's optional argument gives them. */
const changes: INodeParameters = {
	eventId: byId(eventA.eventId),
	fields: { company: '={{ $json.company }}', role: '={{ $json.role }}' },
	customFields: { field: [{ key: 'tshirt_size', value: '={{ $json.size }}' }] },
};
const upsert = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'upsert',
	email: '={{ $json.email }}',
	name: '={{ $json.name }}',
	...changes,
	options,
});
const update = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'update',
	personId: byId(ana.personId),
	eventId: changes.eventId,
	updateFields: changes.fields,
	customFields: changes.customFields,
	options,
});

function anaStored() {
	const { store } = env.sandbox();
	const person = store.persons.get(ana.personId);
	const size = store.getMembership(eventA.eventId, ana.personId)?.answers.get(customFields.tshirtSize.feedbackId);
	return { company: person?.company, role: person?.role, size: size ?? '' };
}

const item = { name: ana.name, email: ana.username, company: '', role: 'Speaker', size: '' };

describe('attendee › Ignore Empty Values', () => {
	it("Create or Update: off, an empty value clears the attendee's field (as the item says)", async () => {
		await run(env.credential(), upsert({ ignoreEmptyValues: false }), [{ ...item, company: 'Before', size: 'M' }]);
		await run(env.credential(), upsert(), [item]);
		expect(anaStored()).toEqual({ company: '', role: 'Speaker', size: '' });
	});

	it('Create or Update: on, empty values leave the fields as they are and only the others are written', async () => {
		await run(env.credential(), upsert(), [{ ...item, company: 'Before', role: 'Guest', size: 'M' }]);
		env.sandbox().clearLog();
		const [output] = await run(env.credential(), upsert({ ignoreEmptyValues: true }), [item]);
		expect(anaStored()).toEqual({ company: 'Before', role: 'Speaker', size: 'M' });
		expect(output.json).toMatchObject({ created: false, company: 'Before', role: 'Speaker' });
		expect(requestsOf(env.sandbox(), 'feedback.respond')).toEqual([]);
	});

	it('Update: on, empty values are not sent; off, they are', async () => {
		await run(env.credential(), update(), [{ company: 'Before', role: 'Guest', size: 'M' }]);
		await run(env.credential(), update({ ignoreEmptyValues: true }), [item]);
		expect(anaStored()).toEqual({ company: 'Before', role: 'Speaker', size: 'M' });
		await run(env.credential(), update(), [item]);
		expect(anaStored()).toEqual({ company: '', role: 'Speaker', size: '' });
	});
});
