import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_PAGES_PER_POLL, MAX_PROBES_PER_POLL } from '../../../nodes/InEventTrigger/crawl';
import { SANDBOX_FIXTURES } from '../../../sandbox';
import { ActiveTrigger } from '../../harness/pollTrigger';
import { touchAttendees } from '../../harness/sandboxEdits';
import { byId, requestsOf } from '../../harness/useSandbox';
import type { StoredCredential } from '../../harness/credentialsHelper';
import { useVirtualSandbox, wallClockOn } from '../../harness/virtualWire';
import type { Sandbox } from '../../../sandbox';

const { eventB, companyId } = SANDBOX_FIXTURES;

/** A sandbox and how a poll reaches it: on virtual time (the virtual wire) or over real HTTP. */
interface Env {
	sandbox: () => Sandbox;
	credential: () => StoredCredential;
	poll: (trigger: ActiveTrigger) => Promise<IDataObject[]>;
}

/**
 * n8n-core's request path, the sandbox in process, the node's pace on the test's virtual clock.
 * With `wallClock`, the wall clock too (crawl.ts reads n8n's poll budget on Date.now(), real time in n8n).
 */
function onVirtualTime({ wallClock = false } = {}): Env {
	const wire = useVirtualSandbox();
	let spy: jest.SpyInstance | undefined;
	if (wallClock) {
		beforeEach(() => {
			spy = wallClockOn(wire.clock);
		});
		afterEach(() => spy?.mockRestore());
	}
	return { ...wire, poll: async (trigger) => await wire.run(trigger.poll()) };
}

const onAttendees = (event: string): INodeParameters => ({ event, eventId: byId(eventB.eventId) });

interface PollFigures {
	items: IDataObject[];
	pages: number;
	probes: number;
}

/**
 * Polls until one delivers nothing and leaves the cursor where it was (at most `maxPolls`), with
 * what each poll cost. (A poll may deliver nothing and still move on: 1,000 edits, no check-in.)
 */
async function drain(env: Env, trigger: ActiveTrigger, action: string, maxPolls = 40): Promise<PollFigures[]> {
	const polls: PollFigures[] = [];
	for (let index = 0; index < maxPolls; index++) {
		env.sandbox().clearLog();
		const cursorBefore = JSON.stringify(trigger.staticData);
		const items = await env.poll(trigger);
		// A call refused for an expired token (the sandbox clock moved past its hour) is sent again after a sign-in.
		const calls = requestsOf(env.sandbox(), action).filter((entry) => entry.status !== 401);
		polls.push({
			items,
			pages: calls.filter((entry) => entry.query.limit === '100').length,
			probes: calls.filter((entry) => entry.query.limit === '1').length,
		});
		if (items.length === 0 && JSON.stringify(trigger.staticData) === cursorBefore) return polls;
	}
	throw new Error(`still delivering after ${maxPolls} polls`);
}

function expectBounded(polls: PollFigures[]): void {
	for (const poll of polls) {
		expect(poll.pages).toBeLessThanOrEqual(MAX_PAGES_PER_POLL);
		expect(poll.probes).toBeLessThanOrEqual(MAX_PROBES_PER_POLL);
		expect(poll.items.length).toBeLessThanOrEqual(MAX_PAGES_PER_POLL * 100);
	}
}

const sortedIds = (items: IDataObject[]) => items.map((item) => String(item.personID)).sort();

function expectInOrder(items: IDataObject[], timeKey: string, idKey: string): void {
	for (let index = 1; index < items.length; index++) {
		const [a, b] = [items[index - 1], items[index]];
		const order = Number(a[timeKey]) - Number(b[timeKey]) || Number(a[idKey]) - Number(b[idKey]);
		expect(order).toBeLessThan(0);
	}
}

