import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LOOK_UP_AT_MOST, pageBudget } from '../../../../../../nodes/InEvent/actions/attendee/sync/roster';
import { upsertOf, requestsOf, SANDBOX_FIXTURES, useRaisedLimits } from '../../../../../harness/useSandbox';
import { runNode } from '../../../../../harness/runNode';
import { useVirtualSandbox } from '../../../../../harness/virtualWire';
import type { StoredCredential } from '../../../../../harness/credentialsHelper';
import type { Sandbox } from '../../../../../../sandbox';

const { companyId } = SANDBOX_FIXTURES;
/** Pages a read may ask for ahead of the end (Max Concurrent Requests, 5 by default) and the refresh. */
const PIPELINE_FEW = 6;

const upsert = (options: INodeParameters = {}): INodeParameters => upsertOf('={{ $json.eventId }}', options);

/** The event's attendees as contacts, exactly as stored (nothing to write), the email in the given case. */
function contactsOf(
	sandbox: Sandbox,
	eventId: string,
	count: number,
	from: 'start' | 'end',
	shout = false,
): IDataObject[] {
	const members = [...sandbox.store.membersOf(eventId).keys()];
	const chosen = from === 'start' ? members.slice(0, count) : members.slice(-count);
	return chosen.map((personID) => {
		const person = sandbox.store.persons.get(personID);
		if (!person) throw new Error(`no person ${personID}`);
		const email = shout ? `  ${person.email.toUpperCase()} ` : person.email;
		return { eventId, email, name: person.name, company: person.company };
	});
}

function newContacts(eventId: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		eventId,
		email: `new${index}@contacts.test`,
		name: `New Contact ${index}`,
		company: 'Newco',
	}));
}

/** Look-up calls of a run: pages of the event and per-contact look-ups. */
function lookUps(sandbox: Sandbox): { pages: number; gets: number } {
	return {
		pages: requestsOf(sandbox, 'event.person.find').length,
		gets: requestsOf(sandbox, 'event.person.get').length,
	};
}

describe('page budget', () => {
	it('looks a handful of contacts up, reads at most as many pages as there are contacts, and all for a mirror', () => {
		expect(pageBudget('auto', 1, false)).toBe(0);
		expect(pageBudget('auto', LOOK_UP_AT_MOST, false)).toBe(0);
		expect(pageBudget('auto', LOOK_UP_AT_MOST + 1, false)).toBe(LOOK_UP_AT_MOST + 1);
		expect(pageBudget('auto', 5000, false)).toBe(5000);
		expect(pageBudget('lookUpEach', 5000, false)).toBe(0);
		expect(pageBudget('readEvent', 1, false)).toBe(Infinity);
		expect(pageBudget('lookUpEach', 1, true)).toBe(Infinity);
	});
});

