import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, requestsOf, SANDBOX_FIXTURES, upsertOf } from '../../../../../harness/useSandbox';
import { runNode } from '../../../../../harness/runNode';
import type { StoredCredential } from '../../../../../harness/credentialsHelper';
import { useVirtualSandbox } from '../../../../../harness/virtualWire';
import type { Sandbox } from '../../../../../../sandbox';
import { newMembership, newPerson } from '../../../../../../sandbox/store/records';

const { companyId, attendee: ana, eventA } = SANDBOX_FIXTURES;

const upsert = upsertOf;

/** The event's attendees whose email is this one, whatever its case: more than one is a duplicate. */
function attendeesWithEmail(sandbox: Sandbox, eventId: string, email: string) {
	const wanted = email.trim().toLowerCase();
	return [...sandbox.store.membersOf(eventId).keys()]
		.map((personID) => sandbox.store.persons.get(personID))
		.filter((person) => person?.email.toLowerCase() === wanted);
}

const contacts = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({
		email: `c${index}@contacts.test`,
		name: `Contact ${index}`,
		company: 'C',
	}));

for (const emailMatch of ['caseInsensitive', 'exact'] as const) {
	describe(`create or update › exactly once, InEvent comparing emails ${emailMatch === 'exact' ? 'exactly' : 'without regard to case'}`, () => {
		// On virtual time (test/harness/virtualWire.ts): n8n-core's request path, the sandbox in process,
		// its 20 ms latency and the node's pace on the test's clock.
		const env = useVirtualSandbox({ emailMatch, latencyMs: 20 });
		/** An execution, not yet run on the clock. */
		const start = (credential: StoredCredential, parameters: INodeParameters, items?: IDataObject[]) =>
			runNode({ parameters, credential, items });
		const run = async (credential: StoredCredential, parameters: INodeParameters, items?: IDataObject[]) =>
			await env.run(start(credential, parameters, items));
		let eventId: string;
		beforeEach(() => {
			[eventId] = env.sandbox().seedEvents(companyId, 1);
			env.sandbox().seedAttendees(eventId, 250);
			env.sandbox().clearLog();
		});

		for (const size of [2, 12]) {
			it(`a contact given twice in ${size} items (another case, spaces) is one attendee, updated by the later item`, async () => {
				const items = [
					{ email: 'Grace.Hopper@Navy.test', name: 'Grace Hopper', company: 'Navy' },
					...contacts(size - 2),
					{ email: '  grace.hopper@navy.TEST ', name: 'Grace Hopper', company: 'Yale' },
				];
				const output = await run(env.credential(), upsert(eventId), items);
				const grace = attendeesWithEmail(env.sandbox(), eventId, 'grace.hopper@navy.test');
				expect(grace).toHaveLength(1);
				expect(grace[0]?.email).toBe('Grace.Hopper@Navy.test');
				expect(grace[0]?.company).toBe('Yale');
				expect([output[0].json.created, output[size - 1].json.created]).toEqual([true, false]);
				expect(output[size - 1].json).toMatchObject({ personID: grace[0]?.personID, updateForm: 'perField' });
				const binds = requestsOf(env.sandbox(), 'event.person.bind').map((entry) => entry.body.email);
				expect(binds.filter((email) => email.toLowerCase() === 'grace.hopper@navy.test')).toEqual([
					'Grace.Hopper@Navy.test',
				]);
			});
		}

		it('an attendee registered by someone else after the read (in another case) is updated, not registered again', async () => {
			const late = { email: 'late.comer@contacts.test', name: 'Late Comer', company: 'Late Co' };
			const sandbox = env.sandbox();
			let injected = false;
			let stopped = false;
			const inject = () => {
				// The read's last page (offset 200 of 250) was just answered: the node will have it in 20 ms.
				if (injected || !requestsOf(sandbox, 'event.person.find').some((entry) => entry.query.offset === '200')) return;
				injected = true;
				const now = sandbox.now();
				const person = newPerson({
					personID: sandbox.store.allocatePersonId(),
					name: late.name,
					username: 'Late.Comer@Contacts.test',
					email: 'Late.Comer@Contacts.test',
					now,
				});
				sandbox.store.addPerson(person);
				sandbox.store.addMembership(newMembership(eventId, person.personID, 1, now));
			};
			// Looks every 1 ms of virtual time, as the real-time watcher did, until the run is over.
			void (async () => {
				for (const clock = env.clock(); !stopped; await clock.sleep(1)) inject();
			})();
			try {
				const output = await run(env.credential(), upsert(eventId), [...contacts(10), late]);
				expect(injected).toBe(true);
				expect(output[10].json).toMatchObject({ created: false, company: 'Late Co' });
			} finally {
				stopped = true;
			}
			expect(attendeesWithEmail(env.sandbox(), eventId, late.email)).toHaveLength(1);
			const refresh = requestsOf(env.sandbox(), 'event.person.find').filter((entry) => entry.query.updatedAfterDate);
			expect(refresh).toHaveLength(1);
			expect(requestsOf(env.sandbox(), 'event.person.bind').map((entry) => entry.body.email)).not.toContain(late.email);
		});

		it('a registration lost on the way back is looked up, not sent again (read path)', async () => {
			env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['event.person.bind'], times: 1 }]);
			const items = contacts(8).map((contact) => ({ ...contact, email: String(contact.email).toUpperCase() }));
			const output = await run(env.credential(), upsert(eventId), items);
			expect(output.every((item) => item.json.created === true)).toBe(true);
			for (const item of items) expect(attendeesWithEmail(env.sandbox(), eventId, String(item.email))).toHaveLength(1);
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(8);
		});

		it('one contact (look-up path): found whatever the case of the stored and the given email', async () => {
			const output = await run(env.credential(), upsert(eventA.eventId), [
				{ email: `  ${ana.username.toUpperCase()} `, name: ana.name, company: 'Case Co' },
			]);
			expect(output[0].json).toMatchObject({ personID: ana.personId, created: false, company: 'Case Co' });
			expect(attendeesWithEmail(env.sandbox(), eventA.eventId, ana.username)).toHaveLength(1);
		});

		it('Get by email finds the attendee whatever the case', async () => {
			const output = await run(env.credential(), {
				resource: 'attendee',
				operation: 'get',
				eventId: byId(eventA.eventId),
				lookupBy: 'email',
				email: ana.username.toUpperCase(),
			});
			expect(output[0].json).toMatchObject({ personID: ana.personId });
		});

		it('two executions at once with the same new contact, in two cases: one attendee', async () => {
			const [first, second] = await env.run(
				Promise.all([
					start(env.credential(), upsert(eventId), [{ email: 'Burst@Contacts.test', name: 'Burst One', company: 'B' }]),
					start(env.credential(), upsert(eventId), [{ email: 'burst@contacts.test', name: 'Burst One', company: 'B' }]),
				]),
			);
			expect(attendeesWithEmail(env.sandbox(), eventId, 'burst@contacts.test')).toHaveLength(1);
			expect([first[0].json.created, second[0].json.created].sort()).toEqual([false, true]);
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(1);
		});
	});
}
