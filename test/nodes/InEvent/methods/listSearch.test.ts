import { listSearch, runNode } from '../../../harness/runNode';
import { byId, requestsOf, SANDBOX_FIXTURES, useSandbox } from '../../../harness/useSandbox';

const { companyId, eventA, attendee, admin } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('list search (resource locators)', () => {
	it('lists the companies the user reaches, searchable by name', async () => {
		const all = await listSearch('searchCompanies', env.credential());
		expect(all.results.map((result) => result.value)).toContain(companyId);
		const none = await listSearch('searchCompanies', env.credential(), {}, 'no company is called this');
		expect(none.results).toEqual([]);
	});

	it('lists the events of the chosen company, searched by name', async () => {
		const found = await listSearch('searchEvents', env.credential(), { companyId: byId(companyId) }, eventA.name);
		expect(found.results).toContainEqual({ name: `${eventA.name} (${eventA.eventId})`, value: eventA.eventId });
		expect(requestsOf(env.sandbox(), 'company.event.find')[0].query).toMatchObject({
			companyID: companyId,
			name: eventA.name,
		});
	});

	it('pages long event lists with a pagination token', async () => {
		env.sandbox().seedEvents(companyId, 120);
		const first = await listSearch('searchEvents', env.credential(), { companyId: byId(companyId) });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
	});

	it('shows an Event-scope credential its own event only', async () => {
		const credential = env.credential();
		const eventScope = {
			...credential,
			data: { ...credential.data, scope: 'event', eventId: eventA.eventId, password: eventA.eventPassword },
		};
		const found = await listSearch('searchEvents', eventScope);
		expect(found.results).toEqual([{ name: eventA.name, value: eventA.eventId }]);
	});

	it('searches the attendees of the chosen event by name or email', async () => {
		const byName = await listSearch('searchAttendees', env.credential(), { eventId: byId(eventA.eventId) }, 'Ana');
		expect(byName.results.map((result) => result.value)).toContain(attendee.personId);
		const byEmail = await listSearch(
			'searchAttendees',
			env.credential(),
			{ eventId: byId(eventA.eventId) },
			admin.username,
		);
		expect(byEmail.results.map((result) => result.value)).toEqual([admin.personId]);
		expect(requestsOf(env.sandbox(), 'event.person.find').at(-1)?.query).toMatchObject({ email: admin.username });
	});

	it("lists the event's sessions with their start, pages them, and filters by name", async () => {
		const ids = env.sandbox().seedActivities(eventA.eventId, 60);
		const first = await listSearch('searchSessions', env.credential(), { eventId: byId(eventA.eventId) });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		expect(first.results[0].name).toMatch(/ \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/);
		const second = await listSearch('searchSessions', env.credential(), { eventId: byId(eventA.eventId) }, '', '50');
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((result) => result.value)).toEqual(expect.arrayContaining(ids));
		expect(requestsOf(env.sandbox(), 'activity.find').map((entry) => entry.query.offset)).toEqual(['0', '50']);

		const name = String(env.sandbox().store.activities.get(ids[7])?.name);
		const found = await listSearch('searchSessions', env.credential(), { eventId: byId(eventA.eventId) }, name);
		expect(found.results.map((result) => result.value)).toContain(ids[7]);
		expect(found.results.every((result) => result.name.toLowerCase().includes(name.toLowerCase()))).toBe(true);
		expect(await listSearch('searchSessions', env.credential(), {})).toEqual({ results: [] });
	});

	it("lists the company's custom domains with their status", async () => {
		for (const domain of ['a.example.com', 'b.example.com']) {
			await runNode({
				parameters: { resource: 'customDomain', operation: 'create', companyId: byId(companyId), domain },
				credential: env.credential(),
			});
		}
		// As the editor calls it: from a Custom Domain › Get node with its company chosen.
		const domainNode = { resource: 'customDomain', operation: 'get', companyId: byId(companyId) };
		const all = await listSearch('searchCustomDomains', env.credential(), domainNode);
		expect(all.results.map((result) => result.name).sort()).toEqual([
			'a.example.com (pending)',
			'b.example.com (pending)',
		]);
		const one = await listSearch('searchCustomDomains', env.credential(), domainNode, 'B.EX');
		expect(one.results.map((result) => result.name)).toEqual(['b.example.com (pending)']);
	});
});
