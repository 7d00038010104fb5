import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, eventA, eventB } = SANDBOX_FIXTURES;

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

const bind = (body: Params, eventID: string = eventA.eventId) =>
	call(sandbox, 'event.person.bind', { token, query: { eventID }, body });
const find = (query: Params, as: string = token) =>
	call(sandbox, 'event.person.find', { token: as, query: { eventID: eventA.eventId, selection: 'all', ...query } });
const get = (query: Params) =>
	call(sandbox, 'event.person.get', { token, query: { eventID: eventA.eventId, ...query } });
const operate = (personID: string, query: Params, body: Params) =>
	call(sandbox, 'event.person.operate', { token, query: { eventID: eventA.eventId, personID, ...query }, body });

describe('event.person.bind', () => {
	it('creates an attendee and returns it with a personID', async () => {
		const [person] = rowsOf(
			await bind({
				name: 'Mauricio Giordano',
				username: 'mauriciogior',
				company: 'InEvent',
				role: 'CTO',
				level: '64',
				origin: 'my-api-integration',
			}),
		);
		expect(person).toMatchObject({
			username: 'mauriciogior',
			email: '',
			firstName: 'Mauricio',
			lastName: 'Giordano',
			company: 'InEvent',
			role: 'CTO',
			level: '64',
			origin: 'my-api-integration',
		});
		expect(str(person, 'personID')).toMatch(/^\d+$/);
		expect(sandbox.store.getMembership(eventA.eventId, str(person, 'personID'))).toBeDefined();
	});

	it('uses an email username as the email', async () => {
		const [person] = rowsOf(await bind({ name: 'Eve Email', username: 'eve@sandbox.test' }));
		expect(person).toMatchObject({ email: 'eve@sandbox.test', username: 'eve@sandbox.test' });
	});

	it('validates name, username/email, email format, level and createSpeaker', async () => {
		expect(errorMessage(await bind({ email: 'x@sandbox.test' }))).toBe('name cannot be empty');
		expect((await bind({ name: 'No Id' })).status).toBe(400);
		expect((await bind({ name: 'Bad', email: 'not-an-email' })).status).toBe(400);
		expect(errorMessage(await bind({ name: 'Bad', email: 'b@sandbox.test', level: '2' }))).toMatch(
			/level must be one of 1, 4, 64, 128, 256/,
		);
		expect((await bind({ name: 'Bad', email: 'b@sandbox.test', createSpeaker: 'yes' })).status).toBe(400);
		expect(sandbox.store.findPersonByEmail('b@sandbox.test')).toBeUndefined();
	});

	it('returns the existing attendee for an email already in the event instead of a second one', async () => {
		const count = sandbox.store.countAttendees(eventA.eventId);
		const [first] = rowsOf(await bind({ name: 'Dee Dupe', email: 'dee@sandbox.test' }));
		const [second] = rowsOf(
			await bind({ name: 'Other Name', email: 'DEE@sandbox.test', role: 'ignored', level: '64', origin: 'again' }),
		);
		expect(second.personID).toBe(first.personID);
		expect(second).toMatchObject({ name: 'Dee Dupe', role: '', level: '1', origin: '' });
		const [third] = rowsOf(await bind({ name: 'By Username', username: 'dee@sandbox.test' }));
		expect(third.personID).toBe(first.personID);
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(count + 1);
	});

	it('links an existing account to another event rather than duplicating it', async () => {
		const [inA] = rowsOf(await bind({ name: 'Lin Link', email: 'lin@sandbox.test' }));
		const [inB] = rowsOf(await bind({ name: 'Lin Link', email: 'lin@sandbox.test' }, eventB.eventId));
		expect(inB.personID).toBe(inA.personID);
		expect(sandbox.store.getMembership(eventB.eventId, str(inA, 'personID'))).toBeDefined();
	});
});

describe('event.person.get', () => {
	it('finds by personID or email, and refuses unknown with 400 "Couldn\'t find the personID"', async () => {
		expect(rowsOf(await get({ personID: attendee.personId }))[0].username).toBe(attendee.username);
		expect(rowsOf(await get({ email: attendee.username.toUpperCase() }))[0].personID).toBe(attendee.personId);
		const missing = await get({ personID: '999999' });
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe("Couldn't find the personID");
		expect(rowsOf(await get({}))[0].personID).toBe(admin.personId);
	});
});