describe('InEvent Trigger: a backlog is delivered over several bounded polls', () => {
	const env = onVirtualTime();

	it('20,000 changed attendees (5,000 stamped with one second, then 150 a second): each once, in order, at most 10 pages a poll', async () => {
		env.sandbox().setClock(1_900_010_000);
		const trigger = new ActiveTrigger(onAttendees('attendeeUpdated'), env.credential());
		expect(await env.poll(trigger)).toEqual([]);

		// Days of downtime: a bulk write, then changes spread over time, 150 a second (a second spans pages).
		env.sandbox().advanceClock(3600);
		const backlog = env.sandbox().seedAttendees(eventB.eventId, 5000);
		for (let second = 0; second < 100; second++) {
			env.sandbox().advanceClock(1);
			backlog.push(...env.sandbox().seedAttendees(eventB.eventId, 150));
		}
		env.sandbox().advanceClock(60);

		const polls = await drain(env, trigger, 'event.person.find');
		const delivered = polls.flatMap((poll) => poll.items);
		expect(delivered).toHaveLength(20_000);
		expect(sortedIds(delivered)).toEqual([...backlog].sort());
		expectInOrder(delivered, 'dateUpdated', 'personID');
		expectBounded(polls);
		// 1,000 records a poll at most: 20 polls at the very least, then one that finds nothing.
		expect(polls.length).toBeGreaterThanOrEqual(21);
		expect(polls.length).toBeLessThanOrEqual(24);
	}, 240_000);

	it('registrations while off, some of them edited later, others edits of old attendees: each registration once, by enrollment date', async () => {
		env.sandbox().setClock(1_900_020_000);
		const before = env.sandbox().seedAttendees(eventB.eventId, 1500);
		env.sandbox().advanceClock(60);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		expect(await env.poll(trigger)).toEqual([]);

		env.sandbox().advanceClock(600);
		const early = env.sandbox().seedAttendees(eventB.eventId, 1200);
		env.sandbox().advanceClock(600);
		const late = env.sandbox().seedAttendees(eventB.eventId, 900);
		// Later still: people who registered early edit their profile (they move past the late ones in
		// dateUpdated), and 1,500 attendees from before activation are edited (not registrations).
		env.sandbox().advanceClock(600);
		touchAttendees(env.sandbox(), eventB.eventId, early.slice(0, 400), 'edited after registering');
		touchAttendees(env.sandbox(), eventB.eventId, before, 'edited, registered long ago');
		env.sandbox().advanceClock(60);

		const polls = await drain(env, trigger, 'event.person.find');
		const delivered = polls.flatMap((poll) => poll.items);
		expect(sortedIds(delivered)).toEqual([...early, ...late].sort());
		expectInOrder(delivered, 'enrollmentDate', 'personID');
		expectBounded(polls);
		expect(polls.length).toBeGreaterThanOrEqual(3);
	}, 120_000);

	it('registrations while the list moves between polls (delivered ones removed, old attendees edited): each remaining one once', async () => {
		env.sandbox().setClock(1_900_050_000);
		const before = env.sandbox().seedAttendees(eventB.eventId, 800);
		env.sandbox().advanceClock(60);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		expect(await env.poll(trigger)).toEqual([]);
		const registered: string[] = [];
		for (let second = 0; second < 20; second++) {
			env.sandbox().advanceClock(1);
			registered.push(...env.sandbox().seedAttendees(eventB.eventId, 125));
		}
		env.sandbox().advanceClock(60);

		const first = await env.poll(trigger);
		expect(first.length).toBeGreaterThan(900);
		// Between polls: 300 of those delivered leave the event (the rest of the list moves up), and
		// 800 attendees from before activation are edited (they enter the list ahead of the cursor).
		const gone = sortedIds(first).slice(0, 300);
		for (const personId of gone) env.sandbox().store.removeMembership(eventB.eventId, personId);
		touchAttendees(env.sandbox(), eventB.eventId, before, 'edited meanwhile');

		const polls = await drain(env, trigger, 'event.person.find');
		const delivered = [...first, ...polls.flatMap((poll) => poll.items)];
		expect(sortedIds(delivered)).toEqual([...registered].sort());
		expectBounded(polls);
	}, 120_000);

	it('checks-ins in a backlog of profile edits: each arrival once, never an edit', async () => {
		env.sandbox().setClock(1_900_030_000);
		const people = env.sandbox().seedAttendees(eventB.eventId, 2500);
		// Nobody is at the venue yet (seeding marks some attendees present).
		for (const personId of people) env.sandbox().store.getMembership(eventB.eventId, personId)!.present = 0;
		env.sandbox().advanceClock(60);
		const trigger = new ActiveTrigger(onAttendees('attendeeCheckedIn'), env.credential());
		expect(await env.poll(trigger)).toEqual([]);

		env.sandbox().advanceClock(60);
		touchAttendees(env.sandbox(), eventB.eventId, people, 'profile edit');
		const arrivals = people.filter((_, index) => index % 7 === 3);
		for (const personId of arrivals) {
			env.sandbox().advanceClock(1);
			const membership = env.sandbox().store.getMembership(eventB.eventId, personId)!;
			membership.present = 1;
			membership.dateUpdated = env.sandbox().now();
		}
		env.sandbox().advanceClock(60);

		const polls = await drain(env, trigger, 'event.person.find');
		const delivered = polls.flatMap((poll) => poll.items);
		expect(sortedIds(delivered)).toEqual([...arrivals].sort());
		expectBounded(polls);
		expect(polls.length).toBeGreaterThanOrEqual(3);
	}, 120_000);
});