for (const emailMatch of ['caseInsensitive', 'exact'] as const) {
	describe(`create or update › strategy, InEvent comparing emails ${emailMatch === 'exact' ? 'exactly' : 'without regard to case'}`, () => {
		// On virtual time (test/harness/virtualWire.ts): n8n-core's request path, the sandbox in process.
		const env = useVirtualSandbox({ emailMatch });
		const run = async (credential: StoredCredential, parameters: INodeParameters, items: IDataObject[]) =>
			await env.run(runNode({ parameters, credential, items }));
		useRaisedLimits({ perTokenPerSecond: 1000, perMachinePerSecond: 1000 }); // after the virtual sandbox's reset

		const eventOf = (attendees: number): string => {
			const [eventId] = env.sandbox().seedEvents(companyId, 1);
			env.sandbox().seedAttendees(eventId, attendees);
			env.sandbox().clearLog();
			return eventId;
		};
		const bound = (contacts: number, attendees: number): number =>
			2 * Math.min(contacts, Math.ceil(attendees / 100)) + PIPELINE_FEW;

		it('1 contact into 10,000 attendees: one look-up', async () => {
			const eventId = eventOf(10_000);
			const output = await run(
				env.credential(),
				upsert({ previewOnly: true }),
				contactsOf(env.sandbox(), eventId, 1, 'end', true),
			);
			expect(lookUps(env.sandbox())).toEqual({ pages: 0, gets: 1 });
			expect(output[0].json).toMatchObject({ plan: 'unchanged', changes: [] });
		});

		it('5 contacts into 50,000 attendees: five look-ups', async () => {
			const eventId = eventOf(50_000);
			await run(env.credential(), upsert({ previewOnly: true }), contactsOf(env.sandbox(), eventId, 5, 'end'));
			expect(lookUps(env.sandbox())).toEqual({ pages: 0, gets: 5 });
		});

		it('300 contacts into 300 attendees, emails in another case: the pages alone, nothing written', async () => {
			const eventId = eventOf(300);
			const contacts = contactsOf(env.sandbox(), eventId, 300, 'start', true);
			const output = await run(env.credential(), upsert(), contacts);
			const { pages, gets } = lookUps(env.sandbox());
			expect(gets).toBe(0);
			expect(pages).toBeGreaterThanOrEqual(4); // 3 full pages and the empty one that ends the list
			expect(pages).toBeLessThanOrEqual(Math.ceil(300 / 100) + PIPELINE_FEW);
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(0);
			expect(requestsOf(env.sandbox(), 'event.person.operate')).toHaveLength(0);
			expect(output.every((item) => item.json.created === false && item.json.updateForm === 'unchanged')).toBe(true);
		});

		it('5,000 contacts into 200 attendees: three pages and one refresh, 4,800 registered once', async () => {
			const eventId = eventOf(200);
			const contacts = [...contactsOf(env.sandbox(), eventId, 200, 'start'), ...newContacts(eventId, 4800)];
			const output = await run(env.credential(), upsert(), contacts);
			const { pages, gets } = lookUps(env.sandbox());
			expect(gets).toBe(0);
			expect(pages).toBeLessThanOrEqual(bound(5000, 200));
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(4800);
			expect(env.sandbox().store.countAttendees(eventId)).toBe(5000);
			expect(output.filter((item) => item.json.created === true)).toHaveLength(4800);
		}, 120_000);

		it('5,000 contacts into 50,000 attendees: the pages alone', async () => {
			const eventId = eventOf(50_000);
			await run(env.credential(), upsert({ previewOnly: true }), contactsOf(env.sandbox(), eventId, 5000, 'end'));
			const { pages, gets } = lookUps(env.sandbox());
			expect(gets).toBe(0);
			expect(pages).toBeGreaterThanOrEqual(501);
			expect(pages).toBeLessThanOrEqual(500 + PIPELINE_FEW);
		}, 120_000);

		it('50 contacts at the end of 20,000 attendees: 50 pages then 50 look-ups, twice the cheaper way', async () => {
			const eventId = eventOf(20_000);
			await run(env.credential(), upsert({ previewOnly: true }), contactsOf(env.sandbox(), eventId, 50, 'end', true));
			const { pages, gets } = lookUps(env.sandbox());
			expect(pages).toBe(50);
			expect(gets).toBe(50);
			expect(pages + gets).toBeLessThanOrEqual(bound(50, 20_000));
		}, 60_000);

		it('forced strategies: one look-up per contact, or the whole event for one contact', async () => {
			const eventId = eventOf(250);
			await run(
				env.credential(),
				upsert({ previewOnly: true, matchStrategy: 'lookUpEach' }),
				contactsOf(env.sandbox(), eventId, 40, 'start'),
			);
			expect(lookUps(env.sandbox())).toEqual({ pages: 0, gets: 40 });
			env.sandbox().clearLog();
			await run(
				env.credential(),
				upsert({ previewOnly: true, matchStrategy: 'readEvent' }),
				contactsOf(env.sandbox(), eventId, 1, 'start'),
			);
			const { pages, gets } = lookUps(env.sandbox());
			expect(gets).toBe(0);
			expect(pages).toBeGreaterThanOrEqual(3);
			expect(pages).toBeLessThanOrEqual(3 + PIPELINE_FEW);
		});
	});
}
