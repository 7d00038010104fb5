import type { INodeParameters } from 'n8n-workflow';

import { byId, expectPagesRead, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

const DAY1 = Date.parse('2027-05-01T00:00:00Z') / 1000;
const list = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation: 'getAll',
	eventId: byId(eventA.eventId),
	returnAll: true,
	...parameters,
});

async function createSession(name: string, beginHour: number, capacity = 0): Promise<string> {
	const [item] = await run(env.credential(), {
		resource: 'activity',
		operation: 'create',
		eventId: byId(eventA.eventId),
		name,
		dateBegin: DAY1 + beginHour * 3600,
		dateEnd: DAY1 + (beginHour + 1) * 3600,
		additionalFields: { capacity },
	});
	return String(item.json.activityID);
}

describe('session › get many', () => {
	it('reads every page at 100 and returns the sessions in start order', async () => {
		const seeded = env.sandbox().seedActivities(eventA.eventId, 250);
		const output = await run(env.credential(), list());
		expect(output).toHaveLength(env.sandbox().store.activitiesOf(eventA.eventId).length);
		expect(output.map(({ json }) => json.activityID)).toEqual(expect.arrayContaining(seeded));
		const begins = output.map(({ json }) => Number(json.dateBegin));
		expect(begins).toEqual([...begins].sort((a, b) => a - b));
		expectPagesRead(requestsOf(env.sandbox(), 'activity.find'), 3);
	});

	it('keeps sessions that start inside the time range; stops at the limit', async () => {
		await createSession('Morning', 9);
		const noon = await createSession('Noon', 12);
		await createSession('Evening', 18);
		const ranged = await run(
			env.credential(),
			list({ filters: { dateBegin: '2027-05-01T11:00:00Z', dateEnd: '2027-05-01T13:00:00Z' } }),
		);
		expect(ranged.map(({ json }) => json.activityID)).toEqual([noon]);
		expect(requestsOf(env.sandbox(), 'activity.find').at(-1)?.query).toMatchObject({
			dateBegin: String(DAY1 + 11 * 3600),
			dateEnd: String(DAY1 + 13 * 3600),
		});

		const two = await run(env.credential(), list({ returnAll: false, limit: 2 }));
		expect(two).toHaveLength(2);
		expect(requestsOf(env.sandbox(), 'activity.find').at(-1)?.query.limit).toBe('2');
	});

	it("lists an attendee's sessions with stacked presets, and needs the attendee for them", async () => {
		const keynote = await createSession('Keynote', 9);
		const full = await createSession('Tiny Workshop', 10, 1);
		await createSession('Other', 11);
		for (const activityId of [keynote, full]) {
			await run(env.credential(), {
				resource: 'activity',
				operation: 'addAttendee',
				eventId: byId(eventA.eventId),
				activityId: byId(activityId),
				personId: byId(attendee.personId),
			});
		}
		const enrolled = await run(
			env.credential(),
			list({ selection: ['enrolled', 'available'], filters: { personId: attendee.personId } }),
		);
		expect(enrolled.map(({ json }) => json.name)).toEqual(['Keynote']);
		expect(requestsOf(env.sandbox(), 'activity.find').at(-1)?.query).toMatchObject({
			selection: 'enrolled|available',
			personID: attendee.personId,
		});

		await expect(run(env.credential(), list({ selection: ['enrolled'] }))).rejects.toThrow(
			'[item 0] Attendee ID is needed for the "Attendee Enrolled / Not Enrolled" selections',
		);
	});
});
