import type { INodeParameters } from 'n8n-workflow';

import { SANDBOX_FIXTURES } from '../../../sandbox';
import { runNode as startNode } from '../../harness/runNode';
import type { RunOptions } from '../../harness/runNode';
import { byId, upsertOf, useRaisedLimits } from '../../harness/useSandbox';
import { useVirtualSandbox } from '../../harness/virtualWire';

const { eventA, eventB, companyId } = SANDBOX_FIXTURES;

// On virtual time (test/harness/virtualWire.ts): n8n-core's request path, the sandbox in process, the
// node's timeouts, backoff and pace on the test's clock, so retries and hangs cost no real time.
const env = useVirtualSandbox();
// The sandbox's limits are off here: 1,000 creates under faults at 100 calls/s instead of InEvent's 10
// (set after the virtual sandbox's reset of the process state).
useRaisedLimits({ perTokenPerSecond: 100, perMachinePerSecond: 1000 });
/** One execution, run on the test's virtual clock until it settles. */
const runNode = async (options: RunOptions) => await env.run(startNode(options));

const fast = { maxRequestsPerSecond: 100, maxConcurrentRequests: 10 };
const createAttendees = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'attendee',
	operation: 'create',
	eventId: byId(eventB.eventId),
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	additionalFields: { company: '={{ $json.company }}' },
	options: { ...fast, ...options },
});
const faultsOf = (action: string) =>
	env.sandbox().requests.filter((entry) => entry.action === action && entry.fault !== undefined);

describe('soak: 1,000 creates with 10% ambiguous create failures, 10% 5xx and the token revoked twice', () => {
	it('leaves exactly 1,000 attendees, each once, every field as sent, and zero failed items', async () => {
		env.sandbox().setFaults(
			[
				{ kind: 'revokeToken', actions: ['event.person.bind'], skip: 300, times: 1 },
				{ kind: 'revokeToken', actions: ['event.person.bind'], skip: 400, times: 1 },
				{ kind: 'ambiguousError', actions: ['event.person.bind'], rate: 0.05 },
				{ kind: 'ambiguousDrop', actions: ['event.person.bind'], rate: 0.05 },
				{ kind: 'http502', rate: 0.05 },
				{ kind: 'http503', rate: 0.05 },
			],
			1128,
		);
		const before = env.sandbox().store.countAttendees(eventB.eventId);
		const people = Array.from({ length: 1000 }, (_, index) => ({
			name: `Soak Person ${index}`,
			email: `soak.${index}@example.test`,
			company: `Company & Co #${index % 17}`,
		}));
		const output = await runNode({
			parameters: createAttendees({ retries: 6 }),
			credential: env.credential(),
			items: people,
			continueOnFail: true,
		});

		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output.map((item) => item.json.email)).toEqual(people.map((person) => person.email));
		expect(env.sandbox().store.countAttendees(eventB.eventId) - before).toBe(1000);
		for (const person of people) {
			const stored = env.sandbox().store.findPersonByEmail(person.email);
			expect([stored?.name, stored?.company]).toEqual([person.name, person.company]);
			expect(env.sandbox().store.getMembership(eventB.eventId, String(stored?.personID))).toBeDefined();
		}
		const stats = env.sandbox().stats();
		expect(
			faultsOf('event.person.bind').filter((entry) => /^ambiguous/.test(String(entry.fault))).length,
		).toBeGreaterThan(60);
		expect(stats.faults).toBeGreaterThan(150);
		// The first sign-in, and one per revocation: not one per call in flight.
		expect(stats.signIns).toBe(3);
	}, 120_000);
});

