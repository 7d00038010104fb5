import { join } from 'node:path';

import { SANDBOX_FIXTURES } from '../../sandbox';
import { REPO_ROOT } from '../../tools/n8n/n8n';
import { useRealN8n } from './harness/suite';

const { companyId, eventA, customFields } = SANDBOX_FIXTURES;
const env = useRealN8n([join(REPO_ROOT, 'examples')]);

async function execute(workflowId: string) {
	env.sandbox().clearLog();
	const run = await env.n8n().execute(workflowId);
	if (!run.ok) throw new Error(`${workflowId} failed: ${JSON.stringify(run.error)}\n${run.result.stderr.slice(-2000)}`);
	return { run, requests: [...env.sandbox().requests] };
}

describe('examples/ run in a real n8n against the sandbox', () => {
	it('register attendees from a spreadsheet: one attendee per row, and a re-run creates no duplicates', async () => {
		const before = env.sandbox().store.countAttendees(eventA.eventId);
		const { run } = await execute('exRegisterList01');
		const registered = run.runData['Register Attendee'].items;
		expect(registered.map((item) => item.email)).toEqual([
			'maya.chen@example.com',
			'luis.ortega@example.com',
			'amara.okafor@example.com',
			'jonas.berg@example.com',
			'priya.nair@example.com',
		]);
		expect(registered[0]).toMatchObject({ company: 'Northwind', role: 'Head of Events' });
		expect(env.sandbox().store.countAttendees(eventA.eventId)).toBe(before + 5);

		await execute('exRegisterList01');
		expect(env.sandbox().store.countAttendees(eventA.eventId)).toBe(before + 5);
	});

	it('sync attendees from a form or CRM: registers new emails with their answers, and a re-send writes nothing', async () => {
		const before = env.sandbox().store.countAttendees(eventA.eventId);
		const { run } = await execute('exSyncFromCrm001');
		const synced = run.runData['Create or Update Attendee'].items;
		expect(synced.map((item) => [item.email, item.created])).toEqual([
			['Noor.Haddad@example.com', true],
			['tomas.silva@example.com', true],
			['ines.duarte@example.com', true],
		]);
		expect(env.sandbox().store.countAttendees(eventA.eventId)).toBe(before + 3);
		const noor = env.sandbox().store.findPersonByEmail('noor.haddad@example.com');
		const answers = noor && env.sandbox().store.getMembership(eventA.eventId, noor.personID)?.answers;
		expect(answers?.get(customFields.dietaryNeeds.feedbackId)).toBe('Vegetarian');
		expect(answers?.get(customFields.tshirtSize.feedbackId)).toBe('M');

		const again = await execute('exSyncFromCrm001');
		expect(again.run.runData['Create or Update Attendee'].items.map((item) => [item.created, item.updateForm])).toEqual(
			[
				[false, 'unchanged'],
				[false, 'unchanged'],
				[false, 'unchanged'],
			],
		);
		const writes = again.requests.filter((entry) => /\.(bind|operate|respond)$/.test(entry.action));
		expect(writes).toEqual([]);
		expect(env.sandbox().store.countAttendees(eventA.eventId)).toBe(before + 3);
	});

	it('sync new attendees to a CRM: the attendees changed in the window become CRM contacts', async () => {
		const { run, requests } = await execute('exSyncToCrm00001');
		const find = requests.find((entry) => entry.action === 'event.person.find');
		expect(Number(find?.query.updatedAfterDate)).toBeGreaterThan(Date.now() / 1000 - 16 * 60);
		const contacts = run.runData['Send To Your CRM'].items;
		expect(contacts).toContainEqual(
			expect.objectContaining({
				email: 'maya.chen@example.com',
				first_name: 'Maya',
				last_name: 'Chen',
				company: 'Northwind',
				lead_source: 'InEvent',
			}),
		);
		expect(contacts.every((contact) => /^\d+$/.test(String(contact.inevent_person_id)))).toBe(true);
	});

	it('daily events with attendee counts: one line per event, with the count InEvent holds (0 included)', async () => {
		const [eventWithoutAttendees] = env.sandbox().seedEvents(companyId, 1);
		const { run } = await execute('exDailyCounts001');
		const report = run.runData['Daily Report'].items;
		const events = [...env.sandbox().store.eventsOfCompany(companyId)].filter(
			(event) => String(event.archived) !== '1',
		);
		expect(report).toHaveLength(events.length);
		for (const event of events) {
			expect(report).toContainEqual(
				expect.objectContaining({
					eventID: event.eventID,
					attendees: env.sandbox().store.countAttendees(event.eventID),
				}),
			);
		}
		expect(report).toContainEqual(expect.objectContaining({ eventID: eventWithoutAttendees, attendees: 0 }));
	});

	it('weekly attendee workbook: one dated Excel file with a row per attendee', async () => {
		const { run, requests } = await execute('exWeeklyReport01');
		const [file] = run.runData['Send To The Team'].items;
		expect(file).toMatchObject({
			eventId: eventA.eventId,
			rows: env.sandbox().store.countAttendees(eventA.eventId),
			columns: ['name', 'email', 'company', 'role', 'present', 'enrollmentDate'],
		});
		expect(String(file.fileName)).toMatch(/^attendees-\d{4}-\d{2}-\d{2}\.xlsx$/);
		expect(requests.map((entry) => entry.action).filter((action) => action !== 'person.signIn')).toEqual([
			'event.report.personSchema',
			'event.report.personReport',
		]);
	});
});
