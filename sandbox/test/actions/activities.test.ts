import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, otherAdmin, eventA, eventB } = SANDBOX_FIXTURES;

/** Frozen before signing in, so every date below is exact (tokens are minted on the same clock). */
const T = 1_900_000_000;
const HOUR = 3600;

const ACTIVITY_KEYS = [
	'activityID',
	'eventID',
	'name',
	'description',
	'location',
	'dateBegin',
	'dateEnd',
	'capacity',
	'enrolled',
	'dateCreated',
	'dateUpdated',
];
const ENROLLMENT_KEYS = ['activityID', 'eventID', 'personID', 'name', 'email', 'present', 'dateCreated'];

let sandbox: Sandbox;
let token: string;
let anaToken: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	sandbox.setClock(T);
	token = await tokenFor(sandbox, admin.username, admin.password);
	anaToken = await tokenFor(sandbox, attendee.username, attendee.password);
});

const slot = (overrides: Params = {}): Params => ({
	name: 'Keynote',
	dateBegin: String(T + HOUR),
	dateEnd: String(T + 2 * HOUR),
	...overrides,
});
const create = (body: Params, as: string = token, eventID: string = eventA.eventId) =>
	call(sandbox, 'activity.create', { token: as, query: { eventID }, body });
const newSession = async (overrides: Params = {}, eventID: string = eventA.eventId): Promise<string> =>
	str(rowsOf(await create(slot(overrides), token, eventID))[0], 'activityID');
const act = (action: string, query: Params, as: string = token, body?: Params) =>
	call(sandbox, action, { token: as, query, body });
const edit = (activityID: string, key: string, value: string | undefined, query: Params = {}, as: string = token) =>
	act('activity.edit', { activityID, key, ...query }, as, value === undefined ? undefined : { value });
const find = (query: Params, as: string = token) =>
	act('activity.find', { eventID: eventA.eventId, selection: 'all', ...query }, as);
const ids = async (query: Params, as: string = token) => rowsOf(await find(query, as)).map((row) => row.activityID);
const bind = (activityID: string, personID: string, as: string = token) =>
	act('activity.person.bind', { activityID, personID }, as);

describe('activity.create', () => {
	it('creates a session and answers the session row, every value a string', async () => {
		const result = await create(slot({ description: 'Opening talk', location: 'Main Hall', capacity: '120' }));
		const [row] = rowsOf(result);
		expect(Object.keys(row)).toEqual(ACTIVITY_KEYS);
		expect(row).toEqual({
			activityID: '5001',
			eventID: eventA.eventId,
			name: 'Keynote',
			description: 'Opening talk',
			location: 'Main Hall',
			dateBegin: String(T + HOUR),
			dateEnd: String(T + 2 * HOUR),
			capacity: '120',
			enrolled: '0',
			dateCreated: String(T),
			dateUpdated: String(T),
		});
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(sandbox.store.activities.get('5001')?.eventID).toBe(eventA.eventId);
	});

	it('defaults description and location to empty and capacity to 0 (unlimited); allows duplicates', async () => {
		const [first] = rowsOf(await create(slot()));
		expect(first).toMatchObject({ description: '', location: '', capacity: '0' });
		const [second] = rowsOf(await create(slot()));
		expect(second.activityID).toBe('5002');
		expect(sandbox.store.activitiesOf(eventA.eventId)).toHaveLength(2);
	});

	it('requires eventID, name, dateBegin and dateEnd with InEvent wording', async () => {
		const missingEvent = await call(sandbox, 'activity.create', { token, body: slot() });
		expect(errorMessage(missingEvent)).toBe('eventID is a required parameter');
		expect(errorMessage(await create(slot({ name: '' })))).toBe('name cannot be empty');
		expect(errorMessage(await create(slot({ name: '  ' })))).toBe('name cannot be empty');
		expect(errorMessage(await create({ name: 'X', dateEnd: String(T) }))).toBe('dateBegin cannot be empty');
		expect(errorMessage(await create({ name: 'X', dateBegin: String(T) }))).toBe('dateEnd cannot be empty');
		const unknownEvent = await create(slot(), token, '999999');
		expect(unknownEvent.status).toBe(400);
		expect(errorMessage(unknownEvent)).toBe("Couldn't find the eventID");
		expect(sandbox.store.activities.size).toBe(0);
	});

	it('refuses dateEnd before dateBegin (equal is fine), bad dates and bad capacities', async () => {
		const reversed = await create(slot({ dateBegin: String(T + HOUR), dateEnd: String(T + HOUR - 1) }));
		expect(reversed.status).toBe(400);
		expect(errorMessage(reversed)).toBe('dateEnd must not be before dateBegin');
		expect((await create(slot({ dateBegin: String(T), dateEnd: String(T) }))).status).toBe(200);
		expect((await create(slot({ dateBegin: String(T * 1000) }))).status).toBe(400);
		expect((await create(slot({ dateEnd: '2030-01-01' }))).status).toBe(400);
		for (const capacity of ['-1', '1.5', 'ten']) expect((await create(slot({ capacity }))).status).toBe(400);
		expect(sandbox.store.activities.size).toBe(1);
	});

	it('is for event Admins only: attendees, Data Collectors and Event-scope tokens get 401', async () => {
		const collectorToken = await tokenFor(sandbox, collector.username, collector.password);
		const adminEventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		for (const as of [anaToken, collectorToken, adminEventToken]) {
			const refused = await create(slot(), as);
			expect(refused.status).toBe(401);
			expect(errorMessage(refused)).toMatch(/Admin level on event/);
		}
		expect((await call(sandbox, 'activity.create', { query: { eventID: eventA.eventId }, body: slot() })).status).toBe(
			401,
		);
		const elsewhere = await create(slot(), adminEventToken, eventB.eventId);
		expect(errorMessage(elsewhere)).toMatch(new RegExp(`limited to event ${eventA.eventId}`));
		expect(sandbox.store.activities.size).toBe(0);
	});
});

