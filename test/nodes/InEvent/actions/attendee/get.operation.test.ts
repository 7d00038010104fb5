import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('attendee › get', () => {
	it('gets an attendee by person ID', async () => {
		const output = await run(env.credential(), {
			resource: 'attendee',
			operation: 'get',
			eventId: byId(eventA.eventId),
			personId: byId(attendee.personId),
		});
		expect(requestsOf(env.sandbox(), 'event.person.get')[0].query).toMatchObject({
			eventID: eventA.eventId,
			personID: attendee.personId,
		});
		expect(output[0].json).toMatchObject({ personID: attendee.personId, name: attendee.name });
	});

	it('gets an attendee by email', async () => {
		const output = await run(env.credential(), {
			resource: 'attendee',
			operation: 'get',
			eventId: byId(eventA.eventId),
			lookupBy: 'email',
			email: attendee.username,
		});
		expect(requestsOf(env.sandbox(), 'event.person.get')[0].query).toMatchObject({ email: attendee.username });
		expect(output[0].json.personID).toBe(attendee.personId);
	});

	it('reports a missing person with what InEvent said, naming the item', async () => {
		await expect(
			run(env.credential(), {
				resource: 'attendee',
				operation: 'get',
				eventId: byId(eventA.eventId),
				personId: byId('999999'),
			}),
		).rejects.toThrow(/^\[item 0\] InEvent refused event\.person\.get \(HTTP 400: Couldn't find the personID\)$/);
	});

	it('gives custom answers under their field names with Typed Output, on Get and on Get Many with the full profile', async () => {
		const typed = { typedOutput: true };
		const [got] = await run(env.credential(), {
			resource: 'attendee',
			operation: 'get',
			eventId: byId(eventA.eventId),
			personId: byId(attendee.personId),
			simple: false,
			options: typed,
		});
		expect(got.json.customFields).toEqual({
			'Dietary needs': 'Vegetarian',
			'T-shirt size': 'M',
			'Company VAT ID': '',
			'How did you hear about us?': '',
		});
		expect(got.json.feedbacks).toBeUndefined();
		const many = await run(env.credential(), {
			resource: 'attendee',
			operation: 'getAll',
			eventId: byId(eventA.eventId),
			returnAll: true,
			filters: { email: attendee.username },
			simple: false,
			options: { ...typed, fullProfile: true },
		});
		expect(many[0].json.customFields).toEqual(got.json.customFields);
		const raw = await run(env.credential(), {
			resource: 'attendee',
			operation: 'get',
			eventId: byId(eventA.eventId),
			personId: byId(attendee.personId),
			simple: false,
		});
		expect(raw[0].json.feedbacks).toContainEqual(
			expect.objectContaining({ apiKey: 'dietary_needs', value: 'Vegetarian' }),
		);
	});
});
