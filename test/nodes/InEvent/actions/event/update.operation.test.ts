import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA } = SANDBOX_FIXTURES;
const env = useSandbox();

const update = (updateFields: INodeParameters, extra: INodeParameters = {}) => ({
	resource: 'event',
	operation: 'update',
	eventId: byId(eventA.eventId),
	updateFields,
	...extra,
});

describe('event › update', () => {
	it('sends one event.edit per field, key in the query and value in the body, in a stable order', async () => {
		const output = await run(
			env.credential(),
			update({ visible: false, dateBegin: '2027-03-01T09:00:00Z', name: 'Renamed Summit' }),
		);
		const edits = requestsOf(env.sandbox(), 'event.edit');
		expect(edits.map((edit) => [edit.query.key, edit.body.value])).toEqual([
			['name', 'Renamed Summit'],
			['dateBegin', '1803891600'],
			['visible', '0'],
		]);
		for (const edit of edits) expect(edit.query).toMatchObject({ eventID: eventA.eventId });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			eventID: eventA.eventId,
			name: 'Renamed Summit',
			dateBegin: '1803891600',
			visible: '0',
		});
	});

	it('returns the event as it stands after the last call, typed when asked', async () => {
		const [item] = await run(env.credential(), update({ public: true }, { options: { typedOutput: true } }));
		expect(item.json.public).toBe(true);
	});

	it('names the fields applied and not applied when InEvent refuses one', async () => {
		await expect(
			run(
				env.credential(),
				update({
					name: 'Good Name',
					dateBegin: '2027-03-01T09:00:00Z',
					dateEnd: '2027-03-02T09:00:00Z',
					latitude: 'north',
				}),
			),
		).rejects.toThrow('[item 0] Latitude must be a number');
		expect(requestsOf(env.sandbox(), 'event.edit')).toHaveLength(0);

		const credential = env.credential();
		const [other] = await run(credential, {
			resource: 'event',
			operation: 'get',
			eventId: byId(SANDBOX_FIXTURES.eventB.eventId),
		});
		env.sandbox().clearLog();
		const failure = run(
			credential,
			update({ name: 'Good Name', nickname: String(other.json.nickname), website: 'https://x.test' }),
		);
		await expect(failure).rejects.toThrow(
			/^\[item 0\] InEvent refused event\.edit \(HTTP 400: .+\)\. Applied: name; not applied: nickname, website$/,
		);
		expect(requestsOf(env.sandbox(), 'event.edit').map((edit) => edit.query.key)).toEqual(['name', 'nickname']);
	});

	it('refuses an empty update naming the item', async () => {
		await expect(run(env.credential(), update({}))).rejects.toThrow('[item 0] Update Fields is empty');
	});
});
