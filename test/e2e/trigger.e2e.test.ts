import { join } from 'node:path';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';
import { registerPeople } from './harness/sandboxAttendees';
import { useRealN8n } from './harness/suite';
import { waitFor } from './harness/waitFor';

const { eventB } = SANDBOX_FIXTURES;
const env = useRealN8n();

const isFirstCursorPoll = (entry: RequestLogEntry) =>
	entry.action === 'event.person.find' &&
	entry.query.order === 'enrollmentDate' &&
	entry.query.orderDirection === 'desc';

describe('InEvent Trigger in a running n8n', () => {
	it('an active workflow polls, replays nothing, then emits the new registrations once', async () => {
		const n8n = env.n8n();
		await n8n.activate('e2eTrigger0000001');
		n8n.serve(join(n8n.folder, 'n8n-server.log'));

		// The first poll only sets the cursor. The workflow's poll times are the seconds 0, 10, … 50 of every minute
		// (six custom crons of one fixed second each, which every n8n here accepts): a poll every 10 s, not every minute.
		await waitFor('the first poll', () => env.sandbox().requests.find(isFirstCursorPoll), 150_000);
		const operateBefore = env.sandbox().requests.filter((entry) => entry.action === 'event.person.operate').length;
		expect(operateBefore).toBe(0);

		const newIds = await registerPeople(
			env.sandbox(),
			eventB.eventId,
			[1, 2, 3].map((index) => ({ name: `Trigger Guest ${index}`, email: `trigger.${index}@example.test` })),
		);

		// The next poll emits them; the workflow marks each one it received.
		const marked = await waitFor(
			'the trigger to emit the new attendees',
			() => {
				const operate = env
					.sandbox()
					.requests.filter((entry) => entry.action === 'event.person.operate' && entry.status === 200);
				return operate.length >= 3 ? operate : undefined;
			},
			150_000,
		);
		expect(marked.map((entry) => entry.query.personID).sort()).toEqual(newIds);
		for (const id of newIds) expect(env.sandbox().store.persons.get(id)?.company).toBe('Seen by trigger');
	}, 400_000);
});