describe("InEvent Trigger: a backlog within n8n's poll time budget (the wall clock on virtual time too)", () => {
	const env = onVirtualTime({ wallClock: true });

	it("within n8n's poll time budget: a slow InEvent makes a poll stop early, the next goes on, nothing lost", async () => {
		env.sandbox().setClock(1_900_060_000);
		const trigger = new ActiveTrigger(onAttendees('attendeeUpdated'), env.credential());
		expect(await env.poll(trigger)).toEqual([]);
		env.sandbox().advanceClock(60);
		const backlog = env.sandbox().seedAttendees(eventB.eventId, 1500);
		env.sandbox().advanceClock(60);

		env.sandbox().setLatency(300);
		trigger.pollBudgetMs = 1000;
		const polls = await drain(env, trigger, 'event.person.find');
		const delivered = polls.flatMap((poll) => poll.items);
		expect(sortedIds(delivered)).toEqual([...backlog].sort());
		// At 300 ms a page, a page is only started while it can end within the second.
		expect(Math.max(...polls.map((poll) => poll.pages))).toBeLessThanOrEqual(3);
		expect(polls.length).toBeGreaterThanOrEqual(6);
	}, 120_000);
});

describe('InEvent Trigger: a backlog of new events is delivered over several bounded polls', () => {
	const env = onVirtualTime();

	it('1,500 new events of the company: over two polls, oldest first, each once', async () => {
		env.sandbox().setClock(1_900_040_000);
		const trigger = new ActiveTrigger({ event: 'eventCreated', companyId: byId(companyId) }, env.credential());
		expect(await env.poll(trigger)).toEqual([]);
		env.sandbox().advanceClock(60);
		const created: string[] = [];
		for (let second = 0; second < 10; second++) {
			env.sandbox().advanceClock(1);
			created.push(...env.sandbox().seedEvents(companyId, 150));
		}

		const polls = await drain(env, trigger, 'company.event.find');
		const delivered = polls.flatMap((poll) => poll.items);
		expect(delivered.map((event) => String(event.eventID)).sort()).toEqual([...created].sort());
		expectInOrder(delivered, 'dateCreated', 'eventID');
		expectBounded(polls);
		expect(polls).toHaveLength(3);
	}, 120_000);
});
