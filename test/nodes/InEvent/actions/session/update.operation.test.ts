import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const H = 3600;
const DAY1 = Date.parse('2027-05-01T00:00:00Z') / 1000;

async function sessionFrom(beginHour: number, endHour: number): Promise<string> {
	const [item] = await run(env.credential(), {
		resource: 'activity',
		operation: 'create',
		eventId: byId(eventA.eventId),
		name: 'Panel',
		dateBegin: DAY1 + beginHour * H,
		dateEnd: DAY1 + endHour * H,
	});
	return String(item.json.activityID);
}

const update = (activityId: string, updateFields: INodeParameters, options: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation: 'update',
	eventId: byId(eventA.eventId),
	activityId: byId(activityId),
	updateFields,
	options,
});

const edits = () => requestsOf(env.sandbox(), 'activity.edit').map((entry) => [entry.query.key, entry.body.value]);

describe('session › update', () => {
	it('sends one activity.edit per field (key in the query, value in the body) and returns the session', async () => {
		const id = await sessionFrom(9, 10);
		const [item] = await run(
			env.credential(),
			update(id, { name: 'Panel: the future', location: 'Room 2', capacity: 40 }, { push: true }),
		);
		expect(edits()).toEqual([
			['name', 'Panel: the future'],
			['location', 'Room 2'],
			['capacity', '40'],
		]);
		// Attendees are notified once: only the last edit carries push=1.
		expect(
			requestsOf(env.sandbox(), 'activity.edit').map((entry) => [entry.query.activityID, entry.query.push]),
		).toEqual([
			[id, undefined],
			[id, undefined],
			[id, '1'],
		]);
		expect(item.json).toMatchObject({ activityID: id, name: 'Panel: the future', location: 'Room 2', capacity: '40' });
	});

	it('moves both times later in an order InEvent accepts (end first), and earlier (start first)', async () => {
		const id = await sessionFrom(9, 10);
		const [later] = await run(env.credential(), update(id, { dateBegin: DAY1 + 14 * H, dateEnd: DAY1 + 15 * H }));
		expect(edits()).toEqual([
			['dateEnd', String(DAY1 + 15 * H)],
			['dateBegin', String(DAY1 + 14 * H)],
		]);
		expect(later.json).toMatchObject({ dateBegin: String(DAY1 + 14 * H), dateEnd: String(DAY1 + 15 * H) });

		env.sandbox().clearLog();
		const [earlier] = await run(env.credential(), update(id, { dateBegin: DAY1 + 7 * H, dateEnd: DAY1 + 8 * H }));
		expect(edits()).toEqual([
			['dateBegin', String(DAY1 + 7 * H)],
			['dateEnd', String(DAY1 + 8 * H)],
		]);
		expect(earlier.json).toMatchObject({ dateBegin: String(DAY1 + 7 * H), dateEnd: String(DAY1 + 8 * H) });
	});

	it('refuses an empty update and times out of order before any edit', async () => {
		const id = await sessionFrom(9, 10);
		await expect(run(env.credential(), update(id, {}))).rejects.toThrow(
			'[item 0] Update Fields is empty: add at least one field to update',
		);
		await expect(
			run(env.credential(), update(id, { dateBegin: DAY1 + 12 * H, dateEnd: DAY1 + 11 * H })),
		).rejects.toThrow('[item 0] End must not be before Start');
		expect(edits()).toEqual([]);
	});

	it("says which fields were applied when InEvent refuses one (a start after the session's end)", async () => {
		const id = await sessionFrom(9, 10);
		await expect(run(env.credential(), update(id, { name: 'Renamed', dateBegin: DAY1 + 11 * H }))).rejects.toThrow(
			/^\[item 0\] InEvent refused activity\.edit \(HTTP 400: dateEnd must not be before dateBegin\)\. Applied: name; not applied: dateBegin$/,
		);
	});
});
