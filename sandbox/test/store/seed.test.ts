import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, rowsOf, tokenFor } from '../testClient';

const { admin, eventA, emptyCompanyId } = SANDBOX_FIXTURES;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

describe('seeding', () => {
	it('adds 50,000 attendees in one call and they are listable', async () => {
		const started = performance.now();
		const ids = sandbox.seedAttendees(eventA.eventId, 50_000);
		const elapsed = performance.now() - started;
		// Not a benchmark: about 1 s on the 2-core dev machine, so 30 s holds on one ten times slower
		// and busy, and still catches seeding gone quadratic (minutes).
		expect(elapsed).toBeLessThan(30_000);
		expect(ids).toHaveLength(50_000);
		expect(new Set(ids).size).toBe(50_000);
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(50_003);
		const token = await tokenFor(sandbox, admin.username, admin.password);
		const page = await call(sandbox, 'event.person.find', {
			token,
			query: { eventID: eventA.eventId, selection: 'all', limit: '100', offset: '49903' },
		});
		expect(rowsOf(page).map((p) => p.personID)).toEqual(ids.slice(-100));
	}, 60_000);

	it('seeds through POST /__sandbox/seed and reset drops the seeded data', async () => {
		const post = (body: unknown) =>
			fetch(`${sandbox.url}__sandbox/seed`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
		const attendees = (await (await post({ eventId: eventA.eventId, attendees: 25 })).json()) as {
			personIds: string[];
		};
		expect(attendees.personIds).toHaveLength(25);
		const events = (await (await post({ companyId: emptyCompanyId, events: 7 })).json()) as { eventIds: string[] };
		expect(events.eventIds).toHaveLength(7);
		expect(sandbox.store.eventsOfCompany(emptyCompanyId)).toHaveLength(7);
		expect((await post({ eventId: '1', attendees: 1 })).status).toBe(400);
		expect((await post({})).status).toBe(400);
		expect(sandbox.requests).toHaveLength(0);
		sandbox.reset();
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(3);
		expect(sandbox.store.eventsOfCompany(emptyCompanyId)).toHaveLength(0);
	});

	it('honours seedEvents / seedAttendees start options, also after reset', async () => {
		const big = await startSandbox({ port: 0, seedEvents: 30, seedAttendees: 500 });
		try {
			expect(big.store.eventsOfCompany(SANDBOX_FIXTURES.companyId)).toHaveLength(32);
			expect(big.store.countAttendees(eventA.eventId)).toBe(503);
			big.reset();
			expect(big.store.countAttendees(eventA.eventId)).toBe(503);
		} finally {
			await big.close();
		}
	});

	it('serves the fixtures at GET /__sandbox/fixtures', async () => {
		const res = await fetch(`${sandbox.url}__sandbox/fixtures`);
		expect(await res.json()).toEqual(SANDBOX_FIXTURES);
	});
});