describe('soak: 500 upserts, half of them existing attendees, under the same faults', () => {
	it('creates 250 and updates 250, each once, with every field and answer as sent, and zero failed items', async () => {
		const { customFields } = SANDBOX_FIXTURES;
		const existingIds = env.sandbox().seedAttendees(eventB.eventId, 250);
		const existing = existingIds.map((personId) => String(env.sandbox().store.persons.get(personId)?.email));
		const fresh = Array.from({ length: 250 }, (_, index) => `upsert.${index}@example.test`);
		const people = [...existing, ...fresh]
			.map((email, index) => ({
				email,
				name: `Upsert Person ${index}`,
				company: `Upsert Co #${index % 13}`,
				workshop: `W${index % 4}`,
			}))
			.sort((a, b) => a.email.localeCompare(b.email)); // existing and new interleaved
		env.sandbox().setFaults(
			[
				{ kind: 'revokeToken', actions: ['event.person.operate'], skip: 100, times: 1 },
				{ kind: 'ambiguousError', actions: ['event.person.bind', 'event.person.operate'], rate: 0.05 },
				{ kind: 'ambiguousDrop', actions: ['event.person.bind', 'event.person.operate'], rate: 0.05 },
				{ kind: 'http502', rate: 0.05 },
				{ kind: 'http503', rate: 0.05 },
			],
			2026,
		);
		const before = env.sandbox().store.countAttendees(eventB.eventId);
		const personsBefore = env.sandbox().store.persons.size;
		const output = await runNode({
			parameters: {
				resource: 'attendee',
				operation: 'upsert',
				eventId: byId(eventB.eventId),
				email: '={{ $json.email }}',
				name: '={{ $json.name }}',
				fields: { company: '={{ $json.company }}' },
				customFields: { field: [{ key: 'workshop', value: '={{ $json.workshop }}' }] },
				options: { ...fast, retries: 6 },
			},
			credential: env.credential(),
			items: people,
			continueOnFail: true,
		});

		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		const isFresh = new Set(fresh);
		expect(output.map((item) => item.json.created)).toEqual(people.map((person) => isFresh.has(person.email)));
		expect(output.filter((item) => item.json.created === true)).toHaveLength(250);
		expect(env.sandbox().store.countAttendees(eventB.eventId) - before).toBe(250);
		expect(env.sandbox().store.persons.size - personsBefore).toBe(250);
		for (const person of people) {
			const stored = env.sandbox().store.findPersonByEmail(person.email);
			expect([stored?.name, stored?.company]).toEqual([person.name, person.company]);
			const membership = env.sandbox().store.getMembership(eventB.eventId, String(stored?.personID));
			expect(membership?.answers.get(customFields.eventBWorkshop.feedbackId)).toBe(person.workshop);
		}
		const ambiguous = env.sandbox().requests.filter((entry) => /^ambiguous/.test(String(entry.fault ?? ''))).length;
		expect(ambiguous).toBeGreaterThan(15);
	}, 120_000);
});

describe('soak: a 5,000-contact sync (10% new, 10% changed) under the same faults, InEvent comparing emails exactly', () => {
	it('leaves every contact an attendee exactly once, every value as sent, and zero failed items', async () => {
		const sandbox = env.sandbox();
		sandbox.setEmailMatch('exact');
		const [eventId] = sandbox.seedEvents(companyId, 1);
		const existing = sandbox.seedAttendees(eventId, 4500).map((personId) => sandbox.store.persons.get(personId));
		const contacts = [
			...existing.map((person, index) => ({
				// Every third existing contact in another case with spaces: only the node's own matching finds it.
				email: index % 3 === 0 ? `  ${String(person?.email).toUpperCase()} ` : String(person?.email),
				name: String(person?.name),
				company: index % 10 === 0 ? `Changed Co #${index % 7}` : String(person?.company),
			})),
			...Array.from({ length: 500 }, (_, index) => ({
				email: `Sync.New.${index}@Example.test`,
				name: `Sync Newcomer ${index}`,
				company: `New Co #${index % 11}`,
			})),
		].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email)); // new and existing interleaved
		sandbox.clearLog();
		sandbox.setFaults(
			[
				{ kind: 'revokeToken', actions: ['event.person.operate'], skip: 100, times: 1 },
				{ kind: 'revokeToken', actions: ['event.person.bind'], skip: 200, times: 1 },
				{ kind: 'ambiguousError', actions: ['event.person.bind', 'event.person.operate'], rate: 0.05 },
				{ kind: 'ambiguousDrop', actions: ['event.person.bind', 'event.person.operate'], rate: 0.05 },
				{ kind: 'http502', rate: 0.05 },
				{ kind: 'http503', rate: 0.05 },
			],
			5005,
		);
		const output = await runNode({
			parameters: upsertOf(eventId, { ...fast, retries: 6 }),
			credential: env.credential(),
			items: contacts,
			continueOnFail: true,
		});

		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output.filter((item) => item.json.created === true)).toHaveLength(500);
		const members = [...sandbox.store.membersOf(eventId).keys()].map((personId) => sandbox.store.persons.get(personId));
		expect(members).toHaveLength(5000);
		const byEmail = new Map(members.map((person) => [String(person?.email).toLowerCase(), person]));
		expect(byEmail.size).toBe(5000); // no two attendees share an email, whatever its case
		for (const contact of contacts) {
			const stored = byEmail.get(contact.email.trim().toLowerCase());
			expect([stored?.name, stored?.company]).toEqual([contact.name, contact.company]);
		}
		const faults = sandbox.requests.filter((entry) => entry.fault !== undefined).length;
		expect(faults).toBeGreaterThan(50);
		// The event was read, not looked up per contact: look-ups are the recoveries of ambiguous registrations only.
		expect(sandbox.requests.filter((entry) => entry.action === 'event.person.get').length).toBeLessThan(500);
	}, 180_000);
});