describe('activity.get', () => {
	it('answers the session to any caller who reaches its event', async () => {
		const id = await newSession({ capacity: '10' });
		await bind(id, attendee.personId);
		const adminEventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		for (const as of [token, anaToken, adminEventToken]) {
			const [row] = rowsOf(await act('activity.get', { activityID: id }, as));
			expect(row).toMatchObject({ activityID: id, name: 'Keynote', capacity: '10', enrolled: '1' });
		}
		const outsider = await tokenFor(sandbox, otherAdmin.username, otherAdmin.password);
		expect(errorMessage(await act('activity.get', { activityID: id }, outsider))).toBe(
			"personID doesn't work at event",
		);
		const inB = await newSession({}, eventB.eventId);
		expect((await act('activity.get', { activityID: inB }, adminEventToken)).status).toBe(401);
	});

	it('requires activityID and answers "Couldn\'t find the activityID" for an unknown one', async () => {
		expect(errorMessage(await act('activity.get', {}))).toBe('activityID is a required parameter');
		const missing = await act('activity.get', { activityID: '424242' });
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe("Couldn't find the activityID");
	});
});

describe('activity.edit', () => {
	it('changes one field, answers the updated session and moves only dateUpdated', async () => {
		const id = await newSession();
		sandbox.advanceClock(30);
		const [row] = rowsOf(await edit(id, 'name', 'Closing Keynote'));
		expect(row).toMatchObject({ name: 'Closing Keynote', dateCreated: String(T), dateUpdated: String(T + 30) });
		expect(rowsOf(await edit(id, 'location', 'Room B'))[0].location).toBe('Room B');
		expect(rowsOf(await edit(id, 'description', ''))[0].description).toBe('');
		expect(rowsOf(await edit(id, 'capacity', '25'))[0].capacity).toBe('25');
		expect(rowsOf(await edit(id, 'dateEnd', String(T + 5 * HOUR)))[0].dateEnd).toBe(String(T + 5 * HOUR));
		expect(rowsOf(await edit(id, 'dateBegin', String(T + 4 * HOUR), { push: '1' }))[0].dateBegin).toBe(
			String(T + 4 * HOUR),
		);
	});

	it('refuses keys that are not create fields with 406', async () => {
		const id = await newSession();
		for (const key of ['enrolled', 'eventID', 'dateCreated', 'title']) {
			const refused = await edit(id, key, 'x');
			expect(refused.status).toBe(406);
			expect(errorMessage(refused)).toBe(`${key} field doesn't exist`);
		}
	});

	it('validates like create, the time slot after the change included, and changes nothing on refusal', async () => {
		const id = await newSession();
		const endFirst = await edit(id, 'dateEnd', String(T + HOUR - 1));
		expect(endFirst.status).toBe(400);
		expect(errorMessage(endFirst)).toBe('dateEnd must not be before dateBegin');
		expect(errorMessage(await edit(id, 'dateBegin', String(T + 3 * HOUR)))).toBe(
			'dateEnd must not be before dateBegin',
		);
		expect(errorMessage(await edit(id, 'name', ''))).toBe('name cannot be empty');
		expect(errorMessage(await edit(id, 'dateBegin', ''))).toBe('dateBegin cannot be empty');
		expect((await edit(id, 'dateBegin', String(T * 1000))).status).toBe(400);
		expect((await edit(id, 'capacity', '-3')).status).toBe(400);
		expect((await edit(id, 'name', 'X', { push: 'yes' })).status).toBe(400);
		expect(errorMessage(await act('activity.edit', { activityID: id }))).toBe('key is a required parameter');
		expect(errorMessage(await edit(id, 'name', undefined))).toBe('value is a required parameter');
		expect(sandbox.store.activities.get(id)).toMatchObject({
			name: 'Keynote',
			dateBegin: T + HOUR,
			dateEnd: T + 2 * HOUR,
			capacity: 0,
			dateUpdated: T,
		});
	});

	it('is Admin only', async () => {
		const id = await newSession();
		expect((await edit(id, 'name', 'Mine now', {}, anaToken)).status).toBe(401);
		expect(sandbox.store.activities.get(id)?.name).toBe('Keynote');
	});
});

