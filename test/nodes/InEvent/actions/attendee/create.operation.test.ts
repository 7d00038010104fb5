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
});
