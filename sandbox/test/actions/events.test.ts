import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, companyId, emptyCompanyId, eventA, eventB } = SANDBOX_FIXTURES;

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

const bind = (body: Params, query: Params = {}) =>
	call(sandbox, 'company.event.bind', { token, query: { companyID: companyId, ...query }, body });
const find = (query: Params) =>
	call(sandbox, 'company.event.find', { token, query: { companyID: companyId, selection: 'all', ...query } });
const edit = (key: string, value: string | undefined, eventID: string = eventA.eventId) =>
	call(sandbox, 'event.edit', { token, query: { eventID, key }, body: value === undefined ? {} : { value } });

describe('company.event.bind', () => {
	it('creates an event and returns the full §9.1 object with defaults', async () => {
		const before = Math.floor(Date.now() / 1000);
		const [event] = rowsOf(await bind({ name: 'This is a test event', nickname: 'my-test-event-1' }));
		expect(Object.keys(event).slice(0, 27)).toEqual([
			'eventID',
			'name',
			'nickname',
			'emailAddress',
			'emailName',
			'emailDNS',
			'emailReplyTo',
			'description',
			'background',
			'cover',
			'coverVideo',
			'welcomeOverlay',
			'activityLayout',
			'fontFamily',
			'page',
			'contentPage',
			'ownerID',
			'creatorID',
			'dateCreated',
			'dateBegin',
			'dateEnd',
			'enrollmentBegin',
			'enrollmentEnd',
			'accessEnd',
			'quarter',
			'eventDays',
			'month',
		]);
		expect(event).toMatchObject({
			name: 'This is a test event',
			nickname: 'my-test-event-1',
			creatorID: admin.personId,
			eventDays: '14',
		});
		const created = Number(event.dateCreated);
		expect(created).toBeGreaterThanOrEqual(before);
		expect(Number(event.dateBegin)).toBe(created - 14_400);
		expect(Number(event.dateEnd)).toBe(created + 14 * 86_400);
		expect(event.dateUpdated).toBe(event.dateCreated);
		expect(nonStringScalars(event)).toEqual([]);
		expect(sandbox.store.events.get(str(event, 'eventID'))?.companyID).toBe(companyId);
	});

	it('requires name and nickname in the body', async () => {
		const noName = await bind({ nickname: 'x-1' });
		expect(noName.status).toBe(400);
		expect(errorMessage(noName)).toBe('name cannot be empty');
		const noNickname = await bind({ name: 'X' });
		expect(errorMessage(noNickname)).toBe('nickname cannot be empty');
		const inQuery = await call(sandbox, 'company.event.bind', {
			token,
			query: { companyID: companyId, name: 'X', nickname: 'x' },
			body: {},
		});
		expect(errorMessage(inQuery)).toBe('name cannot be empty');
	});

	it('refuses a nickname that is not URL-safe or already used in the company', async () => {
		expect((await bind({ name: 'X', nickname: 'has space' })).status).toBe(400);
		expect((await bind({ name: 'X', nickname: 'a/b' })).status).toBe(400);
		const duplicate = await bind({ name: 'X', nickname: eventA.nickname.toUpperCase() });
		expect(duplicate.status).toBe(400);
		expect(errorMessage(duplicate)).toMatch(/already in use/);
	});

	it('needs companyID and an Admin of that company', async () => {
		expect(errorMessage(await call(sandbox, 'company.event.bind', { token, body: { name: 'X', nickname: 'x' } }))).toBe(
			'companyID is a required parameter',
		);
		const userToken = await tokenFor(sandbox, attendee.username, attendee.password);
		const refused = await call(sandbox, 'company.event.bind', {
			token: userToken,
			query: { companyID: companyId },
			body: { name: 'X', nickname: 'x' },
		});
		expect(refused.status).toBe(401);
	});

	it('copies a sibling, creates templates and events from templates', async () => {
		sandbox.store.events.get(eventA.eventId)!.description = 'Copied text';
		const [copy] = rowsOf(await bind({ name: 'Copy', nickname: 'copy-1' }, { siblingID: eventA.eventId }));
		expect(copy).toMatchObject({ description: 'Copied text', siblingID: eventA.eventId, name: 'Copy' });
		const [template] = rowsOf(await bind({ name: 'Tpl', nickname: 'tpl-1' }, { isTemplate: '1' }));
		expect(template.isTemplate).toBe('1');
		const [fromTemplate] = rowsOf(
			await bind({ name: 'From', nickname: 'from-1' }, { templateID: str(template, 'eventID') }),
		);
		expect(fromTemplate.templateID).toBe(template.eventID);
		expect((await bind({ name: 'Bad', nickname: 'bad-1' }, { templateID: eventA.eventId })).status).toBe(400);
		expect((await bind({ name: 'Bad', nickname: 'bad-2' }, { siblingID: '999999' })).status).toBe(400);
		expect((await bind({ name: 'Bad', nickname: 'bad-3' }, { isTemplate: 'yes' })).status).toBe(400);
	});
});

