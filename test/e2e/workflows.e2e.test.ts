import { SANDBOX_FIXTURES } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';
import { CREDENTIAL_IDS, useRealN8n, WRONG_PASSWORD } from './harness/suite';
import type { Execution } from '../../tools/n8n/n8n';

const { admin, eventA, eventB, attendee } = SANDBOX_FIXTURES;
const env = useRealN8n();

/** Runs a workflow with a fresh request log and returns the execution and what the sandbox saw. */
async function execute(workflowId: string): Promise<{ run: Execution; requests: RequestLogEntry[] }> {
	env.sandbox().clearLog();
	const run = await env.n8n().execute(workflowId);
	const output = `${run.result.stdout}\n${run.result.stderr}`;
	expect(output).not.toContain(admin.password);
	expect(output).not.toContain(WRONG_PASSWORD);
	for (const token of env.sandbox().store.tokens.keys()) expect(output).not.toContain(token);
	return { run, requests: [...env.sandbox().requests] };
}

const actionsOf = (requests: RequestLogEntry[]) => requests.map((entry) => entry.action);

async function storedToken(credentialId: string): Promise<string> {
	const credentials = await env.n8n().exportCredentials();
	return String(credentials.find((credential) => credential.id === credentialId)?.data.tokenId ?? '');
}

