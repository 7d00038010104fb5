import type { ApiObject } from '../../server/envelope';
import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, eventA, eventB, otherEvent } = SANDBOX_FIXTURES;

const ALL_KEYS = [
	'personID',
	'name',
	'firstName',
	'lastName',
	'email',
	'username',
	'role',
	'company',
	'telephone',
	'city',
	'qrCode',
	'level',
	'present',
	'rsvp',
	'approved',
	'enrollmentDate',
	'dateUpdated',
];

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const personSchema = (query: Params = {}, as: string = token) =>
	call(sandbox, 'event.report.personSchema', {
		token: as,
		query: { eventID: eventA.eventId, location: 'attendees', ...query },
	});
const personReport = (schema: string | undefined, query: Params = {}, as: string = token) =>
	call(sandbox, 'event.report.personReport', {
		token: as,
		query: { eventID: eventA.eventId, location: 'attendees', ...query },
		body: schema === undefined ? {} : { schema },
	});
const report = async (keys: string[], query: Params = {}) => rowsOf(await personReport(JSON.stringify(keys), query));

/** Every attendee of eventA, through as many pages of 100 as it takes. */
async function reportAll(keys: string[], query: Params = {}): Promise<ApiObject[]> {
	const rows: ApiObject[] = [];
	for (let offset = 0; ; offset += 100) {
		const page = await report(keys, { ...query, limit: '100', offset: String(offset) });
		rows.push(...page);
		if (page.length < 100) return rows;
	}
}

describe('event.report.personSchema', () => {
	it('lists the report columns with their names and types, in order', async () => {
		const result = await personSchema();
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		const rows = rowsOf(result);
		expect(rows.map((row) => row.key)).toEqual(ALL_KEYS);
		for (const row of rows) expect(Object.keys(row)).toEqual(['key', 'name', 'type']);
		expect(Object.fromEntries(rows.map((row) => [row.key, row.type]))).toEqual({
			personID: 'number',
			name: 'text',
			firstName: 'text',
			lastName: 'text',
			email: 'text',
			username: 'text',
			role: 'text',
			company: 'text',
			telephone: 'text',
			city: 'text',
			qrCode: 'text',
			level: 'number',
			present: 'boolean',
			rsvp: 'boolean',
			approved: 'boolean',
			enrollmentDate: 'date',
			dateUpdated: 'date',
		});
		expect(rows[0]).toEqual({ key: 'personID', name: 'Person ID', type: 'number' });
		expect(rows.every((row) => str(row, 'name') !== '')).toBe(true);
	});

	it('requires location, and only attendees is a location', async () => {
		const missing = await call(sandbox, 'event.report.personSchema', { token, query: { eventID: eventA.eventId } });
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe('location is a required parameter');
		const wrong = await personSchema({ location: 'sessions' });
		expect(wrong.status).toBe(400);
		expect(errorMessage(wrong)).toBe('location sessions is not valid');
		expect((await personSchema({ location: 'Attendees' })).status).toBe(400);
	});

	it('requires an event Admin', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.password);
		const colin = await tokenFor(sandbox, collector.username, collector.password);
		const eventScopeAdmin = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		for (const as of [ana, colin, eventScopeAdmin]) {
			const result = await personSchema({}, as);
			expect(result.status).toBe(401);
			expect(errorMessage(result)).toMatch(/insufficient permission/);
		}
		expect((await personSchema({ eventID: otherEvent.eventId })).status).toBe(401);
		expect(errorMessage(await personSchema({ eventID: '1' }))).toBe("Couldn't find the eventID");
		expect(
			(await call(sandbox, 'event.report.personSchema', { query: { eventID: eventA.eventId, location: 'attendees' } }))
				.status,
		).toBe(401);
	});
});

describe('event.report.personReport: the schema', () => {
	it.each([
		['missing', undefined, 'schema cannot be empty'],
		['blank', '  ', 'schema cannot be empty'],
		['an empty array', '[]', 'schema cannot be empty'],
		['not JSON', 'personID,name', 'schema must be a JSON array of column keys'],
		['a JSON object', '{"personID":1}', 'schema must be a JSON array of column keys'],
		['a JSON string', '"personID"', 'schema must be a JSON array of column keys'],
		['an array of numbers', '[1,2]', 'schema must be a JSON array of column keys'],
		['an unknown key', '["personID","shoeSize"]', 'shoeSize is not a report column'],
		['a key in the wrong case', '["PersonID"]', 'PersonID is not a report column'],
		['a key twice', '["name","email","name"]', 'schema lists name twice'],
	])('%s → 400', async (_label, schema, message) => {
		const result = await personReport(schema);
		expect(result.status).toBe(400);
		expect(errorMessage(result)).toBe(message);
	});

	it('reads schema from the body only', async () => {
		const result = await call(sandbox, 'event.report.personReport', {
			token,
			query: { eventID: eventA.eventId, location: 'attendees', schema: '["personID"]' },
		});
		expect(errorMessage(result)).toBe('schema cannot be empty');
	});

	it('checks location like personSchema', async () => {
		expect(errorMessage(await personReport('["personID"]', { location: '' }))).toBe('location is a required parameter');
		expect(errorMessage(await personReport('["personID"]', { location: 'badges' }))).toBe(
			'location badges is not valid',
		);
	});

	it('a non-admin attendee token → 401', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.password);
		const anaEvent = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		for (const as of [ana, anaEvent]) {
			const result = await personReport('["personID"]', {}, as);
			expect(result.status).toBe(401);
			expect(errorMessage(result)).toMatch(/insufficient permission/);
		}
	});
});

