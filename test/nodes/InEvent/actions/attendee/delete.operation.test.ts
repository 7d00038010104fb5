import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('attendee › remove from event', () => {
	it('dismisses the person from the event and returns {personId, removed: true}; a get afterwards is not found', async () => {
		const credential = env.credential();
		const output = await run(credential, {
			resource: 'attendee',
			operation: 'delete',
			eventId: byId(eventA.eventId),
			personId: byId(attendee.personId),
		});
		expect(requestsOf(env.sandbox(), 'event.person.dismiss')[0].query).toMatchObject({
			eventID: eventA.eventId,
			personID: attendee.personId,
		});
		expect(output).toEqual([
			{ json: { personId: attendee.personId, eventId: eventA.eventId, removed: true }, pairedItem: { item: 0 } },
		]);

		await expect(
			run(credential, {
				resource: 'attendee',
				operation: 'get',
				eventId: byId(eventA.eventId),
				personId: byId(attendee.personId),
			}),
		).rejects.toThrow(/Couldn't find the personID/);
	});

	it('with Continue On Fail removes the others when one person is missing', async () => {
		const output = await run(
			env.credential(),
			{ resource: 'attendee', operation: 'delete', eventId: byId(eventA.eventId), personId: byId('={{ $json.id }}') },
			[{ id: attendee.personId }, { id: '999999' }],
			true,
		);
		expect(output[0].json).toMatchObject({ personId: attendee.personId, removed: true });
		expect(output[1].json.error).toMatch(/^\[item 1\] InEvent refused event\.person\.dismiss \(HTTP 400: /);
	});
});