describe('the packed package in a real n8n', () => {
	it('signs in exactly once on the first run, stores the token, and later runs reuse it', async () => {
		const first = await execute('e2eGetEvent00001');
		expect(first.run.ok).toBe(true);
		expect(actionsOf(first.requests)).toEqual(['person.signIn', 'event.get']);
		expect(first.run.runData['Get Event'].items[0]).toMatchObject({ eventID: eventA.eventId, name: eventA.name });

		const token = await storedToken(CREDENTIAL_IDS.system);
		expect(token).toMatch(/^\$2a\$08\$/);
		expect(first.requests[1].headers.authorization).toBe(`Bearer ${token}`);

		const second = await execute('e2eGetEvent00001');
		expect(second.run.ok).toBe(true);
		expect(actionsOf(second.requests)).toEqual(['event.get']);
		expect(second.requests[0].headers.authorization).toBe(`Bearer ${token}`);
	});

	it('after the token expires, signs in exactly once more and the run succeeds', async () => {
		const before = await storedToken(CREDENTIAL_IDS.system);
		env.sandbox().expireAllTokens();
		const { run, requests } = await execute('e2eGetEvent00001');
		expect(run.ok).toBe(true);
		expect(actionsOf(requests).filter((action) => action === 'person.signIn')).toHaveLength(1);
		expect(requests.map((entry) => [entry.action, entry.status])).toEqual([
			['event.get', 401],
			['person.signIn', 200],
			['event.get', 200],
		]);
		const after = await storedToken(CREDENTIAL_IDS.system);
		expect(after).not.toBe(before);
		expect(requests[2].headers.authorization).toBe(`Bearer ${after}`);
	});

	it('creates an event, updates three fields, and gets it', async () => {
		const { run, requests } = await execute('e2eEventLife0001');
		expect(run.ok).toBe(true);
		expect(actionsOf(requests)).toEqual(['company.event.bind', 'event.edit', 'event.edit', 'event.edit', 'event.get']);
		expect(requests[0].body).toEqual({ name: 'E2E Launch', nickname: 'e2e-launch' });
		expect(requests.slice(1, 4).map((entry) => [entry.query.key, entry.body.value])).toEqual([
			['name', 'E2E Launch Renamed'],
			['dateBegin', String(Date.parse('2027-05-01T09:00:00Z') / 1000)],
			['visible', '1'],
		]);
		const [event] = run.runData['Get Event'].items;
		expect(event).toMatchObject({
			name: 'E2E Launch Renamed',
			nickname: 'e2e-launch',
			dateBegin: '2027-05-01T09:00:00.000Z',
			visible: true,
		});
	});

	it('registers 25 attendees from items, then lists them back with Return All', async () => {
		const before = env.sandbox().store.countAttendees(eventB.eventId);
		const { run, requests } = await execute('e2eAttendees0001');
		expect(run.ok).toBe(true);
		expect(actionsOf(requests).filter((action) => action === 'event.person.bind')).toHaveLength(25);
		expect(run.runData['Register Attendee'].items).toHaveLength(25);
		expect(env.sandbox().store.countAttendees(eventB.eventId)).toBe(before + 25);
		const listed = run.runData['List Attendees'].items.map((item) => item.email);
		expect(listed).toHaveLength(before + 25);
		for (let index = 0; index < 25; index++)
			expect(listed).toContain(`e2e.guest${String(index).padStart(2, '0')}@example.test`);
		expect(actionsOf(requests).filter((action) => action === 'event.person.find')).toHaveLength(1);
	});

	it('removes an attendee from an event', async () => {
		const { run, requests } = await execute('e2eRemove0000001');
		expect(run.ok).toBe(true);
		expect(run.runData['Remove Attendee'].items).toEqual([
			{ personId: attendee.personId, eventId: eventA.eventId, removed: true },
		]);
		expect(requests.find((entry) => entry.action === 'event.person.dismiss')?.query).toMatchObject({
			personID: attendee.personId,
		});
		expect(env.sandbox().store.getMembership(eventA.eventId, attendee.personId)).toBeUndefined();
	});

	it('works with an Event-scope credential: eventID in the sign-in, its own event readable', async () => {
		const { run, requests } = await execute('e2eEventScope001');
		expect(run.ok).toBe(true);
		expect(requests[0]).toMatchObject({ action: 'person.signIn', query: { eventID: eventA.eventId } });
		expect(run.runData['List Own Attendees'].items.length).toBeGreaterThan(0);
		expect(run.runData['List Own Attendees'].items.length).toBeLessThanOrEqual(5);
	});

	it('fails a wrong password with the clear message after exactly one sign-in attempt', async () => {
		const { run, requests } = await execute('e2eBadPassword01');
		expect(run.ok).toBe(false);
		expect(actionsOf(requests)).toEqual(['person.signIn']);
		const message = String(run.error?.message ?? run.runData['Get Event']?.error?.message ?? '');
		expect(message).toMatch(
			/InEvent rejected the sign-in of user "admin@sandbox\.test".*Check the username, the System-scope password and the region/,
		);
	});

	it('with Continue On Fail, a failing item leaves the others done', async () => {
		const { run, requests } = await execute('e2eContinueFail1');
		expect(run.ok).toBe(true);
		const items = run.runData['Register Attendee'].items;
		expect(items.map((item) => item.email ?? item.error)).toEqual([
			'good.one@example.test',
			'[item 1] Email must be an email address (got "not-an-email")',
			'good.three@example.test',
		]);
		expect(actionsOf(requests).filter((action) => action === 'event.person.bind')).toHaveLength(2);
	});

	it('with the token in the query string, a failing item shows what InEvent said and no token anywhere', async () => {
		const { run, requests } = await execute('e2eQueryLeak0001');
		expect(run.ok).toBe(true);
		const items = run.runData['Get Event'].items;
		expect(items.map((item) => item.eventID ?? 'error')).toEqual([eventA.eventId, 'error', eventB.eventId]);
		expect(String(items[1].error)).toMatch(/^\[item 1\] InEvent refused event\.get \(HTTP 400: .+\)$/);
		const token = requests.find((entry) => entry.action === 'event.get')?.query.tokenID;
		expect(token).toMatch(/^\$2a\$08\$/);
		// execute() has already searched n8n's whole output (execution data included) for every token and password.
		expect(run.result.stdout).not.toContain(encodeURIComponent(String(token)));
	});
});