describe('activity.remove', () => {
	it('removes the session and its enrollments and answers the removed session (Admin only)', async () => {
		const id = await newSession();
		await bind(id, attendee.personId);
		await bind(id, collector.personId);
		expect((await act('activity.remove', { activityID: id }, anaToken)).status).toBe(401);
		const [removed] = rowsOf(await act('activity.remove', { activityID: id }));
		expect(removed).toMatchObject({ activityID: id, name: 'Keynote', enrolled: '2' });
		expect(errorMessage(await act('activity.get', { activityID: id }))).toBe("Couldn't find the activityID");
		expect(sandbox.store.activities.has(id)).toBe(false);
		expect(sandbox.store.enrollments.has(id)).toBe(false);
		expect(errorMessage(await act('activity.remove', { activityID: id }))).toBe("Couldn't find the activityID");
	});
});

describe('activity.find', () => {
	it('requires selection and refuses unknown presets', async () => {
		expect(errorMessage(await act('activity.find', { eventID: eventA.eventId }))).toBe(
			'selection is a required parameter',
		);
		expect((await find({ selection: 'upcoming' })).status).toBe(400);
		expect((await find({ selection: 'all:1' })).status).toBe(400);
		expect((await find({ selection: 'all|' })).status).toBe(400);
	});

	it('lists the sessions of the event by dateBegin, then activityID, to any caller who reaches it', async () => {
		const late = await newSession({ dateBegin: String(T + 3 * HOUR), dateEnd: String(T + 4 * HOUR) });
		const early = await newSession({ dateBegin: String(T), dateEnd: String(T + HOUR) });
		const tieA = await newSession({ dateBegin: String(T + HOUR) });
		const tieB = await newSession({ dateBegin: String(T + HOUR) });
		await newSession({}, eventB.eventId);
		expect(await ids({})).toEqual([early, tieA, tieB, late]);
		expect(await ids({}, anaToken)).toEqual([early, tieA, tieB, late]);
		const rows = rowsOf(await find({}));
		expect(Object.keys(rows[0])).toEqual(ACTIVITY_KEYS);
	});

	it('filters on dateBegin inside [dateBegin, dateEnd], bounds inclusive, either alone', async () => {
		const at = (hours: number) => newSession({ dateBegin: String(T + hours * HOUR), dateEnd: String(T + 10 * HOUR) });
		const s1 = await at(1);
		const s2 = await at(2);
		const s3 = await at(3);
		expect(await ids({ dateBegin: String(T + 2 * HOUR) })).toEqual([s2, s3]);
		expect(await ids({ dateEnd: String(T + 2 * HOUR) })).toEqual([s1, s2]);
		expect(await ids({ dateBegin: String(T + 2 * HOUR), dateEnd: String(T + 2 * HOUR) })).toEqual([s2]);
		// A session that begins before the range is left out even if it is still running in it.
		expect(await ids({ dateBegin: String(T + 3 * HOUR - 1), dateEnd: String(T + 9 * HOUR) })).toEqual([s3]);
		expect((await find({ dateBegin: 'tomorrow' })).status).toBe(400);
	});

	it('applies enrolled / not-enrolled / available / full, stacked with | as AND', async () => {
		const open = await newSession({ name: 'Open' });
		const small = await newSession({ name: 'Small', capacity: '1' });
		const roomy = await newSession({ name: 'Roomy', capacity: '5' });
		await bind(small, collector.personId);
		await bind(open, attendee.personId);
		await bind(roomy, attendee.personId);
		const ana = { personID: attendee.personId };
		expect(await ids({ selection: 'enrolled', ...ana })).toEqual([open, roomy]);
		expect(await ids({ selection: 'not-enrolled', ...ana })).toEqual([small]);
		expect(await ids({ selection: 'available' })).toEqual([open, roomy]);
		expect(await ids({ selection: 'full' })).toEqual([small]);
		expect(await ids({ selection: 'enrolled|available', personID: collector.personId })).toEqual([]);
		expect(await ids({ selection: 'not-enrolled|available', personID: collector.personId })).toEqual([open, roomy]);
		expect(await ids({ selection: 'available|full' })).toEqual([]);
		const missing = await find({ selection: 'enrolled' });
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe('personID is a required parameter');
		expect(errorMessage(await find({ selection: 'not-enrolled|available' }))).toBe('personID is a required parameter');
		expect(errorMessage(await find({ selection: 'enrolled', personID: otherAdmin.personId }))).toBe(
			"Couldn't find the personID",
		);
	});

	it('pages with limit/offset (default 20, capped at 100)', async () => {
		const seeded = sandbox.seedActivities(eventA.eventId, 130);
		expect(await ids({})).toEqual(seeded.slice(0, 20));
		expect(await ids({ limit: '500' })).toEqual(seeded.slice(0, 100));
		expect(await ids({ limit: '100', offset: '100' })).toEqual(seeded.slice(100));
		expect((await find({ limit: '0' })).status).toBe(400);
	});
});

