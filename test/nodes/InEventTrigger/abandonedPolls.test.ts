import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SANDBOX_FIXTURES } from '../../../sandbox';
import { ActiveTrigger } from '../../harness/pollTrigger';
import { touchAttendees } from '../../harness/sandboxEdits';
import { TickedTrigger } from '../../harness/tickedTrigger';
import { byId, requestsOf } from '../../harness/useSandbox';
import { useVirtualSandbox } from '../../harness/virtualWire';

const { eventB } = SANDBOX_FIXTURES;

// On virtual time (test/harness/virtualWire.ts): n8n-core's request path, the sandbox in process, its
// latency and the node's pace on the test's clock. Each poll or tick is run on it until it settles.
const env = useVirtualSandbox();
const poll = async (trigger: { poll: () => Promise<IDataObject[]> }) => await env.run(trigger.poll());
const tick = async (trigger: TickedTrigger) => await env.run(trigger.tick());

const onUpdates: INodeParameters = { event: 'attendeeUpdated', eventId: byId(eventB.eventId) };
const ids = (items: IDataObject[]) => items.map((item) => String(item.personID));

/** A backlog of 2,500 changed attendees, 130 a second (so seconds straddle pages), after the trigger's first poll. */
async function backlogAfterActivation(trigger: { poll: () => Promise<IDataObject[]> }): Promise<string[]> {
	env.sandbox().setClock(1_900_100_000);
	expect(await poll(trigger)).toEqual([]);
	const backlog: string[] = [];
	for (let second = 0; second < 20; second++) {
		env.sandbox().advanceClock(1);
		backlog.push(...env.sandbox().seedAttendees(eventB.eventId, 125));
	}
	env.sandbox().advanceClock(60);
	return backlog;
}

describe('InEvent Trigger under n8n 2.41 durable poll cursors (a fresh copy of the saved cursor each poll)', () => {
	it('a poll n8n abandons (emit dropped, cursor not saved) is delivered by the next one: every other poll abandoned, each record once', async () => {
		const trigger = new TickedTrigger(onUpdates, env.credential());
		const backlog = await backlogAfterActivation(trigger);

		let abandoned = 0;
		for (let index = 0; index < 20; index++) {
			const first = await tick(trigger);
			if (first.items.length === 0) break;
			// Abandoned at N8N_SCHEDULER_POLL_TIMEOUT: nothing of it is kept, the next poll starts where it started.
			abandoned++;
			const next = await tick(trigger);
			expect(ids(next.items)).toEqual(ids(first.items));
			next.commit();
		}
		expect(abandoned).toBeGreaterThanOrEqual(3);
		expect(ids(trigger.delivered).sort()).toEqual([...backlog].sort());
		expect(new Set(ids(trigger.delivered)).size).toBe(backlog.length);
	}, 120_000);

	it('a repeated poll (the same saved cursor given twice) reads the same records and leaves the same cursor', async () => {
		const trigger = new TickedTrigger(onUpdates, env.credential());
		const backlog = await backlogAfterActivation(trigger);

		const once = await tick(trigger);
		const again = await tick(trigger);
		expect(once.items.length).toBeGreaterThan(900);
		expect(again.items).toEqual(once.items);
		expect(again.state).toEqual(once.state);

		// n8n kept the second one (say the first's commit failed): the rest follows, nothing twice.
		again.commit();
		while ((await poll(trigger)).length > 0);
		expect(ids(trigger.delivered).sort()).toEqual([...backlog].sort());
	}, 120_000);

	it('a poll that starts while an abandoned one still runs in this process reads nothing and changes nothing; the next delivers each record once', async () => {
		const trigger = new TickedTrigger(onUpdates, env.credential());
		const backlog = await backlogAfterActivation(trigger);

		env.sandbox().setLatency(150);
		env.sandbox().clearLog();
		const slow = trigger.tick();
		while (requestsOf(env.sandbox(), 'event.person.find').length === 0) await env.clock().advance(20);
		const overlapping = await tick(trigger);
		expect(overlapping.items).toEqual([]);
		expect(overlapping.state).toEqual(trigger.saved);
		overlapping.commit();
		// The abandoned poll runs to its end; n8n drops what it returns.
		expect((await env.run(slow)).items.length).toBeGreaterThan(0);

		env.sandbox().setLatency(0);
		while ((await poll(trigger)).length > 0);
		expect(ids(trigger.delivered).sort()).toEqual([...backlog].sort());
	}, 120_000);

	it('in-memory scheduling (one shared static data): a poll started while the last still runs delivers nothing, so nothing twice', async () => {
		const trigger = new ActiveTrigger(onUpdates, env.credential());
		const backlog = await backlogAfterActivation(trigger);

		env.sandbox().setLatency(150);
		const [first, second] = await env.run(Promise.all([trigger.poll(), trigger.poll()]));
		expect(second).toEqual([]);
		env.sandbox().setLatency(0);
		const delivered = [...first];
		for (let items = await poll(trigger); items.length > 0; items = await poll(trigger)) delivered.push(...items);
		expect(ids(delivered).sort()).toEqual([...backlog].sort());
	}, 120_000);
});

describe('InEvent Trigger under 2.41 durable scheduling without durable cursors (static data saved on emit only)', () => {
	it('new registrations behind a long run of edits to older attendees are found and delivered in one poll', async () => {
		env.sandbox().setClock(1_900_200_000);
		const old = env.sandbox().seedAttendees(eventB.eventId, 3000);
		env.sandbox().advanceClock(60);
		const trigger = new TickedTrigger(
			{ event: 'attendeeRegistered', eventId: byId(eventB.eventId) },
			env.credential(),
			'onEmitOnly',
		);
		// The activation poll's cursor is kept (n8n saves static data after activating).
		const activation = await tick(trigger);
		expect(activation.items).toEqual([]);
		trigger.saved = activation.state;

		env.sandbox().advanceClock(60);
		const fresh = env.sandbox().seedAttendees(eventB.eventId, 5);
		env.sandbox().advanceClock(60);
		touchAttendees(env.sandbox(), eventB.eventId, old, 'edited');
		env.sandbox().clearLog();
		expect(ids(await poll(trigger)).sort()).toEqual([...fresh].sort());
		const calls = requestsOf(env.sandbox(), 'event.person.find');
		expect(calls.filter((entry) => entry.query.limit === '100').length).toBeLessThanOrEqual(2);
		expect(calls.length).toBeLessThanOrEqual(30);
		expect(await poll(trigger)).toEqual([]);
	}, 120_000);
});