describe('event.report.personReport: rows', () => {
	it('holds exactly the schema keys, in schema order', async () => {
		const keys = ['email', 'personID', 'present', 'dateUpdated', 'name'];
		const result = await personReport(JSON.stringify(keys));
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		const rows = rowsOf(result);
		expect(rows).toHaveLength(3);
		for (const row of rows) expect(Object.keys(row)).toEqual(keys);
		const reversed = await report([...ALL_KEYS].reverse());
		for (const row of reversed) expect(Object.keys(row)).toEqual([...ALL_KEYS].reverse());
	});

	it('gives every column of a fresh attendee, dated by the sandbox clock', async () => {
		sandbox.setClock(1_900_000_000);
		token = await tokenFor(sandbox, admin.username, admin.password);
		const [bound] = rowsOf(
			await call(sandbox, 'event.person.bind', {
				token,
				query: { eventID: eventA.eventId },
				body: { name: 'Rita Report', email: 'rita@sandbox.test', role: 'CFO', company: 'Acme', telephone: '+351 1' },
			}),
		);
		const personID = str(bound, 'personID');
		const [got] = rowsOf(
			await call(sandbox, 'event.person.get', { token, query: { eventID: eventA.eventId, personID } }),
		);
		const rows = await report(ALL_KEYS, { order: 'personID', orderDirection: 'desc', limit: '1' });
		expect(rows).toEqual([
			{
				personID,
				name: 'Rita Report',
				firstName: 'Rita',
				lastName: 'Report',
				email: 'rita@sandbox.test',
				username: 'rita@sandbox.test',
				role: 'CFO',
				company: 'Acme',
				telephone: '+351 1',
				city: '',
				// Whatever badge code event.person.* shows ("" while memberships carry none).
				qrCode: typeof got.qrCode === 'string' ? got.qrCode : '',
				level: '1',
				present: '0',
				rsvp: '',
				approved: '1',
				enrollmentDate: '1900000000',
				dateUpdated: '1900000000',
			},
		]);

		sandbox.advanceClock(30);
		await call(sandbox, 'event.person.operate', {
			token,
			query: { eventID: eventA.eventId, personID, key: 'present' },
			body: { value: '1' },
		});
		expect(
			await report(['present', 'dateUpdated', 'enrollmentDate'], {
				order: 'personID',
				orderDirection: 'desc',
				limit: '1',
			}),
		).toEqual([{ present: '1', dateUpdated: '1900000030', enrollmentDate: '1900000000' }]);
	});

	it('agrees with event.person.find on every shared column', async () => {
		sandbox.seedAttendees(eventA.eventId, 60);
		const found = rowsOf(
			await call(sandbox, 'event.person.find', {
				token,
				query: { eventID: eventA.eventId, selection: 'all', fullProfile: '1', limit: '100' },
			}),
		);
		const reported = await report(ALL_KEYS);
		expect(reported.map((row) => row.personID)).toEqual(found.slice(0, 20).map((row) => row.personID));
		const all = await reportAll(ALL_KEYS);
		expect(all).toHaveLength(found.length);
		all.forEach((row, index) => {
			for (const key of ALL_KEYS) {
				const expected = found[index][key] ?? '';
				expect({ key, personID: row.personID, value: row[key] }).toEqual({
					key,
					personID: row.personID,
					value: expected,
				});
			}
		});
		expect(new Set(all.map((row) => row.rsvp))).toEqual(new Set(['', '0', '1']));
		expect(new Set(all.map((row) => row.approved))).toEqual(new Set(['0', '1']));
	});

	it('only lists the attendees of that event', async () => {
		const rows = await report(['personID'], { eventID: eventB.eventId });
		expect(rows).toEqual([{ personID: attendee.personId }]);
	});

	it('returns unicode, commas, quotes and newlines unchanged', async () => {
		const name = 'Zoë "Zed" Ångström, 日本 😀';
		const company = 'Acme, Inc.\n"Quoted" line\r\nthird;line';
		const role = 'O\'Brien, "CTO"';
		const [bound] = rowsOf(
			await call(sandbox, 'event.person.bind', {
				token,
				query: { eventID: eventA.eventId },
				body: { name, email: 'zoe@sandbox.test', company, role },
			}),
		);
		const rows = await report(['personID', 'name', 'firstName', 'lastName', 'company', 'role'], {
			order: 'personID',
			orderDirection: 'desc',
			limit: '1',
		});
		expect(rows).toEqual([
			{
				personID: bound.personID,
				name,
				firstName: 'Zoë',
				lastName: '"Zed" Ångström, 日本 😀',
				company,
				role,
			},
		]);
	});
});

