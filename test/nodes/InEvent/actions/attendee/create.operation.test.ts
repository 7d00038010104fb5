import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const create = (extra: Record<string, string | object> = {}) => ({
	resource: 'attendee',
	operation: 'create',
	eventId: byId(eventA.eventId),
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	...extra,
});

describe('attendee › create', () => {
	it('binds a person to the event: eventID in the query, fields in the body, email as username, origin n8n', async () => {
		const output = await run(env.credential(), create(), [{ name: 'Grace Hopper', email: 'grace@navy.test' }]);
		const [bind] = requestsOf(env.sandbox(), 'event.person.bind');
		expect(bind.query).toMatchObject({ eventID: eventA.eventId });
		expect(bind.body).toEqual({
			name: 'Grace Hopper',
			username: 'grace@navy.test',
			email: 'grace@navy.test',
			origin: 'n8n',
		});
		expect(output[0].json).toMatchObject({ name: 'Grace Hopper', email: 'grace@navy.test' });
		expect(output[0].json.personID).toMatch(/^\d+$/);
	});

	it('sends the additional fields, a chosen username and the level by its number', async () => {
		await run(
			env.credential(),
			create({
				additionalFields: {
					username: 'ghopper',
					role: 'Rear Admiral',
					company: 'Navy',
					telephone: '+1 555',
					origin: 'crm',
					createSpeaker: true,
					level: '128',
				},
			}),
			[{ name: 'Grace Hopper', email: 'grace@navy.test' }],
		);
		expect(requestsOf(env.sandbox(), 'event.person.bind')[0].body).toEqual({
			name: 'Grace Hopper',
			username: 'ghopper',
			email: 'grace@navy.test',
			role: 'Rear Admiral',
			company: 'Navy',
			telephone: '+1 555',
			origin: 'crm',
			createSpeaker: '1',
			level: '128',
		});
	});

	it('registers 25 attendees from 25 items, each output paired with its item', async () => {
		const items = Array.from({ length: 25 }, (_, index) => ({
			name: `Guest ${index}`,
			email: `guest${index}@example.test`,
		}));
		const output = await run(env.credential(), create(), items);
		expect(output.map((item) => item.json.email)).toEqual(items.map((item) => item.email));
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(25);
		expect(requestsOf(env.sandbox(), 'person.signIn')).toHaveLength(1);
	});

	it('refuses an invalid email and an unknown level naming the item, and Continue On Fail keeps the others', async () => {
		const items = [
			{ name: 'Ok One', email: 'one@example.test' },
			{ name: 'Bad Mail', email: 'not-an-email' },
			{ name: 'Ok Three', email: 'three@example.test' },
		];
		const output = await run(env.credential(), create(), items, true);
		expect(output.map((item) => item.json.email ?? item.json.error)).toEqual([
			'one@example.test',
			'[item 1] Email must be an email address (got "not-an-email")',
			'three@example.test',
		]);
		await expect(run(env.credential(), create({ additionalFields: { level: 'Wizard' } }), [items[0]])).rejects.toThrow(
			'[item 0] Level must be one of User (1), Admin (4), Staff (64), Presenter (128), Data Collector (256) (got "Wizard")',
		);
	});

	it('needs admin rights: an Event-scope credential is refused with a clear error', async () => {
		const { credential } = env;
		const eventScope = {
			...credential(),
			data: { ...credential().data, scope: 'event', eventId: eventA.eventId, password: eventA.eventPassword },
		};
		await expect(run(eventScope, create(), [{ name: 'X Y', email: 'xy@example.test' }])).rejects.toThrow(
			/^\[item 0\] InEvent refused event\.person\.bind \(HTTP 401: .+\)$/,
		);
	});

	describe('custom registration fields', () => {
		const { customFields, attendee: ana } = SANDBOX_FIXTURES;
		const withAnswers = (...fields: Array<[string, string]>) =>
			create({ customFields: { field: fields.map(([key, value]) => ({ key, value })) } });
		const answerOf = (email: string, feedbackId: string) => {
			const person = env.sandbox().store.findPersonByEmail(email);
			return env.sandbox().store.getMembership(eventA.eventId, String(person?.personID))?.answers.get(feedbackId);
		};

		it('registers with the answers as f_<API field> attributes: one call when InEvent shows them stored', async () => {
			const output = await run(env.credential(), withAnswers(['dietary_needs', 'Vegan'], ['f_tshirt_size', 'S']), [
				{ name: 'Grace Hopper', email: 'grace@navy.test' },
			]);
			expect(requestsOf(env.sandbox(), 'event.person.bind')[0].body).toMatchObject({
				f_dietary_needs: 'Vegan',
				f_tshirt_size: 'S',
			});
			expect(requestsOf(env.sandbox(), 'event.person.operate')).toHaveLength(0);
			expect(answerOf('grace@navy.test', customFields.dietaryNeeds.feedbackId)).toBe('Vegan');
			expect(output[0].json.feedbacks).toContainEqual(expect.objectContaining({ apiKey: 'tshirt_size', value: 'S' }));
		});

		it('writes answers the registration did not show, and then stops sending them with it for the account', async () => {
			// Ana is already in the event: bind returns her unchanged, so the answer is not shown.
			await run(env.credential(), withAnswers(['dietary_needs', 'Vegan']), [{ name: ana.name, email: ana.username }]);
			expect(answerOf(ana.username, customFields.dietaryNeeds.feedbackId)).toBe('Vegan');
			env.sandbox().clearLog();
			await run(env.credential(), withAnswers(['dietary_needs', 'Halal']), [
				{ name: 'Grace Hopper', email: 'grace@navy.test' },
			]);
			expect(requestsOf(env.sandbox(), 'event.person.bind')[0].body.f_dietary_needs).toBeUndefined();
			expect(answerOf('grace@navy.test', customFields.dietaryNeeds.feedbackId)).toBe('Halal');
		});

		it('refuses a field without an API key or of another event, naming it and the item, and creates nobody', async () => {
			const output = await run(
				env.credential(),
				withAnswers(['workshop', 'A']),
				[{ name: 'Grace Hopper', email: 'grace@navy.test' }],
				true,
			);
			expect(String(output[0].json.error)).toContain(
				'[item 0] Custom Fields › entry 1: "workshop" is not a custom field of event 73565',
			);
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(0);
		});
	});
});
