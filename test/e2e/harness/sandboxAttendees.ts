import { SANDBOX_FIXTURES } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { runNode, storedCredential } from '../../harness/runNode';

/** How many of the event's attendees have each email of `emails` (an email counted twice is a duplicate). */
export function attendeesByEmail(sandbox: Sandbox, eventId: string, emails: string[]): Map<string, number> {
	const wanted = new Set(emails);
	const counts = new Map<string, number>();
	for (const personId of sandbox.store.memberships.get(eventId)?.keys() ?? []) {
		const email = sandbox.store.persons.get(personId)?.email;
		if (email !== undefined && wanted.has(email)) counts.set(email, (counts.get(email) ?? 0) + 1);
	}
	return counts;
}

/** Registers people to the event through the node itself (in this process, as the admin): their new person IDs, sorted. */
export async function registerPeople(
	sandbox: Sandbox,
	eventId: string,
	people: Array<{ name: string; email: string }>,
): Promise<string[]> {
	const { admin } = SANDBOX_FIXTURES;
	const registered = await runNode({
		parameters: {
			resource: 'attendee',
			operation: 'create',
			eventId: { __rl: true, mode: 'id', value: eventId },
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
		},
		credential: storedCredential({
			region: 'custom',
			baseUrl: sandbox.url,
			username: admin.username,
			password: admin.password,
		}),
		items: people,
	});
	return registered.map((item) => String(item.json.personID)).sort();
}
