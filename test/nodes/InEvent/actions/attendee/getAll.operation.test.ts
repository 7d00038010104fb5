import type { INodeParameters } from 'n8n-workflow';

import { byId, expectPagesRead, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, eventB, admin } = SANDBOX_FIXTURES;
const env = useSandbox();

const getMany = (extra: INodeParameters = {}, eventId: string = eventA.eventId): INodeParameters => ({
	resource: 'attendee',
	operation: 'getAll',
	eventId: byId(eventId),
	...extra,
});

describe('attendee › getAll', () => {
	it('pages 1,234 attendees at the maximum page size: 1,234 items in 13 requests, plus at most 4 read ahead', async () => {
		const existing = env.sandbox().store.countAttendees(eventB.eventId);
		env.sandbox().seedAttendees(eventB.eventId, 1234 - existing);
		const output = await run(env.credential(), getMany({ returnAll: true }, eventB.eventId));
		expect(output).toHaveLength(1234);
		const pages = requestsOf(env.sandbox(), 'event.person.find');
		expectPagesRead(pages, 13);
		expect(pages.every((page) => page.query.limit === '100')).toBe(true);
		expect(new Set(output.map((item) => item.json.personID)).size).toBe(1234);
	});

	it('stacks selections and tags with |, and sends filters, order and full profile', async () => {
		await run(
			env.credential(),
			getMany({
				returnAll: true,
				selection: ['approved', 'present'],
				filters: { name: 'Ana', tags: '7, 9', updatedAfterDate: '2026-01-01T00:00:00Z' },
				options: { fullProfile: true, order: 'name', orderDirection: 'desc' },
			}),
		);
		expect(requestsOf(env.sandbox(), 'event.person.find')[0].query).toMatchObject({
			eventID: eventA.eventId,
			selection: 'approved|present|tags:7,9',
			name: 'Ana',
			updatedAfterDate: '1767225600',
			fullProfile: '1',
			order: 'name',
			orderDirection: 'desc',
		});
	});

	it('filters by tags picked from the list (IDs), returning attendees with any of them', async () => {
		const { tags, attendee } = SANDBOX_FIXTURES;
		const output = await run(
			env.credential(),
			getMany({ returnAll: true, filters: { tags: [tags.vip.tagId] }, simple: false, options: { fullProfile: true } }),
		);
		expect(requestsOf(env.sandbox(), 'event.person.find')[0].query.selection).toBe('tags:1');
		expect(output.map((item) => item.json.personID)).toContain(attendee.personId);
		expect(output.every((item) => String(item.json.tagIDs).split(',').includes(tags.vip.tagId))).toBe(true);
		await expect(run(env.credential(), getMany({ filters: { tags: ['VIP'] } }))).rejects.toThrow(
			'[item 0] Filters › Tag Names or IDs must be tag IDs (numbers) or tags from the list (got "VIP")',
		);
	});

	it('finds attendees updated after a date', async () => {
		const credential = env.credential();
		const before = await run(credential, getMany({ returnAll: true }));
		const since = new Date(Date.now() - 1000).toISOString();
		await run(credential, {
			resource: 'attendee',
			operation: 'update',
			eventId: byId(eventA.eventId),
			personId: byId(String(before[0].json.personID)),
			updateFields: { company: 'Changed Co' },
		});
		const changed = await run(credential, getMany({ returnAll: true, filters: { updatedAfterDate: since } }));
		expect(changed.map((item) => item.json.personID)).toEqual([before[0].json.personID]);
	});

	it('an Event-scope credential for event A cannot read event B', async () => {
		const eventScope = {
			...env.credential(),
			data: { ...env.credential().data, scope: 'event', eventId: eventA.eventId, password: eventA.eventPassword },
		};
		const own = await run(eventScope, getMany({ returnAll: true }));
		expect(own.length).toBeGreaterThan(0);
		await expect(run(eventScope, getMany({ returnAll: true }, eventB.eventId))).rejects.toThrow(
			new RegExp(`^\\[item 0\\] InEvent refused event\\.person\\.find \\(HTTP 401: .*${eventA.eventId}.*\\)$`),
		);
		expect(admin.username).toBeTruthy();
	});
});
