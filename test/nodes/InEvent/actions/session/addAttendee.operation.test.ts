import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

const call = (operation: string, activityId: string, personId: string, options = {}) => ({
	resource: 'activity',
	operation,
	eventId: byId(eventA.eventId),
	activityId: byId(activityId),
	personId: byId(personId),
	options,
});

const enrolledIn = (activityId: string) => [...(env.sandbox().store.enrollments.get(activityId)?.keys() ?? [])];

describe('session › add and remove attendee', () => {
	it('enrolls an attendee (activity.person.bind), twice still once; removes them again', async () => {
		const [id] = env.sandbox().seedActivities(eventA.eventId, 1);
		const [item] = await run(env.credential(), call('addAttendee', id, attendee.personId, { bypassWebhook: true }));
		expect(requestsOf(env.sandbox(), 'activity.person.bind')[0].query).toMatchObject({
			activityID: id,
			personID: attendee.personId,
			bypassWebhook: '1',
		});
		expect(item.json).toMatchObject({ activityID: id, personID: attendee.personId, email: attendee.username });
		await run(env.credential(), call('addAttendee', id, attendee.personId));
		expect(enrolledIn(id)).toEqual([attendee.personId]);

		const [removed] = await run(env.credential(), call('removeAttendee', id, attendee.personId));
		expect(removed.json).toEqual({ activityId: id, personId: attendee.personId, removed: true });
		expect(enrolledIn(id)).toEqual([]);
		// The person stays in the event.
		expect(env.sandbox().store.getMembership(eventA.eventId, attendee.personId)).toBeDefined();
	});

	it("passes on InEvent's refusals: a full session, a person outside the event, removing someone not enrolled", async () => {
		const [id] = env.sandbox().seedActivities(eventA.eventId, 1);
		await run(env.credential(), {
			resource: 'activity',
			operation: 'update',
			eventId: byId(eventA.eventId),
			activityId: byId(id),
			updateFields: { capacity: 1 },
		});
		const output = await run(
			env.credential(),
			call('addAttendee', id, '={{ $json.person }}'),
			[{ person: attendee.personId }, { person: SANDBOX_FIXTURES.collector.personId }, { person: '999999' }],
			true,
		);
		expect(output.map(({ json }) => json.personID ?? json.error)).toEqual([
			attendee.personId,
			'[item 1] InEvent refused activity.person.bind (HTTP 400: activity is full)',
			"[item 2] InEvent refused activity.person.bind (HTTP 400: Couldn't find the personID)",
		]);
		await expect(
			run(env.credential(), call('removeAttendee', id, SANDBOX_FIXTURES.collector.personId)),
		).rejects.toThrow("[item 0] InEvent refused activity.person.dismiss (HTTP 400: Couldn't find the personID)");
	});

	it('enrolls and removes exactly once when the answers are lost', async () => {
		const [id] = env.sandbox().seedActivities(eventA.eventId, 1);
		env.sandbox().setFaults([
			{ kind: 'ambiguousDrop', actions: ['activity.person.bind'], times: 1 },
			{ kind: 'ambiguousError', actions: ['activity.person.dismiss'], times: 1 },
		]);
		const [added] = await run(env.credential(), call('addAttendee', id, attendee.personId, { retries: 2 }));
		expect(added.json).toMatchObject({ activityID: id, personID: attendee.personId });
		expect(requestsOf(env.sandbox(), 'activity.person.bind')).toHaveLength(1);

		const [removed] = await run(env.credential(), call('removeAttendee', id, attendee.personId, { retries: 2 }));
		expect(removed.json.removed).toBe(true);
		expect(requestsOf(env.sandbox(), 'activity.person.dismiss')).toHaveLength(1);
		expect(enrolledIn(id)).toEqual([]);
	});
});
