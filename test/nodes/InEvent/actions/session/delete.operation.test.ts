import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const remove = (activityId: string, options = {}) => ({
	resource: 'activity',
	operation: 'delete',
	eventId: byId(eventA.eventId),
	activityId: byId(activityId),
	options,
});

describe('session › delete', () => {
	it('removes the session; a get afterwards is not found', async () => {
		const [id] = env.sandbox().seedActivities(eventA.eventId, 1);
		const output = await run(env.credential(), remove(id));
		expect(output).toEqual([{ json: { activityId: id, deleted: true }, pairedItem: { item: 0 } }]);
		expect(requestsOf(env.sandbox(), 'activity.remove')[0].query).toMatchObject({ activityID: id });
		await expect(
			run(env.credential(), {
				resource: 'activity',
				operation: 'get',
				eventId: byId(eventA.eventId),
				activityId: byId(id),
			}),
		).rejects.toThrow("[item 0] InEvent refused activity.get (HTTP 400: Couldn't find the activityID)");
	});

	it('deletes exactly once when the answer is lost after InEvent removed it', async () => {
		const [id] = env.sandbox().seedActivities(eventA.eventId, 1);
		env.sandbox().setFaults([{ kind: 'ambiguousError', actions: ['activity.remove'], times: 1 }]);
		const [item] = await run(env.credential(), remove(id, { retries: 2 }));
		expect(item.json).toEqual({ activityId: id, deleted: true });
		expect(requestsOf(env.sandbox(), 'activity.remove')).toHaveLength(1);
		expect(requestsOf(env.sandbox(), 'activity.get')).toHaveLength(1);
	});
});
