import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('event › get', () => {
	it('gets one event by ID with eventID in the query', async () => {
		const output = await run(env.credential(), { resource: 'event', operation: 'get', eventId: byId(eventA.eventId) });
		expect(requestsOf(env.sandbox(), 'event.get')[0].query).toMatchObject({ eventID: eventA.eventId });
		expect(output).toHaveLength(1);
		expect(output[0].json.eventID).toBe(eventA.eventId);
		expect(typeof output[0].json.dateBegin).toBe('string');
	});

	it('refuses a non-numeric event ID naming the item', async () => {
		await expect(
			run(env.credential(), { resource: 'event', operation: 'get', eventId: byId('abc') }, [{}, {}]),
		).rejects.toThrow('[item 0] Event ID must be a number (got "abc")');
	});

	it('reports an unknown event with what InEvent said', async () => {
		await expect(
			run(env.credential(), { resource: 'event', operation: 'get', eventId: byId('424242') }),
		).rejects.toThrow(/^\[item 0\] InEvent refused event\.get \(HTTP 4\d\d: .+\)$/);
	});
});
