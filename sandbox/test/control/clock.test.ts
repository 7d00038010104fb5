import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, companyId, eventA, eventB } = SANDBOX_FIXTURES;

/** A fixed second well after the fixtures' dates (they are stamped from the real time at reset). */
const T = 1_900_000_000;
const realSeconds = (): number => Math.floor(Date.now() / 1000);

/** `read()` gives the real time: between the real seconds read just before and just after it (however slow the machine). */
function expectRealNow(read: () => number): void {
	const before = realSeconds();
	const value = read();
	expect(value).toBeGreaterThanOrEqual(before);
	expect(value).toBeLessThanOrEqual(realSeconds());
}

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

/** Freezes the clock, then signs in (a token minted at real time would already be expired at T). */
async function freezeAt(seconds: number): Promise<void> {
	sandbox.setClock(seconds);
	token = await tokenFor(sandbox, admin.username, admin.password);
}

const bind = (body: Params, eventID: string = eventA.eventId) =>
	call(sandbox, 'event.person.bind', { token, query: { eventID }, body }).then((r) => rowsOf(r)[0]);
const operate = (personID: string, key: string, value: string, eventID: string = eventA.eventId) =>
	call(sandbox, 'event.person.operate', { token, query: { eventID, personID, key }, body: { value } }).then(
		(r) => rowsOf(r)[0],
	);
const find = (query: Params, eventID: string = eventA.eventId) =>
	call(sandbox, 'event.person.find', { token, query: { eventID, selection: 'all', limit: '100', ...query } }).then(
		rowsOf,
	);
