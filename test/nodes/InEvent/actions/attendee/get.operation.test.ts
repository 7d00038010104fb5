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
});