describe('activity.person.*', () => {
	it('bind enrolls an attendee and answers the enrollment row', async () => {
		const id = await newSession();
		sandbox.advanceClock(5);
		const result = await bind(id, attendee.personId);
		const [row] = rowsOf(result);
		expect(Object.keys(row)).toEqual(ENROLLMENT_KEYS);
		expect(row).toEqual({
			activityID: id,
			eventID: eventA.eventId,
			personID: attendee.personId,
			name: attendee.name,
			email: attendee.username,
			present: '0',
			dateCreated: String(T + 5),
		});
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(rowsOf(await act('activity.get', { activityID: id }))[0].enrolled).toBe('1');
	});

	it('bind twice keeps one enrollment, unchanged', async () => {
		const id = await newSession();
		const [first] = rowsOf(await bind(id, attendee.personId));
		sandbox.advanceClock(60);
		const [second] = rowsOf(await act('activity.person.bind', { activityID: id, personID: attendee.personId }));
		expect(second).toEqual(first);
		expect(sandbox.store.enrolledIn(id).size).toBe(1);
	});

	it("bind needs an attendee of the session's event, a seat, and Admin", async () => {
		const id = await newSession({ capacity: '1' });
		expect(errorMessage(await act('activity.person.bind', { activityID: id }))).toBe(
			'personID is a required parameter',
		);
		expect(errorMessage(await bind(id, otherAdmin.personId))).toBe("Couldn't find the personID");
		expect(errorMessage(await bind(id, '999999'))).toBe("Couldn't find the personID");
		expect((await bind(id, attendee.personId, anaToken)).status).toBe(401);
		expect((await bind(id, attendee.personId)).status).toBe(200);
		const full = await bind(id, collector.personId);
		expect(full.status).toBe(400);
		expect(errorMessage(full)).toBe('activity is full');
		// Already enrolled: still a success in a full session.
		expect((await bind(id, attendee.personId)).status).toBe(200);
		expect(errorMessage(await bind('424242', attendee.personId))).toBe("Couldn't find the activityID");
	});

	it("dismiss removes the enrollment and answers it (Admin only); not enrolled → Couldn't find the personID", async () => {
		const id = await newSession({ capacity: '1' });
		await bind(id, attendee.personId);
		const dismiss = (as: string = token) =>
			act('activity.person.dismiss', { activityID: id, personID: attendee.personId }, as);
		expect((await dismiss(anaToken)).status).toBe(401);
		const [removed] = rowsOf(await dismiss());
		expect(removed).toMatchObject({ activityID: id, personID: attendee.personId, present: '0' });
		expect(sandbox.store.enrolledIn(id).size).toBe(0);
		expect(errorMessage(await dismiss())).toBe("Couldn't find the personID");
		expect((await bind(id, collector.personId)).status).toBe(200);
	});

	it('get answers one enrollment to any caller who reaches the event', async () => {
		const id = await newSession();
		await bind(id, attendee.personId);
		const [row] = rowsOf(await act('activity.person.get', { activityID: id, personID: attendee.personId }, anaToken));
		expect(Object.keys(row)).toEqual(ENROLLMENT_KEYS);
		expect(row.personID).toBe(attendee.personId);
		expect(errorMessage(await act('activity.person.get', { activityID: id, personID: collector.personId }))).toBe(
			"Couldn't find the personID",
		);
		expect(errorMessage(await act('activity.person.get', { activityID: id }))).toBe('personID is a required parameter');
	});

	it('find lists enrollments by personID with all / present / not-present, paged', async () => {
		const id = await newSession();
		const seeded = sandbox.seedAttendees(eventA.eventId, 30);
		for (const personID of [...seeded].reverse()) await bind(id, personID);
		const present = sandbox.store.getMembership(eventA.eventId, seeded[3])!.qrCode;
		await act('checklog.checkIn', { eventID: eventA.eventId, code: present, date: String(T), activityID: id });
		const enrolled = (query: Params, as: string = token) =>
			act('activity.person.find', { activityID: id, selection: 'all', ...query }, as).then((r) =>
				rowsOf(r).map((row) => row.personID),
			);
		expect(await enrolled({})).toEqual(seeded.slice(0, 20));
		expect(await enrolled({ limit: '10', offset: '25' }, anaToken)).toEqual(seeded.slice(25));
		expect(await enrolled({ selection: 'present' })).toEqual([seeded[3]]);
		expect(await enrolled({ selection: 'not-present', limit: '100' })).toHaveLength(29);
		expect(await enrolled({ selection: 'present|not-present' })).toEqual([]);
		expect(errorMessage(await act('activity.person.find', { activityID: id }))).toBe(
			'selection is a required parameter',
		);
		expect((await act('activity.person.find', { activityID: id, selection: 'enrolled' })).status).toBe(400);
	});

	it('removing an attendee from the event removes their enrollments in that event only', async () => {
		const s1 = await newSession();
		const s2 = await newSession();
		const inB = await newSession({}, eventB.eventId);
		await bind(s1, attendee.personId);
		await bind(s2, attendee.personId);
		await bind(s2, collector.personId);
		await bind(inB, attendee.personId);
		expect((await act('event.person.dismiss', { eventID: eventA.eventId, personID: attendee.personId })).status).toBe(
			200,
		);
		expect(sandbox.store.enrolledIn(s1).has(attendee.personId)).toBe(false);
		expect([...sandbox.store.enrolledIn(s2).keys()]).toEqual([collector.personId]);
		expect(sandbox.store.enrolledIn(inB).has(attendee.personId)).toBe(true);
		expect(errorMessage(await act('activity.person.get', { activityID: s1, personID: attendee.personId }))).toBe(
			"Couldn't find the personID",
		);
		expect(rowsOf(await act('activity.get', { activityID: s2 }))[0].enrolled).toBe('1');
	});
});

