import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, str, tokenFor } from '../testClient';

const { admin, attendee, collector, eventA, eventB, otherEvent, companyId, otherCompanyId } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
let systemToken: string;
let eventToken: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	systemToken = await tokenFor(sandbox, admin.username, admin.password);
	eventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
});

describe('Event-scope token', () => {
	it('reads its own event: event.get, event.person.find/get, api.describe', async () => {
		const query = { eventID: eventA.eventId };
		expect((await call(sandbox, 'event.get', { token: eventToken, query })).status).toBe(200);
		expect(
			(await call(sandbox, 'event.person.find', { token: eventToken, query: { ...query, selection: 'all' } })).status,
		).toBe(200);
		const other = await call(sandbox, 'event.person.get', {
			token: eventToken,
			query: { ...query, personID: attendee.personId },
		});
		expect(str(rowsOf(other)[0], 'personID')).toBe(attendee.personId);
		const describe = await call(sandbox, 'api.describe', { bearer: eventToken });
		expect(rowsOf(describe)[0]).toMatchObject({ scope: 'event', targetID: eventA.eventId });
	});

	it('is refused on any other event with a message naming its event', async () => {
		const result = await call(sandbox, 'event.get', { token: eventToken, query: { eventID: eventB.eventId } });
		expect(result.status).toBe(401);
		expect(errorMessage(result)).toMatch(new RegExp(`limited to event ${eventA.eventId}`));
		const find = await call(sandbox, 'event.person.find', {
			token: eventToken,
			query: { eventID: eventB.eventId, selection: 'all' },
		});
		expect(find.status).toBe(401);
	});

	it('is refused on company-level actions', async () => {
		for (const [action, query] of [
			['company.event.find', { companyID: companyId, selection: 'all' }],
			['company.find', {}],
			['company.get', { companyID: companyId }],
		] as const) {
			const result = await call(sandbox, action, { token: eventToken, query });
			expect(result.status).toBe(401);
			expect(errorMessage(result)).toMatch(/limited to event/);
		}
		const bind = await call(sandbox, 'company.event.bind', {
			token: eventToken,
			query: { companyID: companyId },
			body: { name: 'Nope', nickname: 'nope' },
		});
		expect(bind.status).toBe(401);
	});

	it('is downgraded to User: admin writes are refused as insufficient permission', async () => {
		const edit = await call(sandbox, 'event.edit', {
			token: eventToken,
			query: { eventID: eventA.eventId, key: 'name' },
			body: { value: 'Hijacked' },
		});
		expect(edit.status).toBe(401);
		expect(errorMessage(edit)).toMatch(/insufficient permission/);
		expect(sandbox.store.events.get(eventA.eventId)?.name).toBe(eventA.name);

		const bind = await call(sandbox, 'event.person.bind', {
			token: eventToken,
			query: { eventID: eventA.eventId },
			body: { name: 'New Person', email: 'new.person@sandbox.test' },
		});
		expect(bind.status).toBe(401);

		const operate = await call(sandbox, 'event.person.operate', {
			token: eventToken,
			query: { eventID: eventA.eventId, personID: attendee.personId, key: 'role' },
			body: { value: 'Changed' },
		});
		expect(operate.status).toBe(401);

		const dismiss = await call(sandbox, 'event.person.dismiss', {
			token: eventToken,
			query: { eventID: eventA.eventId, personID: attendee.personId },
		});
		expect(dismiss.status).toBe(401);
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)).toBeDefined();
	});

	it('may still edit its own non-admin fields but not its level', async () => {
		const own = await call(sandbox, 'event.person.operate', {
			token: eventToken,
			query: { eventID: eventA.eventId, key: 'role' },
			body: { value: 'Organizer' },
		});
		expect(rowsOf(own)[0]).toMatchObject({ personID: admin.personId, role: 'Organizer' });
		const level = await call(sandbox, 'event.person.operate', {
			token: eventToken,
			query: { eventID: eventA.eventId, key: 'level' },
			body: { value: '4' },
		});
		expect(level.status).toBe(401);
	});
});

describe('System-scope token', () => {
	it('has full rights on the events of the companies its person administers', async () => {
		const edit = await call(sandbox, 'event.edit', {
			token: systemToken,
			query: { eventID: eventB.eventId, key: 'name' },
			body: { value: 'Renamed Summit' },
		});
		expect(str(rowsOf(edit)[0], 'name')).toBe('Renamed Summit');
	});

	it('has no rights on another company or its events', async () => {
		const find = await call(sandbox, 'company.event.find', {
			token: systemToken,
			query: { companyID: otherCompanyId, selection: 'all' },
		});
		expect(find.status).toBe(401);
		const get = await call(sandbox, 'event.get', { token: systemToken, query: { eventID: otherEvent.eventId } });
		expect(get.status).toBe(401);
		const companies = rowsOf(await call(sandbox, 'company.find', { token: systemToken }));
		expect(companies.map((company) => company.companyID)).not.toContain(otherCompanyId);
		expect(companies.map((company) => company.companyID)).toContain(companyId);
	});

	it('of a plain attendee cannot do admin writes in their event', async () => {
		const token = await tokenFor(sandbox, attendee.username, attendee.password);
		const edit = await call(sandbox, 'event.edit', {
			token,
			query: { eventID: eventA.eventId, key: 'name' },
			body: { value: 'x' },
		});
		expect(edit.status).toBe(401);
		const collectorToken = await tokenFor(sandbox, collector.username, collector.password);
		const notMember = await call(sandbox, 'event.get', { token: collectorToken, query: { eventID: eventB.eventId } });
		expect(notMember.status).toBe(401);
	});
});

describe('company actions', () => {
	it('company.get returns the company; unknown → 400', async () => {
		const [company] = rowsOf(
			await call(sandbox, 'company.get', { token: systemToken, query: { companyID: companyId } }),
		);
		expect(company).toMatchObject({ companyID: companyId, name: 'Sandbox Company' });
		expect((await call(sandbox, 'company.get', { token: systemToken, query: { companyID: '9999' } })).status).toBe(400);
		expect((await call(sandbox, 'company.get', { token: systemToken })).status).toBe(400);
	});

	it('company.find refuses an unknown selection', async () => {
		expect(
			(await call(sandbox, 'company.find', { token: systemToken, query: { selection: 'everything' } })).status,
		).toBe(400);
	});
});
