import { BADGE_CODE_PATTERN } from '../../store/badge';
import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, eventA, eventB } = SANDBOX_FIXTURES;

/** Frozen before signing in, so every date below is exact. */
const T = 1_900_000_000;

const CHECKLOG_KEYS = [
	'checklogID',
	'eventID',
	'activityID',
	'personID',
	'name',
	'email',
	'code',
	'type',
	'date',
	'dateCreated',
];
const ATTENDEE_KEYS = [
	'personID',
	'eventID',
	'firstName',
	'lastName',
	'name',
	'username',
	'email',
	'image',
	'role',
	'company',
	'telephone',
	'level',
	'approved',
	'denied',
	'rsvp',
	'present',
	'qrCode',
	'enrollmentDate',
	'dateCreated',
	'dateUpdated',
];

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

const codeOf = (personID: string, eventID: string = eventA.eventId): string =>
	sandbox.store.getMembership(eventID, personID)!.qrCode;
const act = (action: string, query: Params, as: string = token) => call(sandbox, action, { token: as, query });
const scan = (action: 'checklog.checkIn' | 'checklog.checkOut', query: Params, as: string = token) =>
	act(action, { eventID: eventA.eventId, date: String(T), ...query }, as);
const checkIn = (personID: string, query: Params = {}, as: string = token) =>
	scan('checklog.checkIn', { code: codeOf(personID), ...query }, as);
const checkOut = (personID: string, query: Params = {}) =>
	scan('checklog.checkOut', { code: codeOf(personID), ...query });
const attendeeRow = async (personID: string) =>
	rowsOf(await act('event.person.get', { eventID: eventA.eventId, personID }))[0];
const newSession = async (eventID: string = eventA.eventId): Promise<string> => {
	const created = await call(sandbox, 'activity.create', {
		token,
		query: { eventID },
		body: { name: 'Workshop', dateBegin: String(T), dateEnd: String(T + 3600) },
	});
	return str(rowsOf(created)[0], 'activityID');
};
const logged = (query: Params = {}) =>
	act('checklog.find', { eventID: eventA.eventId, selection: 'all', ...query }).then(rowsOf);
const checklogIDs = async (query: Params = {}) => (await logged(query)).map((row) => row.checklogID);
const checkedIn = async (query: Params = {}) =>
	rowsOf(await act('checklog.checkedIn', { eventID: eventA.eventId, ...query })).map((row) => row.personID);

describe('badge codes (qrCode)', () => {
	it('every attendee has a ten-character A-Z0-9 code, unique in the event, shown in get and find rows', async () => {
		sandbox.seedAttendees(eventA.eventId, 500);
		const rows = rowsOf(
			await act('event.person.find', { eventID: eventA.eventId, selection: 'all', limit: '100', offset: '400' }),
		);
		expect(Object.keys(rows[0])).toEqual(ATTENDEE_KEYS);
		const codes = [...sandbox.store.membersOf(eventA.eventId).values()].map((m) => m.qrCode);
		expect(codes).toHaveLength(503);
		expect(new Set(codes).size).toBe(503);
		expect(codes.every((code) => BADGE_CODE_PATTERN.test(code))).toBe(true);
		for (const row of rows) expect(row.qrCode).toBe(codeOf(str(row, 'personID')));
		const own = await attendeeRow(attendee.personId);
		expect(own.qrCode).toBe(codeOf(attendee.personId));
		expect(codeOf(attendee.personId, eventB.eventId)).not.toBe(codeOf(attendee.personId));
	});

	it("event.person.get finds an attendee by qrCode; an unknown one → Couldn't find the qrCode", async () => {
		const get = (qrCode: string) => act('event.person.get', { eventID: eventA.eventId, qrCode });
		expect(rowsOf(await get(codeOf(collector.personId)))[0].personID).toBe(collector.personId);
		const missing = await get('ZZZZZZZZZZ');
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe("Couldn't find the qrCode");
		// Ana's badge for eventB does not open eventA.
		expect(errorMessage(await get(codeOf(attendee.personId, eventB.eventId)))).toBe("Couldn't find the qrCode");
	});

	it('a newly bound attendee gets a code at once', async () => {
		const [row] = rowsOf(
			await call(sandbox, 'event.person.bind', {
				token,
				query: { eventID: eventA.eventId },
				body: { name: 'Walk In', email: 'walk.in@sandbox.test' },
			}),
		);
		expect(str(row, 'qrCode')).toMatch(BADGE_CODE_PATTERN);
	});
});