const ids = (rows: Array<Record<string, unknown>>): unknown[] => rows.map((row) => row.personID);
const adminClock = (method: 'GET' | 'POST', body?: unknown) =>
	fetch(`${sandbox.url}__sandbox/clock`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

describe('sandbox clock', () => {
	it('dates binds and operates with the frozen second, moves with advanceClock, returns to real time', async () => {
		await freezeAt(T);
		expect(sandbox.now()).toBe(T);
		const created = await bind({ name: 'Frozen Fay', email: 'fay@sandbox.test' });
		expect(created).toMatchObject({
			dateCreated: String(T),
			dateUpdated: String(T),
			enrollmentDate: String(T),
			present: '0',
		});
		// A known account linked to another event: enrolled now, profile dates untouched.
		const linked = await bind({ name: collector.name, email: collector.username }, eventB.eventId);
		expect(linked).toMatchObject({ personID: collector.personId, enrollmentDate: String(T), dateUpdated: String(T) });
		expect(Number(linked.dateCreated)).toBeLessThan(T);

		sandbox.advanceClock(5);
		expect(sandbox.now()).toBe(T + 5);
		expect((await operate(str(created, 'personID'), 'role', 'Host')).dateUpdated).toBe(String(T + 5));
		const checkedIn = await operate(attendee.personId, 'present', '1');
		expect(checkedIn).toMatchObject({ present: '1', dateUpdated: String(T + 5) });
		// Inferred rule: a check-in changes the link only, so the person's other events do not see an update.
		expect(ids(await find({ updatedAfterDate: String(T) }, eventB.eventId))).toEqual([collector.personId]);

		sandbox.useRealClock();
		expectRealNow(() => sandbox.now());
		token = await tokenFor(sandbox, admin.username, admin.password);
		// The admin: Ana's link still carries T+5, and an attendee's dateUpdated is the later of person and link.
		const before = realSeconds();
		const real = await operate(admin.personId, 'company', 'Now Inc');
		expect(Number(real.dateUpdated)).toBeGreaterThanOrEqual(before);
		expect(Number(real.dateUpdated)).toBeLessThanOrEqual(realSeconds());
	});

	it('advanceClock on real time adds an offset; bad values are refused', () => {
		sandbox.advanceClock(3600);
		expectRealNow(() => sandbox.now() - 3600);
		expect(sandbox.clock().frozen).toBe(false);
		expect(() => sandbox.advanceClock(-1)).toThrow(RangeError);
		expect(() => sandbox.setClock(1.5)).toThrow(RangeError);
		expect(() => sandbox.setClock(Date.now())).toThrow(RangeError); // milliseconds, 13 digits
	});
});

describe('updatedAfterDate and seeding at a frozen second', () => {
	it('includes records updated at T, excludes those updated at T-1', async () => {
		await freezeAt(T - 1);
		await operate(attendee.personId, 'role', 'Early');
		sandbox.advanceClock(1);
		await operate(collector.personId, 'role', 'On time');
		expect(ids(await find({ updatedAfterDate: String(T) }))).toEqual([collector.personId]);
		expect(ids(await find({ updatedAfterDate: String(T - 1) }))).toEqual([attendee.personId, collector.personId]);
		expect(ids(await find({ updatedBeforeDate: String(T - 1), updatedAfterDate: String(T - 1) }))).toEqual([
			attendee.personId,
		]);
	});

	it('stamps 250 seeded attendees with the frozen second (and spreads them on real time)', async () => {
		await freezeAt(T);
		const seeded = sandbox.seedAttendees(eventB.eventId, 250);
		const rows: Array<Record<string, unknown>> = [];
		for (let offset = 0; offset < 300; offset += 100) {
			rows.push(
				...(await find(
					{ updatedAfterDate: String(T), updatedBeforeDate: String(T), offset: String(offset) },
					eventB.eventId,
				)),
			);
		}
		expect(ids(rows)).toEqual(seeded);
		expect(
			rows.every(
				(row) => row.dateUpdated === String(T) && row.enrollmentDate === String(T) && row.dateCreated === String(T),
			),
		).toBe(true);

		sandbox.useRealClock();
		const spread = sandbox
			.seedAttendees(eventA.eventId, 3)
			.map((id) => sandbox.store.getMembership(eventA.eventId, id)?.dateUpdated);
		expect(new Set(spread).size).toBe(3);
	});
});

describe('ordering by date', () => {
	it('event.person.find order=dateUpdated|enrollmentDate, asc/desc, ties by personID', async () => {
		await freezeAt(T);
		const tied = sandbox.seedAttendees(eventB.eventId, 3);
		sandbox.advanceClock(5);
		await operate(attendee.personId, 'role', 'Latest', eventB.eventId);
		const top = (query: Params) => find({ limit: '1', ...query }, eventB.eventId).then(ids);
		expect(await top({ order: 'dateUpdated', orderDirection: 'desc' })).toEqual([attendee.personId]);
		sandbox.advanceClock(5);
		await operate(tied[2], 'present', '1', eventB.eventId);
		expect(await top({ order: 'dateUpdated', orderDirection: 'desc' })).toEqual([tied[2]]);
		expect(ids(await find({ order: 'dateUpdated', orderDirection: 'asc' }, eventB.eventId))).toEqual([
			tied[0],
			tied[1],
			attendee.personId,
			tied[2],
		]);
		// Ana enrolled in eventB at the (real-time) seed, before the three seeded at T.
		expect(ids(await find({ order: 'enrollmentDate', orderDirection: 'desc' }, eventB.eventId))).toEqual([
			...tied,
			attendee.personId,
		]);
		expect((await find({ order: 'dateCreated', orderDirection: 'asc' }, eventB.eventId))[0].personID).toBe(
			attendee.personId,
		);
	});

	it('company.event.find order=dateCreated desc gives the newest event; event.edit dates with the clock', async () => {
		await freezeAt(T);
		const newEvent = (nickname: string) =>
			call(sandbox, 'company.event.bind', {
				token,
				query: { companyID: companyId },
				body: { name: nickname, nickname },
			}).then((r) => rowsOf(r)[0]);
		const first = await newEvent('clock-first');
		sandbox.advanceClock(5);
		const second = await newEvent('clock-second');
		expect(second.dateCreated).toBe(String(T + 5));
		const events = (query: Params) =>
			call(sandbox, 'company.event.find', { token, query: { companyID: companyId, selection: 'all', ...query } }).then(
				rowsOf,
			);
		expect((await events({ order: 'dateCreated', orderDirection: 'desc', limit: '1' }))[0].eventID).toBe(
			second.eventID,
		);
		expect((await events({ order: 'dateCreated', orderDirection: 'asc' })).map((e) => e.eventID)).toEqual([
			eventA.eventId,
			eventB.eventId,
			first.eventID,
			second.eventID,
		]);

		sandbox.advanceClock(5);
		rowsOf(
			await call(sandbox, 'event.edit', {
				token,
				query: { eventID: str(first, 'eventID'), key: 'address' },
				body: { value: 'Porto' },
			}),
		);
		expect((await events({ order: 'dateUpdated', orderDirection: 'desc', limit: '1' }))[0]).toMatchObject({
			eventID: first.eventID,
			dateUpdated: String(T + 10),
		});
		// Date presets read the clock too: at T (2030) the fixture events are all over.
		expect((await events({ selection: 'past-events' })).map((e) => e.eventID)).toEqual([
			eventA.eventId,
			eventB.eventId,
		]);
	});
});

describe('tokens and lockout on the sandbox clock', () => {
	it('a token minted at T expires when the clock passes its TTL', async () => {
		sandbox.setTokenTtl(60);
		await freezeAt(T);
		expect(rowsOf(await call(sandbox, 'api.describe', { token }))[0].expiresAt).toBe(String(T + 60));
		sandbox.advanceClock(59);
		expect((await call(sandbox, 'api.describe', { token })).status).toBe(200);
		sandbox.advanceClock(1);
		const expired = await call(sandbox, 'api.describe', { token });
		expect(expired.status).toBe(401);
		expect(errorMessage(expired)).toMatch(/expired/);
	});

	it('a lockout ends when the clock is advanced 60 minutes', async () => {
		sandbox.setClock(T);
		for (let i = 0; i < 5; i++)
			await call(sandbox, 'person.signIn', { query: { username: admin.username }, body: { password: 'wrong' } });
		const signIn = () =>
			call(sandbox, 'person.signIn', { query: { username: admin.username }, body: { password: admin.password } });
		expect(errorMessage(await signIn())).toMatch(/locked/);
		sandbox.advanceClock(3600);
		expect(rowsOf(await signIn())[0].date).toBe(String(T + 3600));
	});
});

describe('POST/GET /__sandbox/clock and reset', () => {
	it('sets, advances and releases the clock; refuses bad bodies', async () => {
		expect(await (await adminClock('POST', { set: T })).json()).toEqual({ now: T });
		expect(await (await adminClock('GET')).json()).toEqual({ now: T, frozen: true });
		expect(await (await adminClock('POST', { advance: 5 })).json()).toEqual({ now: T + 5 });
		expect(sandbox.now()).toBe(T + 5);
		for (const bad of [{}, { set: 'x' }, { set: -1 }, { advance: 1.5 }, { set: T, advance: 1 }, { real: false }]) {
			expect((await adminClock('POST', bad)).status).toBe(400);
		}
		expect(sandbox.now()).toBe(T + 5);
		const before = realSeconds();
		const real = (await (await adminClock('POST', { real: true })).json()) as { now: number };
		expect(real.now).toBeGreaterThanOrEqual(before);
		expect(real.now).toBeLessThanOrEqual(realSeconds());
		expect(((await (await adminClock('GET')).json()) as { frozen: boolean }).frozen).toBe(false);
	});

	it('reset() returns to real time', () => {
		sandbox.setClock(T);
		sandbox.reset();
		expect(sandbox.clock().frozen).toBe(false);
		expectRealNow(() => sandbox.now());
		sandbox.advanceClock(100);
		sandbox.reset();
		expectRealNow(() => sandbox.now());
	});
});