describe('event.person.operate', () => {
	it('edits one key, returns the person and bumps dateUpdated', async () => {
		const before = sandbox.store.persons.get(attendee.personId)!.dateUpdated;
		const [person] = rowsOf(await operate(attendee.personId, { key: 'role' }, { value: 'Speaker Wrangler' }));
		expect(person.role).toBe('Speaker Wrangler');
		expect(Number(person.dateUpdated)).toBeGreaterThan(before);
		expect(sandbox.store.persons.get(attendee.personId)!.dateUpdated).toBeGreaterThan(before);
		const linkBefore = sandbox.store.getMembership(eventA.eventId, collector.personId)!.dateUpdated;
		await operate(collector.personId, { key: 'present' }, { value: '1' });
		expect(sandbox.store.getMembership(eventA.eventId, collector.personId)!.dateUpdated).toBeGreaterThan(linkBefore);
	});

	it('edits several keys through content (JSON object), all or nothing', async () => {
		const content = JSON.stringify({ firstName: 'Anabel', company: 'Acme', rsvp: 1, tagIDs: '3,4' });
		const [person] = rowsOf(await operate(attendee.personId, {}, { content }));
		expect(person).toMatchObject({
			firstName: 'Anabel',
			name: 'Anabel Attendee',
			company: 'Acme',
			rsvp: '1',
			tagIDs: '3,4',
		});
		const invalid = await operate(
			attendee.personId,
			{},
			{ content: JSON.stringify({ company: 'Globex', level: '3' }) },
		);
		expect(invalid.status).toBe(400);
		expect(sandbox.store.persons.get(attendee.personId)?.company).toBe('Acme');
		expect((await operate(attendee.personId, {}, { content: '[1,2]' })).status).toBe(400);
		expect((await operate(attendee.personId, {}, { content: 'role=x' })).status).toBe(400);
	});

	it('refuses undocumented keys with 406, also inside content', async () => {
		const single = await operate(attendee.personId, { key: 'dateCreated' }, { value: '1' });
		expect(single.status).toBe(406);
		expect(errorMessage(single)).toBe("dateCreated field doesn't exist");
		expect(
			(await operate(attendee.personId, {}, { content: JSON.stringify({ role: 'x', shoeSize: '42' }) })).status,
		).toBe(406);
	});

	it('validates level, email and flags', async () => {
		expect((await operate(attendee.personId, { key: 'level' }, { value: '5' })).status).toBe(400);
		expect(rowsOf(await operate(attendee.personId, { key: 'level' }, { value: '256' }))[0].level).toBe('256');
		expect((await operate(attendee.personId, { key: 'email' }, { value: 'nope' })).status).toBe(400);
		expect((await operate(attendee.personId, { key: 'email' }, { value: admin.username })).status).toBe(400);
		expect((await operate(attendee.personId, { key: 'present' }, { value: 'yes' })).status).toBe(400);
		expect((await operate(attendee.personId, { key: 'language' }, { value: 'english' })).status).toBe(400);
		const [moved] = rowsOf(await operate(attendee.personId, { key: 'email' }, { value: 'ana.new@sandbox.test' }));
		expect(moved.email).toBe('ana.new@sandbox.test');
		expect(sandbox.store.findPersonByEmail('ana.new@sandbox.test')?.personID).toBe(attendee.personId);
	});

	it('needs key or content, and value with key', async () => {
		expect(errorMessage(await operate(attendee.personId, {}, {}))).toBe('key is a required parameter');
		expect(errorMessage(await operate(attendee.personId, { key: 'role' }, {}))).toBe('value is a required parameter');
	});
});

