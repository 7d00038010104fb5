import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';
import { installedVersion, selectedN8nInstall } from '../../tools/n8n/n8nVersions';
import { registerPeople } from './harness/sandboxAttendees';
import { useRealN8n } from './harness/suite';
import { waitFor } from './harness/waitFor';

const { eventB } = SANDBOX_FIXTURES;

/**
 * test/e2e/workflows/e2eTriggerDurab1.json: the trigger of e2eTrigger0000001 with two poll times, seconds 0 and 30 of
 * every minute (two custom crons of one fixed second each, which n8n accepts as minute-granular): a poll every 30 s
 * instead of every minute. Each poll reads one page at most once it is slower than its budget (the poll timeout), so
 * the abandoned poll's read is answered before the next poll starts: as with a poll a minute, no two polls overlap.
 */
const WORKFLOW_ID = 'e2eTriggerDurab1';
/** Seconds a poll may run under the durable scheduler before n8n abandons it (default 45). */
const POLL_TIMEOUT_SECONDS = 10;
/** The sandbox's answer time while it is slowed: longer than the poll timeout. */
const SLOW_MS = 15_000;

// n8n 2.41.1's durable poll path (docs/research/n8n-poll-cursors.md): the scheduler dispatches polls,
// the cursor is kept in its own table and saved with the execution, and a poll has a timeout.
const env = useRealN8n([], {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TIMEOUT: String(POLL_TIMEOUT_SECONDS),
});

/** The trigger's reads (Attendee Registered reads by enrollment date), grouped into polls: calls less than 10 s apart. */
function polls(requests: RequestLogEntry[]): RequestLogEntry[][] {
	const reads = requests.filter(
		(entry) => entry.action === 'event.person.find' && entry.query.order === 'enrollmentDate',
	);
	const groups: RequestLogEntry[][] = [];
	for (const entry of reads) {
		const last = groups.at(-1);
		if (last && entry.time - last[last.length - 1].time < 10_000) last.push(entry);
		else groups.push([entry]);
	}
	return groups;
}

/** A first poll asks for the newest record (to place the cursor); a poll from a saved cursor does not. */
const placesCursor = (poll: RequestLogEntry[]) => poll.some((entry) => entry.query.orderDirection === 'desc');

const marks = (requests: RequestLogEntry[]) =>
	requests.filter((entry) => entry.action === 'event.person.operate' && entry.status === 200);

describe('InEvent Trigger in n8n 2.41 with durable poll cursors and a poll timeout', () => {
	it('a poll abandoned at the timeout while InEvent is slow: each new registration reaches the workflow exactly once', async () => {
		const n8n = env.n8n();
		// The settings exist from n8n 2.37 (durable cursors 2.36, the poll timeout 2.37).
		const [major, minor] = (installedVersion(selectedN8nInstall()) ?? '0.0.0').split('.').map(Number);
		expect(major > 2 || (major === 2 && minor >= 37)).toBe(true);
		const log = join(n8n.folder, 'n8n-server.log');
		const logText = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
		await n8n.activate(WORKFLOW_ID);
		const startedAt = Date.now();
		n8n.serve(log);

		// Polls until one runs from a saved cursor (the activation poll's cursor is not kept by durable
		// cursors: the first scheduled poll places it again).
		await waitFor(
			'a poll from a saved cursor',
			() => polls(env.sandbox().requests).find((poll) => !placesCursor(poll)),
			240_000,
		);
		expect(logText()).not.toContain('durable poll cursors stay disabled');

		// InEvent slows down (every poll from now on outlives the timeout), then 5 people register.
		env.sandbox().setLatency(SLOW_MS);
		const abandoned = () => logText().match(/Poll exceeded its timeout and was abandoned/g)?.length ?? 0;
		const newIds = await registerPeople(
			env.sandbox(),
			eventB.eventId,
			[1, 2, 3, 4, 5].map((index) => ({ name: `Durable Guest ${index}`, email: `durable.${index}@example.test` })),
		);
		const registeredAt = Date.now();

		// The next poll reads them, slowly; n8n abandons it at the timeout (its items and cursor dropped)
		// while it runs on to its end in n8n's process.
		const [slowRead] = await waitFor(
			'a poll reading after the registrations',
			() => polls(env.sandbox().requests).find((poll) => poll[0].time > registeredAt),
			150_000,
		);
		const abandonedBefore = abandoned();
		await waitFor('n8n to abandon that poll', () => (abandoned() > abandonedBefore ? true : undefined), 60_000, 250);
		const abandonedAt = Date.now();
		// Its read answered (the sandbox holds each answer its latency from the arrival), and 2 s more for what the poll
		// still does after it: 17 s after it started, 13 s before the next poll (30 s after it), which reads at full speed.
		const answeredAt = slowRead.time + (slowRead.delayMs ?? SLOW_MS);
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, answeredAt + 2000 - Date.now())));
		expect(marks(env.sandbox().requests)).toHaveLength(0);
		env.sandbox().setLatency(0);
		const fastAgainAt = Date.now();

		const marked = await waitFor(
			'the next poll to emit the new attendees',
			() => (marks(env.sandbox().requests).length >= newIds.length ? marks(env.sandbox().requests) : undefined),
			200_000,
		);
		// One more poll after the marks: nothing is delivered again.
		const lastMark = marked[marked.length - 1].time;
		await waitFor(
			'a poll after the marks',
			() => polls(env.sandbox().requests).find((poll) => poll[0].time > lastMark + 5000),
			150_000,
		);
		const allPolls = polls(env.sandbox().requests);
		const at = (time: number): string => ((time - startedAt) / 1000).toFixed(0);
		console.log(
			`[durable] ${allPolls.length} polls (s after n8n was asked to start, reads each): ${allPolls.map((poll) => `${at(poll[0].time)} (${poll.length})`).join(', ')}; ${abandoned()} abandoned (the slowed poll's at ${at(abandonedAt)}); InEvent fast again at ${at(fastAgainAt)}; marks at ${at(marked[0].time)}`,
		);
		const allMarks = marks(env.sandbox().requests);
		expect(allMarks.map((entry) => entry.query.personID).sort()).toEqual(newIds);
		for (const id of newIds) expect(env.sandbox().store.persons.get(id)?.company).toBe('Seen by trigger');
	}, 900_000);
});
