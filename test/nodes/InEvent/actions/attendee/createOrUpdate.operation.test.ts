import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee: ana, collector, customFields, tags } = SANDBOX_FIXTURES;
const env = useSandbox();

const upsert = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'upsert',
	eventId: byId(eventA.eventId),
	email: '={{ $json.email }}',
	name: '={{ $json.name }}',
	...extra,
});

const answers = (...fields: Array<[string, string]>): INodeParameters => ({
	customFields: { field: fields.map(([key, value]) => ({ key, value })) },
});

/** The stored attendee of eventA with this email: the sandbox's own state, not what the node said. */
function stored(email: string) {
	const person = env.sandbox().store.findPersonByEmail(email);
	const membership = person && env.sandbox().store.getMembership(eventA.eventId, person.personID);
	return { person, membership };
}

function writesOf(): string[] {
	return env
		.sandbox()
		.requests.filter((entry) =>
			['event.person.bind', 'event.person.operate', 'feedback.respond'].includes(entry.action),
		)
		.map((entry) => entry.action);
}

describe('attendee › create or update', () => {
	it('registers a new email with its fields and custom answers: one look-up and one write', async () => {
		const output = await run(
			env.credential(),
			upsert({ fields: { company: 'Navy', role: 'Rear Admiral' }, ...answers(['dietary_needs', 'Vegan']) }),
			[{ name: 'Grace Hopper', email: 'grace@navy.test' }],
		);
		expect(requestsOf(env.sandbox(), 'event.person.get').map((entry) => entry.query.email)).toEqual([
			'grace@navy.test',
		]);
		expect(writesOf()).toEqual(['event.person.bind']);
		expect(requestsOf(env.sandbox(), 'event.person.bind')[0].body).toEqual({
			name: 'Grace Hopper',
			username: 'grace@navy.test',
			email: 'grace@navy.test',
			origin: 'n8n',
			role: 'Rear Admiral',
			company: 'Navy',
			f_dietary_needs: 'Vegan',
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ created: true, updateForm: 'unchanged', company: 'Navy' });
		const { person, membership } = stored('grace@navy.test');
		expect(person?.company).toBe('Navy');
		expect(membership?.answers.get(customFields.dietaryNeeds.feedbackId)).toBe('Vegan');
	});

	it('updates the existing attendee with that email in one multi-field call, and says so', async () => {
		const output = await run(
			env.credential(),
			upsert({ fields: { company: 'Analytical Engines', city: 'London' }, ...answers(['tshirt_size', 'L']) }),
			[{ name: ana.name, email: ana.username }],
		);
		expect(writesOf()).toEqual(['event.person.operate']);
		const [operate] = requestsOf(env.sandbox(), 'event.person.operate');
		expect(operate.query).toMatchObject({ eventID: eventA.eventId, personID: ana.personId });
		// The name is what Ana already has: it is not sent again.
		expect(JSON.parse(operate.body.content)).toEqual({
			company: 'Analytical Engines',
			city: 'London',
			f_tshirt_size: 'L',
		});
		expect(output[0].json).toMatchObject({
			personID: ana.personId,
			created: false,
			updateForm: 'multiField',
			company: 'Analytical Engines',
		});
		const { person, membership } = stored(ana.username);
		expect(person?.city).toBe('London');
		expect(membership?.answers.get(customFields.tshirtSize.feedbackId)).toBe('L');
	});

	it('finds the attendee whatever the case of the email and the spaces around it', async () => {
		const before = env.sandbox().store.persons.size;
		const output = await run(env.credential(), upsert({ fields: { company: 'Case Co' } }), [
			{ name: ana.name, email: `  ${ana.username.toUpperCase()} ` },
		]);
		// The node compares emails itself: it asks for the lower-case form first, whatever InEvent's comparison.
		expect(requestsOf(env.sandbox(), 'event.person.get').map((entry) => entry.query.email)).toEqual([ana.username]);
		expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(0);
		expect(env.sandbox().store.persons.size).toBe(before);
		expect(output[0].json).toMatchObject({ personID: ana.personId, created: false, company: 'Case Co' });
	});

	it('writes nothing when the list is sent again unchanged', async () => {
		const parameters = upsert({ fields: { company: 'Same Co' }, ...answers(['dietary_needs', 'Vegan']) });
		const items = [
			{ name: 'Grace Hopper', email: 'grace@navy.test' },
			{ name: ana.name, email: ana.username },
		];
		await run(env.credential(), parameters, items);
		env.sandbox().clearLog();
		const again = await run(env.credential(), parameters, items);
		expect(writesOf()).toEqual([]);
		expect(again.map((item) => [item.json.created, item.json.updateForm])).toEqual([
			[false, 'unchanged'],
			[false, 'unchanged'],
		]);
	});

	it('adds tags to those the attendee has, or replaces them, picked by tag ID', async () => {
		const add = await run(env.credential(), upsert({ fields: { tagIDs: [tags.speaker.tagId, tags.press.tagId] } }), [
			{ name: ana.name, email: ana.username },
		]);
		expect(add[0].json.tagIDs).toBe('1,2,3');
		expect(stored(ana.username).membership?.tagIDs).toEqual(['1', '2', '3']);
		await run(env.credential(), upsert({ fields: { tagIDs: tags.staff.tagId, tagMode: 'replace' } }), [
			{ name: ana.name, email: ana.username },
		]);
		expect(stored(ana.username).membership?.tagIDs).toEqual(['5']);
	});

	it('writes what the registration does not take (city, tags) in one more call for a new attendee', async () => {
		const output = await run(env.credential(), upsert({ fields: { city: 'Arlington', tagIDs: [tags.vip.tagId] } }), [
			{ name: 'Grace Hopper', email: 'grace@navy.test' },
		]);
		expect(writesOf()).toEqual(['event.person.bind', 'event.person.operate']);
		expect(output[0].json).toMatchObject({ created: true, updateForm: 'multiField', city: 'Arlington', tagIDs: '1' });
	});

	it('reads the event custom fields once for all items, and names an unknown key with its item', async () => {
		const output = await run(
			env.credential(),
			upsert({ ...answers(['={{ $json.field }}', 'x']) }),
			[
				{ name: 'A One', email: 'a1@test.test', field: 'f_dietary_needs' },
				{ name: 'A Two', email: 'a2@test.test', field: 'shoe_size' },
				{ name: 'A Three', email: 'a3@test.test', field: 'tshirt_size' },
			],
			true,
		);
		expect(requestsOf(env.sandbox(), 'feedback.find')).toHaveLength(1);
		expect(output.map((item) => item.json.created ?? item.json.error)).toEqual([
			true,
			expect.stringContaining(
				'[item 1] Custom Fields › entry 1: "shoe_size" is not a custom field of event 73565 (its API field keys: dietary_needs, tshirt_size, company_vat_id)',
			),
			true,
		]);
		expect(stored('a2@test.test').person).toBeUndefined();
		expect(stored('a3@test.test').membership?.answers.get(customFields.tshirtSize.feedbackId)).toBe('x');
	});

	it('creates exactly once when the registration is lost on the way back', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['event.person.bind'], times: 1 }]);
		const output = await run(env.credential(), upsert({ ...answers(['dietary_needs', 'Vegan']) }), [
			{ name: 'Grace Hopper', email: 'grace@navy.test' },
		]);
		expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(1);
		expect(output[0].json).toMatchObject({ created: true, email: 'grace@navy.test' });
		expect(stored('grace@navy.test').membership?.answers.get(customFields.dietaryNeeds.feedbackId)).toBe('Vegan');
	});

	describe('when InEvent does not honour the multi-field form', () => {
		for (const mode of ['refused', 'ignored'] as const) {
			it(`(${mode}) the update lands one field per call and answers by feedback.respond, and the account keeps that form`, async () => {
				env.sandbox().setOperateContent(mode);
				const output = await run(
					env.credential(),
					upsert({ fields: { company: '={{ $json.company }}', city: 'Porto' }, ...answers(['tshirt_size', 'XL']) }),
					[
						{ name: ana.name, email: ana.username, company: 'First Co' },
						{ name: 'Grace Hopper', email: 'grace@navy.test', company: 'Navy' },
					],
				);
				expect(output.map((item) => [item.json.created, item.json.updateForm, item.json.company])).toEqual([
					[false, 'perField', 'First Co'],
					[true, 'perField', 'Navy'],
				]);
				expect(stored(ana.username).person).toMatchObject({ company: 'First Co', city: 'Porto' });
				expect(stored(ana.username).membership?.answers.get(customFields.tshirtSize.feedbackId)).toBe('XL');
				expect(stored('grace@navy.test').person?.city).toBe('Porto');
				// A later execution on the same account goes straight to the documented form.
				const later = await run(env.credential(), upsert({ fields: { company: 'Collectors', city: 'Braga' } }), [
					{ name: collector.name, email: collector.username },
				]);
				expect(later[0].json).toMatchObject({ updateForm: 'perField', company: 'Collectors', city: 'Braga' });
				const operates = requestsOf(env.sandbox(), 'event.person.operate');
				expect(operates.filter((entry) => entry.body.content)).toHaveLength(1);
				expect(
					operates.filter((entry) => entry.query.personID === collector.personId).map((entry) => entry.query.key),
				).toEqual(['company', 'city']);
			});
		}
	});

	it('keeps the multi-field form for attendee keys when InEvent applies them but drops custom answers from it', async () => {
		env.sandbox().setOperateContent('answersIgnored');
		const parameters = upsert({
			fields: { company: '={{ $json.company }}', city: '={{ $json.city }}' },
			...answers(['tshirt_size', '={{ $json.size }}']),
		});
		const first = await run(env.credential(), parameters, [
			{ name: ana.name, email: ana.username, company: 'Ana Co', city: 'Porto', size: 'XL' },
		]);
		// Its answer was dropped without a word: written again by feedback.respond, and the item says a fallback happened.
		expect(first[0].json).toMatchObject({ updateForm: 'perField', company: 'Ana Co' });
		expect(stored(ana.username).membership?.answers.get(customFields.tshirtSize.feedbackId)).toBe('XL');
		env.sandbox().clearLog();

		const later = await run(env.credential(), parameters, [
			{ name: collector.name, email: collector.username, company: 'Colin Co', city: 'Braga', size: 'S' },
		]);
		const [operate] = requestsOf(env.sandbox(), 'event.person.operate');
		expect(JSON.parse(operate.body.content)).toEqual({ company: 'Colin Co', city: 'Braga' });
		expect(writesOf()).toEqual(['event.person.operate', 'feedback.respond']);
		expect(later[0].json).toMatchObject({ updateForm: 'multiField', company: 'Colin Co', city: 'Braga' });
		const colin = stored(collector.username);
		expect(colin.person).toMatchObject({ company: 'Colin Co', city: 'Braga' });
		expect(colin.membership?.answers.get(customFields.tshirtSize.feedbackId)).toBe('S');
	});

	it('refuses a bad email or a missing name before calling InEvent', async () => {
		const output = await run(
			env.credential(),
			upsert(),
			[
				{ name: 'No Mail', email: 'nope' },
				{ name: '', email: 'ok@test.test' },
			],
			true,
		);
		expect(output.map((item) => String(item.json.error))).toEqual([
			expect.stringContaining('[item 0] Email must be an email address (got "nope")'),
			expect.stringContaining('[item 1] Full Name'),
		]);
		expect(writesOf()).toEqual([]);
	});

	it('gives the custom answers under their field names with Typed Output', async () => {
		const output = await run(env.credential(), upsert({ options: { typedOutput: true } }), [
			{ name: ana.name, email: ana.username },
		]);
		const json = output[0].json as IDataObject;
		expect(json.feedbacks).toBeUndefined();
		expect(json.customFields).toEqual({
			'Dietary needs': 'Vegetarian',
			'T-shirt size': 'M',
			'Company VAT ID': '',
			'How did you hear about us?': '',
		});
	});
});