describe('transient failures', () => {
	it('a hang past the timeout is retried and the item succeeds', async () => {
		env.sandbox().setFaults([{ kind: 'hang', actions: ['event.get'], times: 1 }]);
		const started = env.clock().now();
		const output = await runNode({
			parameters: { resource: 'event', operation: 'get', eventId: byId(eventA.eventId), options: { timeout: 1 } },
			credential: env.credential(),
		});
		expect(output[0].json.eventID).toBe(eventA.eventId);
		expect(env.clock().now() - started).toBeGreaterThanOrEqual(1000);
		expect(
			env
				.sandbox()
				.requests.filter((entry) => entry.action === 'event.get')
				.map((entry) => entry.fault),
		).toEqual(['hang', undefined]);
	});

	it.each(['malformedJson', 'errorBody200', 'http500', 'drop'] as const)('a read survives %s', async (kind) => {
		env.sandbox().setFaults([{ kind, actions: ['event.get'], times: 2 }]);
		const output = await runNode({
			parameters: { resource: 'event', operation: 'get', eventId: byId(eventA.eventId) },
			credential: env.credential(),
		});
		expect(output[0].json.eventID).toBe(eventA.eventId);
	});

	it('gives up after Retries and says how many tries it made', async () => {
		env.sandbox().setFaults([{ kind: 'http503', actions: ['event.get'] }]);
		await expect(
			runNode({
				parameters: { resource: 'event', operation: 'get', eventId: byId(eventA.eventId), options: { retries: 2 } },
				credential: env.credential(),
			}),
		).rejects.toThrow(/^\[item 0\] InEvent refused event\.get \(HTTP 503: .+\) \(after 3 tries\)$/);
	});

	it('Get Many survives failed pages without losing or repeating attendees', async () => {
		const existing = env.sandbox().store.countAttendees(eventB.eventId);
		env.sandbox().seedAttendees(eventB.eventId, 450 - existing);
		env.sandbox().setFaults([{ kind: 'http502', actions: ['event.person.find'], rate: 0.4 }], 5);
		const output = await runNode({
			parameters: {
				resource: 'attendee',
				operation: 'getAll',
				eventId: byId(eventB.eventId),
				returnAll: true,
				options: { retries: 8 },
			},
			credential: env.credential(),
		});
		expect(faultsOf('event.person.find').length).toBeGreaterThan(0);
		expect(output).toHaveLength(450);
		expect(new Set(output.map((item) => item.json.personID)).size).toBe(450);
	});
});

describe('exactly-once creates and removals', () => {
	it('an event created but answered with an error is found by nickname, not created twice', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['company.event.bind'], times: 1 }]);
		const before = env.sandbox().store.eventsOfCompany(companyId).length;
		const output = await runNode({
			parameters: {
				resource: 'event',
				operation: 'create',
				companyId: byId(companyId),
				name: 'Once Only',
				nickname: 'once-only',
			},
			credential: env.credential(),
		});
		expect(output[0].json).toMatchObject({ nickname: 'once-only', name: 'Once Only' });
		expect(env.sandbox().store.eventsOfCompany(companyId).length).toBe(before + 1);
		expect(env.sandbox().requests.filter((entry) => entry.action === 'company.event.bind')).toHaveLength(1);
	});

	it('an attendee create that was not stored is sent again after the lookup finds nothing', async () => {
		env.sandbox().setFaults([{ kind: 'http502', actions: ['event.person.bind'], times: 1 }]);
		const output = await runNode({
			parameters: createAttendees(),
			credential: env.credential(),
			items: [{ name: 'Late Comer', email: 'late@example.test' }],
		});
		expect(output[0].json.email).toBe('late@example.test');
		expect(env.sandbox().requests.map((entry) => entry.action)).toEqual([
			'person.signIn',
			'event.person.bind',
			'event.person.get',
			'event.person.bind',
		]);
	});

	it('a removal answered with a dropped connection is confirmed, not repeated into an error', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['event.person.dismiss'], times: 1 }]);
		const output = await runNode({
			parameters: {
				resource: 'attendee',
				operation: 'delete',
				eventId: byId(eventA.eventId),
				personId: byId(SANDBOX_FIXTURES.attendee.personId),
			},
			credential: env.credential(),
		});
		expect(output[0].json).toMatchObject({ removed: true });
		expect(env.sandbox().requests.filter((entry) => entry.action === 'event.person.dismiss')).toHaveLength(1);
	});
});