describe('checklog.checkIn / checklog.checkOut at the event', () => {
	it('logs the scan, answers the row and sets present 1 / 0, moving dateUpdated', async () => {
		const before = await attendeeRow(attendee.personId);
		expect(before.present).toBe('0');
		sandbox.advanceClock(20);
		const result = await checkIn(attendee.personId, { date: String(T + 5) });
		const [row] = rowsOf(result);
		expect(Object.keys(row)).toEqual(CHECKLOG_KEYS);
		expect(row).toEqual({
			checklogID: '90001',
			eventID: eventA.eventId,
			activityID: '0',
			personID: attendee.personId,
			name: attendee.name,
			email: attendee.username,
			code: codeOf(attendee.personId),
			type: 'in',
			date: String(T + 5),
			dateCreated: String(T + 20),
		});
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(await attendeeRow(attendee.personId)).toMatchObject({ present: '1', dateUpdated: String(T + 20) });
		sandbox.advanceClock(40);
		const [out] = rowsOf(await checkOut(attendee.personId));
		expect(out).toMatchObject({ checklogID: '90002', type: 'out', activityID: '0' });
		expect(await attendeeRow(attendee.personId)).toMatchObject({ present: '0', dateUpdated: String(T + 60) });
	});

	it('logs every scan, repeats included', async () => {
		await checkIn(attendee.personId);
		await checkIn(attendee.personId);
		expect(await checklogIDs()).toEqual(['90001', '90002']);
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.present).toBe(1);
	});

	it('requires eventID, code and date; refuses an unknown code and a bad date', async () => {
		const code = codeOf(attendee.personId);
		expect(errorMessage(await act('checklog.checkIn', { code, date: String(T) }))).toBe(
			'eventID is a required parameter',
		);
		expect(errorMessage(await scan('checklog.checkIn', {}))).toBe('code is a required parameter');
		expect(errorMessage(await act('checklog.checkIn', { eventID: eventA.eventId, code }))).toBe(
			'date is a required parameter',
		);
		expect(errorMessage(await act('checklog.checkOut', { eventID: eventA.eventId, code }))).toBe(
			'date is a required parameter',
		);
		expect((await scan('checklog.checkIn', { code, date: String(T * 1000) })).status).toBe(400);
		const unknown = await scan('checklog.checkIn', { code: 'NOSUCHCODE' });
		expect(unknown.status).toBe(400);
		expect(errorMessage(unknown)).toBe("Couldn't find the code");
		expect(errorMessage(await scan('checklog.checkIn', { code: codeOf(attendee.personId, eventB.eventId) }))).toBe(
			"Couldn't find the code",
		);
		expect(sandbox.store.checklogsOf(eventA.eventId)).toHaveLength(0);
	});

	it('is for event Admins only', async () => {
		const adminEventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		for (const as of [anaToken, adminEventToken]) {
			expect((await checkIn(attendee.personId, {}, as)).status).toBe(401);
		}
		expect(sandbox.store.checklogsOf(eventA.eventId)).toHaveLength(0);
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.present).toBe(0);
	});
});

describe('checklog scans at a session', () => {
	it('sets the enrollment present for an enrolled attendee, leaving the event presence alone', async () => {
		const id = await newSession();
		await act('activity.person.bind', { activityID: id, personID: attendee.personId });
		const [row] = rowsOf(await checkIn(attendee.personId, { activityID: id }));
		expect(row).toMatchObject({ activityID: id, type: 'in', personID: attendee.personId });
		const enrollment = () =>
			act('activity.person.get', { activityID: id, personID: attendee.personId }).then((r) => rowsOf(r)[0]);
		expect((await enrollment()).present).toBe('1');
		expect((await attendeeRow(attendee.personId)).present).toBe('0');
		await checkOut(attendee.personId, { activityID: id });
		expect((await enrollment()).present).toBe('0');
	});

	it('logs a walk-in without enrolling them', async () => {
		const id = await newSession();
		const [row] = rowsOf(await checkIn(collector.personId, { activityID: id }));
		expect(row).toMatchObject({ activityID: id, personID: collector.personId, type: 'in' });
		expect(sandbox.store.enrolledIn(id).size).toBe(0);
		expect(await checkedIn({ activityID: id })).toEqual([collector.personId]);
	});

	it('refuses an activityID that is not a session of the event', async () => {
		const inB = await newSession(eventB.eventId);
		for (const activityID of [inB, '424242']) {
			const refused = await checkIn(attendee.personId, { activityID });
			expect(refused.status).toBe(400);
			expect(errorMessage(refused)).toBe("Couldn't find the activityID");
		}
		expect(sandbox.store.checklogsOf(eventA.eventId)).toHaveLength(0);
	});
});