describe('event.report.personReport: order and paging', () => {
	let seeded: string[];
	beforeEach(() => {
		seeded = sandbox.seedAttendees(eventA.eventId, 250);
	});

	it('pages 100 at a time over 253 attendees, by personID, with no gap or repeat', async () => {
		const pages = [];
		for (const offset of [0, 100, 200, 300])
			pages.push(await report(['personID'], { limit: '100', offset: String(offset) }));
		expect(pages.map((page) => page.length)).toEqual([100, 100, 53, 0]);
		const ids = pages.flat().map((row) => Number(row.personID));
		const expected = [admin.personId, attendee.personId, collector.personId, ...seeded]
			.map(Number)
			.sort((a, b) => a - b);
		expect(ids).toEqual(expected);
	});

	it('defaults to 20 rows and caps limit at 100', async () => {
		expect(await report(['personID'])).toHaveLength(20);
		expect(await report(['personID'], { limit: '500' })).toHaveLength(100);
		expect((await personReport('["personID"]', { limit: '0' })).status).toBe(400);
		expect((await personReport('["personID"]', { limit: 'ten' })).status).toBe(400);
	});

	const numericIds = (rows: ApiObject[]) => rows.map((row) => Number(row.personID));

	it('orders text columns as text, ties by personID ascending, in both directions', async () => {
		for (const direction of ['asc', 'desc'] as const) {
			const rows = await reportAll(['name', 'personID'], { order: 'name', orderDirection: direction });
			expect(rows).toHaveLength(253);
			for (let i = 1; i < rows.length; i++) {
				const a = rows[i - 1];
				const b = rows[i];
				const byName = str(a, 'name').localeCompare(str(b, 'name'), 'en', { sensitivity: 'base' });
				expect(direction === 'asc' ? byName <= 0 : byName >= 0).toBe(true);
				if (byName === 0) expect(Number(a.personID)).toBeLessThan(Number(b.personID));
			}
		}
	});

	it('orders number and date columns as numbers', async () => {
		const byId = numericIds(await reportAll(['personID'], { orderDirection: 'desc' }));
		expect(byId).toEqual([...byId].sort((a, b) => b - a));
		expect(byId[0]).toBe(Math.max(...seeded.map(Number)));

		const levels = await reportAll(['level', 'personID'], { order: 'level', orderDirection: 'desc' });
		const levelValues = levels.map((row) => Number(row.level));
		expect(levelValues).toEqual([...levelValues].sort((a, b) => b - a));
		// 256 (Data Collector) sorts above 64 (Staff): a text compare would put "64" first.
		expect(levels[0]).toEqual({ level: '256', personID: collector.personId });

		const dated = await reportAll(['dateUpdated', 'personID'], { order: 'dateUpdated' });
		for (let i = 1; i < dated.length; i++) {
			const a = Number(dated[i - 1].dateUpdated);
			const b = Number(dated[i].dateUpdated);
			expect(a).toBeLessThanOrEqual(b);
			if (a === b) expect(Number(dated[i - 1].personID)).toBeLessThan(Number(dated[i].personID));
		}
	});

	it('orders by a column that is not in the schema, and orders booleans', async () => {
		const rows = await reportAll(['personID'], { order: 'rsvp' });
		const rsvpById = new Map((await reportAll(['personID', 'rsvp'])).map((row) => [row.personID, row.rsvp]));
		const rsvps = rows.map((row) => rsvpById.get(row.personID));
		const firstZero = rsvps.indexOf('0');
		const firstOne = rsvps.indexOf('1');
		expect(firstZero).toBeGreaterThan(0);
		expect(firstOne).toBeGreaterThan(firstZero);
		expect(rsvps.slice(0, firstZero).every((value) => value === '')).toBe(true);
		expect(rsvps.slice(firstZero, firstOne).every((value) => value === '0')).toBe(true);
		expect(rsvps.slice(firstOne).every((value) => value === '1')).toBe(true);
	});

	it('refuses an unknown order column or direction', async () => {
		expect(errorMessage(await personReport('["personID"]', { order: 'shoeSize' }))).toBe('order shoeSize is not valid');
		expect(errorMessage(await personReport('["personID"]', { orderDirection: 'sideways' }))).toBe(
			'orderDirection must be asc or desc',
		);
	});
});
