import type { INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

const badgeOf = (personId: string) => String(env.sandbox().store.getMembership(eventA.eventId, personId)?.qrCode);
const scan = (operation: string, parameters: INodeParameters): INodeParameters => ({
	resource: 'checkIn',
	operation,
	eventId: byId(eventA.eventId),
	...parameters,
});
const present = () => env.sandbox().store.getMembership(eventA.eventId, attendee.personId)?.present;

describe('check-in › check in and out', () => {
	it('checks in by badge code at the event now: the attendee is present and the scan comes back', async () => {
		const code = badgeOf(attendee.personId);
		const before = Math.floor(Date.now() / 1000);
		const [item] = await run(env.credential(), scan('checkIn', { identifyBy: 'code', code }));
		const [call] = requestsOf(env.sandbox(), 'checklog.checkIn');
		expect(call.query).toMatchObject({ eventID: eventA.eventId, code });
		expect(call.query.activityID).toBeUndefined();
		expect(Number(call.query.date)).toBeGreaterThanOrEqual(before);
		expect(Number(call.query.date)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
		expect(item.json).toMatchObject({ type: 'in', personID: attendee.personId, code, activityID: '0' });
		expect(present()).toBe(1);

		const [out] = await run(env.credential(), scan('checkOut', { identifyBy: 'code', code }));
		expect(out.json).toMatchObject({ type: 'out', personID: attendee.personId });
		expect(present()).toBe(0);
	});

	it('by person ID reads the badge code first; into a session; at a given time', async () => {
		const [activityId] = env.sandbox().seedActivities(eventA.eventId, 1);
		const [item] = await run(
			env.credential(),
			scan('checkIn', {
				identifyBy: 'personId',
				personId: byId(attendee.personId),
				place: 'session',
				activityId: byId(activityId),
				options: { date: '2027-05-01T09:03:00Z', typedOutput: true },
			}),
		);
		expect(env.sandbox().requests.map((entry) => entry.action)).toEqual([
			'person.signIn',
			'event.person.get',
			'checklog.checkIn',
		]);
		expect(requestsOf(env.sandbox(), 'checklog.checkIn')[0].query).toMatchObject({
			code: badgeOf(attendee.personId),
			activityID: activityId,
			date: String(Date.parse('2027-05-01T09:03:00Z') / 1000),
		});
		expect(item.json).toMatchObject({ activityID: activityId, date: '2027-05-01T09:03:00.000Z' });
	});

	it('reports an unknown badge in place with Continue On Fail; bad inputs name the field', async () => {
		const output = await run(
			env.credential(),
			scan('checkIn', { identifyBy: 'code', code: '={{ $json.code }}' }),
			[{ code: badgeOf(attendee.personId) }, { code: 'NOSUCHCODE' }, { code: ' ' }],
			true,
		);
		expect(output.map(({ json }) => json.type ?? json.error)).toEqual([
			'in',
			"[item 1] InEvent refused checklog.checkIn (HTTP 400: Couldn't find the code)",
			'[item 2] Badge Code must not be empty',
		]);
		await expect(
			run(env.credential(), scan('checkIn', { identifyBy: 'code', code: 'X', options: { date: 'soon' } })),
		).rejects.toThrow('[item 0] Time must be a date');
	});

	it('logs a scan exactly once when InEvent logged it but the answer was lost', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['checklog.checkIn'], times: 1 }]);
		const [item] = await run(
			env.credential(),
			scan('checkIn', { identifyBy: 'code', code: badgeOf(attendee.personId), options: { retries: 2 } }),
		);
		expect(item.json).toMatchObject({ type: 'in', personID: attendee.personId });
		expect(requestsOf(env.sandbox(), 'checklog.checkIn')).toHaveLength(1);
		expect(env.sandbox().store.checklogs.get(eventA.eventId)).toHaveLength(1);
		expect(requestsOf(env.sandbox(), 'checklog.find')[0].query).toMatchObject({ key: 'code', selection: 'in' });
	});
});