describe('seeding sessions', () => {
	it('seedActivities adds listable sessions and reset drops them', async () => {
		const seeded = sandbox.seedActivities(eventA.eventId, 12);
		expect(seeded).toEqual(Array.from({ length: 12 }, (_, i) => String(5001 + i)));
		const rows = rowsOf(await find({ limit: '100' }));
		expect(rows.map((row) => row.activityID)).toEqual(seeded);
		expect(rows.every((row) => row.dateCreated === String(T))).toBe(true);
		expect(new Set(rows.map((row) => row.capacity)).has('0')).toBe(true);
		expect(() => sandbox.seedActivities('999999', 1)).toThrow(/no event/);
		sandbox.reset();
		expect(sandbox.store.activities.size).toBe(0);
	});

	it('seeds through POST /__sandbox/seed with {eventId, activities} (and attendees together)', async () => {
		const post = async (body: unknown) => {
			const res = await fetch(`${sandbox.url}__sandbox/seed`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: res.status, json: (await res.json()) as Record<string, unknown> };
		};
		sandbox.clearLog();
		const only = await post({ eventId: eventA.eventId, activities: 3 });
		expect(only).toEqual({ status: 200, json: { activityIds: ['5001', '5002', '5003'] } });
		const both = await post({ eventId: eventB.eventId, attendees: 2, activities: 1 });
		expect(both.json.activityIds).toEqual(['5004']);
		expect(both.json.personIds).toHaveLength(2);
		expect((await post({ eventId: eventA.eventId, activities: -1 })).status).toBe(400);
		expect((await post({ eventId: eventA.eventId, attendees: 'x', activities: 1 })).status).toBe(400);
		expect((await post({ eventId: '999999', activities: 1 })).status).toBe(400);
		expect(sandbox.store.activities.size).toBe(4);
		expect(sandbox.requests).toHaveLength(0);
	});
});
