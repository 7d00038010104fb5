import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { requestsOf, run, SANDBOX_FIXTURES, upsertOf, useSandbox } from '../../../../../harness/useSandbox';
import type { Sandbox } from '../../../../../../sandbox';

const { companyId, eventA, admin, attendee: ana, collector } = SANDBOX_FIXTURES;
const env = useSandbox();

const mirror = (eventId: string, options: INodeParameters = {}): INodeParameters =>
	upsertOf(eventId, { removeMissing: true, ...options });

const WRITES = ['event.person.bind', 'event.person.operate', 'feedback.respond', 'event.person.dismiss'];
const writes = (sandbox: Sandbox) => sandbox.requests.filter((entry) => WRITES.includes(entry.action));

/** An event of 100 attendees and its list: everyone as stored. */
function eventWithList(): { eventId: string; list: IDataObject[] } {
	const sandbox = env.sandbox();
	const [eventId] = sandbox.seedEvents(companyId, 1);
	const ids = sandbox.seedAttendees(eventId, 100);
	const list = ids.map((personID) => {
		const person = sandbox.store.persons.get(personID);
		return { email: person?.email, name: person?.name, company: person?.company };
	});
	sandbox.clearLog();
	return { eventId, list };
}

describe('create or update › remove attendees not in the input', () => {
	it('removes the attendees the list no longer has, each reported as its own item, after the upserts', async () => {
		const { eventId, list } = eventWithList();
		const kept = list.slice(5);
		const gone = list.slice(0, 5).map((contact) => contact.email);
		const output = await run(env.credential(), mirror(eventId), [
			...kept,
			{ email: 'newcomer@contacts.test', name: 'New Comer', company: 'N' },
		]);
		expect(output).toHaveLength(96 + 5);
		expect(output.slice(96).map((item) => [item.json.email, item.json.removed, item.pairedItem])).toEqual(
			gone.map((email) => [email, true, undefined]),
		);
		expect(env.sandbox().store.countAttendees(eventId)).toBe(96);
		expect(requestsOf(env.sandbox(), 'event.person.dismiss')).toHaveLength(5);
		expect(requestsOf(env.sandbox(), 'event.person.operate')).toHaveLength(0);
	});

	it('refuses, before writing anything, to remove more than the share allowed; a raised share lets it through', async () => {
		const { eventId, list } = eventWithList();
		const half = [...list.slice(20), { email: 'newcomer@contacts.test', name: 'New Comer', company: 'N' }];
		await expect(run(env.credential(), mirror(eventId), half)).rejects.toThrow(
			`Remove Attendees Not in the Input would remove 20 of the 100 attendees of event ${eventId} (20.0%), more than Max Share to Remove (10%). Nothing was written.`,
		);
		await expect(run(env.credential(), mirror(eventId), half, true)).rejects.toThrow(/would remove 20 of the 100/);
		expect(writes(env.sandbox())).toEqual([]);
		expect(env.sandbox().store.countAttendees(eventId)).toBe(100);

		const output = await run(env.credential(), mirror(eventId, { maxRemovalShare: 20 }), half);
		expect(output.filter((item) => item.json.removed === true)).toHaveLength(20);
		expect(env.sandbox().store.countAttendees(eventId)).toBe(81);
	});

	it("never removes the event's admins, even with a share of 100%", async () => {
		const output = await run(env.credential(), mirror(eventA.eventId, { maxRemovalShare: 100 }), [
			{ email: ana.username, name: ana.name, company: '' },
		]);
		const removed = output.filter((item) => item.json.removed === true).map((item) => item.json.email);
		expect(removed).toContain(collector.username);
		expect(removed).not.toContain(admin.username);
		expect(env.sandbox().store.getMembership(eventA.eventId, admin.personId)).toBeDefined();
	});

	it('refuses when an item could not be read (its attendee would be removed by mistake)', async () => {
		const { eventId, list } = eventWithList();
		const items = [...list.slice(0, 99), { email: 'not an email', name: list[99].name, company: 'X' }];
		await expect(run(env.credential(), mirror(eventId), items, true)).rejects.toThrow(
			/needs every item's email, and items 99 could not be read/,
		);
		expect(writes(env.sandbox())).toEqual([]);
	});

	it('Preview Only: the plan per contact and per removal, nothing written', async () => {
		const { eventId, list } = eventWithList();
		const changed: IDataObject = { ...list[10], company: 'Changed Co' };
		const items = [
			...list.slice(3, 10),
			changed,
			...list.slice(11),
			{ email: 'NEW@contacts.test', name: 'New', company: 'N' },
			{ email: ' new@contacts.test', name: 'New', company: 'N' },
		];
		const output = await run(env.credential(), mirror(eventId, { previewOnly: true }), items);
		expect(writes(env.sandbox())).toEqual([]);
		const plans = output.map((item) => item.json.plan);
		expect(plans.filter((plan) => plan === 'unchanged')).toHaveLength(96);
		expect(output[7].json).toMatchObject({ plan: 'update', changes: ['company'], email: changed.email });
		expect(output[97].json).toMatchObject({ plan: 'create', changes: ['name', 'company'], email: 'NEW@contacts.test' });
		expect(output[98].json).toMatchObject({ plan: 'create', repeatsItem: 97 });
		expect(output.slice(99).map((item) => [item.json.plan, item.json.email])).toEqual(
			list.slice(0, 3).map((contact) => ['remove', contact.email]),
		);
	});
});