describe('company.event.find paging', () => {
	it('pages 250 events with limit 100 as 100 / 100 / 50, with offset = items skipped', async () => {
		const ids = sandbox.seedEvents(emptyCompanyId, 250);
		const pages: string[][] = [];
		for (const offset of [0, 100, 200, 300]) {
			const result = await call(sandbox, 'company.event.find', {
				token,
				query: { companyID: emptyCompanyId, selection: 'all', limit: '100', offset: String(offset) },
			});
			pages.push(rowsOf(result).map((event) => str(event, 'eventID')));
			expect(result.json?.count).toBe(pages[pages.length - 1].length);
		}
		expect(pages.map((page) => page.length)).toEqual([100, 100, 50, 0]);
		expect(pages.flat()).toEqual(ids);
	});

	it('caps limit at 100 and defaults to 20', async () => {
		sandbox.seedEvents(emptyCompanyId, 150);
		const capped = await call(sandbox, 'company.event.find', {
			token,
			query: { companyID: emptyCompanyId, selection: 'all', limit: '500' },
		});
		expect(rowsOf(capped)).toHaveLength(100);
		const byDefault = await call(sandbox, 'company.event.find', {
			token,
			query: { companyID: emptyCompanyId, selection: 'all' },
		});
		expect(rowsOf(byDefault)).toHaveLength(20);
	});

	it('refuses non-numeric or negative limit/offset with 400', async () => {
		const invalid: Params[] = [{ limit: 'ten' }, { limit: '-1' }, { offset: 'x' }, { limit: '0' }, { offset: '1.5' }];
		for (const query of invalid) {
			expect((await find(query)).status).toBe(400);
		}
	});
});