describe('event.person.find', () => {
	it('requires eventID and selection and refuses unknown presets', async () => {
		expect(errorMessage(await call(sandbox, 'event.person.find', { token, query: { eventID: eventA.eventId } }))).toBe(
			'selection is a required parameter',
		);
		expect((await find({ selection: 'vips' })).status).toBe(400);
	});

	it('lists by personID ascending with limit/offset, default 20 and a cap of 100', async () => {
		const seeded = sandbox.seedAttendees(eventA.eventId, 150);
		const all = [admin.personId, attendee.personId, collector.personId, ...seeded];
		expect(rowsOf(await find({})).map((p) => p.personID)).toEqual(all.slice(0, 20));
		expect(rowsOf(await find({ limit: '500' }))).toHaveLength(100);
		expect(rowsOf(await find({ limit: '100', offset: '100' })).map((p) => p.personID)).toEqual(all.slice(100));
		expect((await find({ limit: 'all' })).status).toBe(400);
	});

	it('gives a Data Collector an unlimited limit', async () => {
		sandbox.seedAttendees(eventA.eventId, 1_000);
		const collectorToken = await tokenFor(sandbox, collector.username, collector.password);
		expect(rowsOf(await find({ limit: '5000' }, collectorToken))).toHaveLength(1_003);
		expect(rowsOf(await find({ limit: '5000' }))).toHaveLength(100);
	});

	it('filters by name, email, username and query+queryKey', async () => {
		sandbox.seedAttendees(eventA.eventId, 50);
		const ids = (query: Params) => find({ limit: '100', ...query }).then((r) => rowsOf(r).map((p) => p.personID));
		expect(await ids({ name: 'ana att' })).toEqual([attendee.personId]);
		expect(await ids({ email: attendee.username.toUpperCase() })).toEqual([attendee.personId]);
		expect(await ids({ username: collector.username })).toEqual([collector.personId]);
		expect(await ids({ query: 'Colin', queryKey: 'firstName' })).toEqual([collector.personId]);
		expect(await ids({ query: 'collector@' })).toEqual([collector.personId]);
		expect((await find({ queryKey: 'password', query: 'x' })).status).toBe(400);
	});

	it('filters on dateUpdated with updatedAfterDate / updatedBeforeDate', async () => {
		sandbox.seedAttendees(eventA.eventId, 30);
		const now = Math.floor(Date.now() / 1000);
		await operate(attendee.personId, { key: 'company' }, { value: 'Fresh Co' });
		const after = rowsOf(await find({ updatedAfterDate: String(now - 1) }));
		expect(after.map((p) => p.personID)).toEqual([attendee.personId]);
		const before = rowsOf(await find({ updatedBeforeDate: String(now - 2), limit: '100' }));
		expect(before).toHaveLength(32);
		expect(before.map((p) => p.personID)).not.toContain(attendee.personId);
		expect((await find({ updatedAfterDate: 'yesterday' })).status).toBe(400);
	});

	it('applies attendee presets, stacked with |', async () => {
		sandbox.seedAttendees(eventA.eventId, 60);
		const rows = (selection: string) => find({ selection, limit: '100', fullProfile: '1' }).then(rowsOf);
		expect((await rows('admin')).map((p) => p.personID)).toEqual([admin.personId]);
		expect((await rows('collector')).map((p) => p.personID)).toEqual([collector.personId]);
		const standard = await rows('standard-users');
		expect(standard.every((p) => p.level === '1')).toBe(true);
		expect((await rows('not-admin')).length).toBe(62);
		const stacked = await rows('printed|present|tags:1,2');
		expect(stacked.length).toBeGreaterThan(0);
		for (const p of stacked) {
			expect(p).toMatchObject({ printed: '1', present: '1' });
			expect(['1', '2']).toContain(p.tagIDs);
		}
		for (const p of await rows('waiting-rsvp')) expect(p.rsvp).toBe('');
		expect((await find({ selection: 'custom-list' })).status).toBe(400);
	});

	it('adds the full profile only with fullProfile=1', async () => {
		const [plain] = rowsOf(await find({ limit: '1' }));
		const [full] = rowsOf(await find({ limit: '1', fullProfile: '1' }));
		expect(plain).not.toHaveProperty('summary');
		expect(full).toHaveProperty('summary');
		expect(full).toHaveProperty('tagIDs');
	});

	it('orders by order + orderDirection', async () => {
		const names = rowsOf(await find({ order: 'name', orderDirection: 'desc' })).map((p) => p.name);
		expect(names).toEqual(['Sandy Admin', 'Colin Collector', 'Ana Attendee']);
		expect((await find({ orderDirection: 'sideways' })).status).toBe(400);
	});
});

describe('event.person.dismiss', () => {
	it('removes the link only; afterwards get answers the not-found error', async () => {
		const [removed] = rowsOf(
			await call(sandbox, 'event.person.dismiss', {
				token,
				query: { eventID: eventA.eventId, personID: attendee.personId },
			}),
		);
		expect(removed.personID).toBe(attendee.personId);
		const after = await get({ personID: attendee.personId });
		expect(after.status).toBe(400);
		expect(errorMessage(after)).toBe("Couldn't find the personID");
		expect(sandbox.store.persons.has(attendee.personId)).toBe(true);
		expect(sandbox.store.getMembership(eventB.eventId, attendee.personId)).toBeDefined();
		const again = await call(sandbox, 'event.person.dismiss', {
			token,
			query: { eventID: eventA.eventId, personID: attendee.personId },
		});
		expect(again.status).toBe(400);
	});

	it('lets an attendee un-enroll themself', async () => {
		const own = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		expect(
			(await call(sandbox, 'event.person.dismiss', { token: own, query: { eventID: eventA.eventId } })).status,
		).toBe(200);
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)).toBeUndefined();
	});
});