describe('sessions, check-in, custom domains and reports in a real n8n', () => {
	it('creates a session, enrolls and checks in an attendee, and exports a CSV that n8n reads back', async () => {
		const { run, requests } = await execute('e2eAgenda0000001');
		expect(run.ok).toBe(true);
		const [session] = run.runData['Create Session'].items;
		expect(session).toMatchObject({
			name: 'E2E Keynote',
			location: 'Hall A',
			capacity: '100',
			eventID: eventB.eventId,
		});
		expect(session.dateBegin).toBe(String(Date.parse('2027-05-01T09:00:00Z') / 1000));
		expect(run.runData['Enroll Ana'].items[0]).toMatchObject({
			activityID: session.activityID,
			personID: attendee.personId,
		});

		const badge = env.sandbox().store.getMembership(eventB.eventId, attendee.personId)?.qrCode;
		const scans = requests.filter((entry) => entry.action === 'checklog.checkIn');
		expect(scans.map((entry) => [entry.query.code, entry.query.activityID])).toEqual([
			[badge, undefined],
			[badge, session.activityID],
		]);
		expect(run.runData['Check In To Session'].items[0]).toMatchObject({
			type: 'in',
			personID: attendee.personId,
			activityID: session.activityID,
		});

		// The CSV travelled as n8n binary data and n8n's own Extract From File parsed it.
		expect(run.runData['Attendee Report'].items[0]).toMatchObject({
			eventId: eventB.eventId,
			columns: ['personID', 'name', 'email', 'present'],
		});
		expect(run.runData['Attendee Report'].binaries[0]?.data).toMatchObject({
			fileName: `attendees-${eventB.eventId}.csv`,
			mimeType: 'text/csv',
		});
		expect(run.runData['Attendee Workbook'].binaries[0]?.data).toMatchObject({
			fileName: `attendees-${eventB.eventId}.xlsx`,
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		});
		const rows = run.runData['Read CSV'].items;
		expect(rows).toHaveLength(env.sandbox().store.countAttendees(eventB.eventId));
		expect(rows).toContainEqual({
			'Person ID': attendee.personId,
			Name: attendee.name,
			Email: attendee.username,
			Present: '1',
		});
		// The XLSX the node wrote is read by n8n's Extract From File (SheetJS): typed cells survive.
		const sheet = run.runData['Read XLSX'].items;
		expect(sheet).toHaveLength(rows.length);
		const ana = sheet.find((row) => String(row['Person ID']) === attendee.personId);
		expect(ana).toMatchObject({ Name: attendee.name, Present: true });
		// A date cell on the workflow's clock (Settings › Timezone: America/Sao_Paulo): SheetJS hands over
		// Excel's serial (days since 1899-12-30), as for any Excel date; text would come back as text.
		const enrolled = env.sandbox().store.getMembership(eventB.eventId, attendee.personId)?.enrollmentDate ?? 0;
		const wallClock = new Date(enrolled * 1000).toLocaleString('sv-SE', { timeZone: 'America/Sao_Paulo' });
		const serial = Date.parse(`${wallClock.replace(' ', 'T')}Z`) / 86_400_000 + 25_569;
		expect(typeof ana?.['Enrollment date']).toBe('number');
		expect(Number(ana?.['Enrollment date'])).toBeCloseTo(serial, 6);
	});

	it('adds a custom domain, lists its DNS records, stays pending until they are published, then verifies', async () => {
		const first = await execute('e2eDomain0000001');
		expect(first.run.ok).toBe(true);
		const [added] = first.run.runData['Add Domain'].items;
		expect(added).toMatchObject({ domain: 'events.e2e-example.com', status: 'pending' });
		const records = first.run.runData['DNS Challenge'].items;
		expect(records.map((record) => record.type).sort()).toEqual(['CNAME', 'TXT']);
		expect(first.run.runData.Verify.items).toEqual([
			expect.objectContaining({ sslID: added.sslID, status: 'pending' }),
		]);

		env.sandbox().publishDns(
			records.map((record) => ({
				type: String(record.type),
				name: String(record.name),
				value: String(record.value),
			})),
		);
		const second = await execute('e2eDomainVerify1');
		expect(second.run.ok).toBe(true);
		expect(second.run.runData.Verify.items[0]).toMatchObject({ sslID: added.sslID, status: 'active' });
		expect(String(second.run.runData.Verify.items[0].dateVerified)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(second.requests.map((entry) => entry.action)).toEqual(['ssl.find', 'ssl.verify']);
	});
});