describe('company.event.find selection and filters', () => {
	it('requires companyID and selection, and refuses unknown presets', async () => {
		expect(errorMessage(await call(sandbox, 'company.event.find', { token, query: { companyID: companyId } }))).toBe(
			'selection is a required parameter',
		);
		expect((await find({ selection: 'fancy-events' })).status).toBe(400);
		expect((await find({ selection: 'next-events|bogus' })).status).toBe(400);
	});

	it('applies time presets and stacks them with | as AND', async () => {
		const ids = (query: Params) =>
			find({ limit: '100', ...query }).then((r) => rowsOf(r).map((e) => str(e, 'eventID')));
		expect(await ids({ selection: 'current-events' })).toEqual([eventA.eventId]);
		expect(await ids({ selection: 'next-events' })).toEqual([eventB.eventId]);
		expect(await ids({ selection: 'single-day-events' })).toEqual([]);
		expect(await ids({ selection: 'multi-day-events|next-events' })).toEqual([eventB.eventId]);
		expect(await ids({ selection: 'multi-day-events|current-events' })).toEqual([eventA.eventId]);
		expect(await ids({ selection: 'tags:1' })).toEqual([eventA.eventId]);
		expect(await ids({ selection: 'tags:1|next-events' })).toEqual([]);
		expect(await ids({ selection: 'my-events-created' })).toEqual([eventA.eventId, eventB.eventId]);
		expect(await ids({ selection: 'my-events' })).toEqual([eventA.eventId]);
		expect((await find({ selection: 'tags:abc' })).status).toBe(400);
	});

	it('answers caller-relative presets from the caller’s own links', async () => {
		const userToken = await tokenFor(sandbox, attendee.username, attendee.password);
		const run = (selection: string) =>
			call(sandbox, 'company.event.find', { token: userToken, query: { companyID: companyId, selection } }).then((r) =>
				rowsOf(r).map((e) => str(e, 'eventID')),
			);
		expect(await run('enrolled')).toEqual([eventA.eventId, eventB.eventId]);
		expect(await run('working')).toEqual([]);
		sandbox.store.getMembership(eventB.eventId, attendee.personId)!.present = 1;
		expect(await run('present')).toEqual([eventB.eventId]);
	});

	it('filters by name (case-insensitive substring), flags, dates and query+queryKey', async () => {
		sandbox.seedEvents(companyId, 40);
		const rows = (query: Params) => find({ limit: '100', ...query }).then(rowsOf);
		const named = await rows({ name: 'sandbox CONF' });
		expect(named.map((e) => e.eventID)).toEqual([eventA.eventId]);
		expect((await rows({ query: 'summit', queryKey: 'name' })).map((e) => e.eventID)).toEqual([eventB.eventId]);
		for (const event of await rows({ presential: '0' })) expect(event.presential).toBe('0');
		for (const event of await rows({ archived: '1' })) expect(event.archived).toBe('1');
		expect((await rows({ archived: '1' })).length).toBeGreaterThan(0);
		const now = Math.floor(Date.now() / 1000);
		for (const event of await rows({ dateBegin: String(now) }))
			expect(Number(event.dateBegin)).toBeGreaterThanOrEqual(now);
		expect((await find({ presential: 'yes' })).status).toBe(400);
		expect((await find({ dateBegin: '2026-01-01' })).status).toBe(400);
		expect((await find({ dateBegin: String(Date.now()) })).status).toBe(400);
		expect((await find({ queryKey: 'secret', query: 'x' })).status).toBe(400);
		expect((await find({ order: 'random' })).status).toBe(400);
	});

	it('orders by the order attribute', async () => {
		const rows = rowsOf(await find({ order: 'dateBegin', orderDirection: 'desc' }));
		expect(rows.map((e) => e.eventID)).toEqual([eventB.eventId, eventA.eventId]);
	});
});

describe('event.get and event.edit', () => {
	it('event.get returns one event; unknown → 400', async () => {
		expect(rowsOf(await call(sandbox, 'event.get', { token, query: { eventID: eventA.eventId } }))[0].name).toBe(
			eventA.name,
		);
		expect(errorMessage(await call(sandbox, 'event.get', { token, query: { eventID: '424242' } }))).toBe(
			"Couldn't find the eventID",
		);
	});

	it('edits a documented key, returns the event as it now stands and bumps dateUpdated', async () => {
		const before = sandbox.store.events.get(eventA.eventId)!.dateUpdated;
		const [event] = rowsOf(await edit('name', 'NewName!'));
		expect(event.name).toBe('NewName!');
		expect(Number(event.dateUpdated)).toBeGreaterThan(before);
		expect(sandbox.store.events.get(eventA.eventId)?.name).toBe('NewName!');
		expect(rowsOf(await edit('visible', '0'))[0].visible).toBe('0');
		expect(rowsOf(await edit('dateEnd', '1893456000'))[0].dateEnd).toBe('1893456000');
	});

	it('refuses an undocumented key with 406 "<key> field doesn\'t exist"', async () => {
		for (const key of ['city', 'archived', 'companyID', 'toString']) {
			const result = await edit(key, 'x');
			expect(result.status).toBe(406);
			expect(errorMessage(result)).toBe(`${key} field doesn't exist`);
		}
	});

	it('validates dates as Unix seconds and booleans as 0/1', async () => {
		expect((await edit('dateBegin', '2026-05-01')).status).toBe(400);
		expect((await edit('dateBegin', '1767225600000')).status).toBe(400);
		expect((await edit('public', 'true')).status).toBe(400);
		expect((await edit('name', '  ')).status).toBe(400);
		expect((await edit('nickname', eventB.nickname)).status).toBe(400);
		expect((await edit('email', 'not-an-email')).status).toBe(400);
		expect((await edit('latitude', '123')).status).toBe(400);
		expect(errorMessage(await edit('name', undefined))).toBe('value is a required parameter');
		expect(
			errorMessage(
				await call(sandbox, 'event.edit', { token, query: { eventID: eventA.eventId }, body: { value: 'x' } }),
			),
		).toBe('key is a required parameter');
	});
});