describe('checklog.find', () => {
	let session: string;
	beforeEach(async () => {
		session = await newSession();
		await checkIn(attendee.personId, { date: String(T + 30) }); // 90001
		await checkIn(collector.personId, { date: String(T + 10) }); // 90002
		await checkOut(attendee.personId, { date: String(T + 50) }); // 90003
		await checkIn(admin.personId, { date: String(T + 10), activityID: session }); // 90004
	});

	it("lists the event's scans in log order, with all / in / out", async () => {
		const rows = await logged();
		expect(rows.map((row) => row.checklogID)).toEqual(['90001', '90002', '90003', '90004']);
		expect(Object.keys(rows[0])).toEqual(CHECKLOG_KEYS);
		expect(await checklogIDs({ selection: 'in' })).toEqual(['90001', '90002', '90004']);
		expect(await checklogIDs({ selection: 'out' })).toEqual(['90003']);
		expect(await checklogIDs({ selection: 'in|out' })).toEqual([]);
	});

	it('filters with key + query on personID, activityID or code (exact)', async () => {
		expect(await checklogIDs({ key: 'personID', query: attendee.personId })).toEqual(['90001', '90003']);
		expect(await checklogIDs({ key: 'activityID', query: session })).toEqual(['90004']);
		expect(await checklogIDs({ key: 'activityID', query: '0' })).toEqual(['90001', '90002', '90003']);
		expect(await checklogIDs({ key: 'code', query: codeOf(collector.personId) })).toEqual(['90002']);
		expect(await checklogIDs({ key: 'code', query: codeOf(collector.personId).toLowerCase() })).toEqual([]);
		expect(await checklogIDs({ key: 'personID', query: attendee.personId, selection: 'out' })).toEqual(['90003']);
	});

	it('sorts by date or checklogID, asc or desc (ties by checklogID)', async () => {
		expect(await checklogIDs({ sort: 'date' })).toEqual(['90002', '90004', '90001', '90003']);
		expect(await checklogIDs({ sort: 'date', sortDirection: 'desc' })).toEqual(['90003', '90001', '90002', '90004']);
		expect(await checklogIDs({ sort: 'checklogID', sortDirection: 'desc' })).toEqual([
			'90004',
			'90003',
			'90002',
			'90001',
		]);
	});

	it('refuses a bad key, sort, direction or selection, and a key without query', async () => {
		const find = (query: Params) => act('checklog.find', { eventID: eventA.eventId, selection: 'all', ...query });
		const refusals: Array<[Params, string]> = [
			[{ key: 'name', query: 'Ana' }, 'key name is not valid'],
			[{ sort: 'personID' }, 'sort personID is not valid'],
			[{ sortDirection: 'up' }, 'sortDirection must be asc or desc'],
			[{ selection: 'present' }, 'selection present is not valid'],
		];
		for (const [query, message] of refusals) {
			const refused = await find(query);
			expect(refused.status).toBe(400);
			expect(errorMessage(refused)).toBe(message);
		}
		expect(errorMessage(await find({ key: 'personID' }))).toBe('query is a required parameter');
		expect(errorMessage(await find({ query: attendee.personId }))).toBe('key is a required parameter');
		expect(errorMessage(await act('checklog.find', { eventID: eventA.eventId }))).toBe(
			'selection is a required parameter',
		);
	});

	it('pages and is Admin only', async () => {
		expect(await checklogIDs({ limit: '2', offset: '1' })).toEqual(['90002', '90003']);
		const refused = await act('checklog.find', { eventID: eventA.eventId, selection: 'all' }, anaToken);
		expect(refused.status).toBe(401);
	});
});

describe('checklog.checkedIn', () => {
	it('lists the attendees whose last scan at the event is in, as attendee rows', async () => {
		const session = await newSession();
		await checkIn(attendee.personId);
		await checkIn(collector.personId);
		await checkOut(collector.personId);
		await checkOut(admin.personId);
		await checkIn(admin.personId, { activityID: session });
		const rows = rowsOf(await act('checklog.checkedIn', { eventID: eventA.eventId }));
		expect(rows.map((row) => row.personID)).toEqual([attendee.personId]);
		expect(Object.keys(rows[0])).toEqual(ATTENDEE_KEYS);
		expect(rows[0]).toMatchObject({ present: '1', qrCode: codeOf(attendee.personId) });
		expect(await checkedIn({ activityID: session })).toEqual([admin.personId]);
	});

	it('takes the scan with the latest date as the last one (a late upload does not undo a later scan)', async () => {
		await checkIn(attendee.personId, { date: String(T + 100) });
		await checkOut(attendee.personId, { date: String(T + 50) });
		expect(await checkedIn()).toEqual([attendee.personId]);
		await checkOut(attendee.personId, { date: String(T + 100) });
		expect(await checkedIn()).toEqual([]);
	});

	it('leaves out people no longer in the event, pages, and is Admin only', async () => {
		const seeded = sandbox.seedAttendees(eventA.eventId, 25);
		for (const personID of seeded) await checkIn(personID);
		await act('event.person.dismiss', { eventID: eventA.eventId, personID: seeded[0] });
		expect(await checkedIn({ limit: '100' })).toEqual(seeded.slice(1));
		expect(await checkedIn()).toEqual(seeded.slice(1, 21));
		expect(await checkedIn({ offset: '20' })).toEqual(seeded.slice(21));
		expect((await act('checklog.checkedIn', { eventID: eventA.eventId }, anaToken)).status).toBe(401);
	});

	it('refuses an activityID that is not a session of the event', async () => {
		const inB = await newSession(eventB.eventId);
		expect(errorMessage(await act('checklog.checkedIn', { eventID: eventA.eventId, activityID: inB }))).toBe(
			"Couldn't find the activityID",
		);
	});
});
