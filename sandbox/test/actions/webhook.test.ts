import { DEFAULT_WEBHOOK_TYPES, SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';
import { startReceiver, type Receiver } from '../webhooks/receiver';

const { admin, attendee, otherAdmin, companyId, emptyCompanyId, otherCompanyId, eventA, eventB, otherEvent } =
	SANDBOX_FIXTURES;

/** Frozen before signing in, so every date below is exact. */
const T = 1_900_000_000;
const URL_A = 'https://hooks.example.com/inevent?secret=abc';
const URL_B = 'http://127.0.0.1:9/other';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	sandbox.setClock(T);
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const act = (action: string, query: Params, body?: Params, as: string = token) =>
	call(sandbox, action, { token: as, query, body });
const create = (query: Params, type = 'eventEnrollment', url = URL_A, as: string = token) =>
	act('webhook.create', query, { type, url }, as);
const atEventA = { eventID: eventA.eventId };
const atCompany = { companyID: companyId };
const idOf = async (result: ReturnType<typeof create>) => str(rowsOf(await result)[0], 'webhookID');
const refusal = async (result: ReturnType<typeof call>) => {
	const answered = await result;
	return { status: answered.status, message: errorMessage(answered) };
};

describe('webhook.create', () => {
	it('answers the new event hook as a row of strings (webhookID, eventID, type, url, dateCreated)', async () => {
		const result = await create(atEventA, 'activityEnrollment');
		const [row] = rowsOf(result);
		expect(row).toEqual({
			webhookID: '7001',
			eventID: eventA.eventId,
			type: 'activityEnrollment',
			url: URL_A,
			dateCreated: String(T),
		});
		expect(Object.keys(row)).toEqual(['webhookID', 'eventID', 'type', 'url', 'dateCreated']);
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(sandbox.webhooks()).toEqual([
			{ webhookID: '7001', eventID: eventA.eventId, type: 'activityEnrollment', url: URL_A, dateCreated: T },
		]);
	});

	it('a company hook has companyID instead of eventID; eventCreated is accepted only there', async () => {
		const [row] = rowsOf(await create(atCompany, 'eventCreated'));
		expect(row).toEqual({
			webhookID: '7001',
			companyID: companyId,
			type: 'eventCreated',
			url: URL_A,
			dateCreated: String(T),
		});
		expect(await refusal(create(atEventA, 'eventCreated'))).toEqual({ status: 400, message: 'type is not valid' });
		// Company hooks take the other types too.
		expect(rowsOf(await create(atCompany, 'eventEnrollment'))[0].type).toBe('eventEnrollment');
	});

	it('exactly one of eventID / companyID', async () => {
		expect(await refusal(create({}))).toEqual({ status: 400, message: 'eventID is a required parameter' });
		expect(await refusal(create({ ...atEventA, ...atCompany }))).toEqual({
			status: 400,
			message: 'give eventID or companyID, not both',
		});
		expect(await refusal(create({ eventID: '999' }))).toEqual({ status: 400, message: "Couldn't find the eventID" });
		expect(await refusal(create({ companyID: '999' }))).toEqual({
			status: 400,
			message: "Couldn't find the companyID",
		});
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('type and url are required body attributes; a type not in webhookTypes and a non-http(s) url are refused', async () => {
		expect(await refusal(act('webhook.create', atEventA, { url: URL_A }))).toEqual({
			status: 400,
			message: 'type cannot be empty',
		});
		expect(await refusal(act('webhook.create', atEventA, { type: 'eventEnrollment', url: ' ' }))).toEqual({
			status: 400,
			message: 'url cannot be empty',
		});
		// Query attributes are not body attributes.
		expect((await act('webhook.create', { ...atEventA, type: 'eventEnrollment', url: URL_A })).status).toBe(400);
		for (const type of ['EventEnrollment', 'event.enrollment', 'webhook', 'eventenrollment']) {
			expect(await refusal(create(atEventA, type))).toEqual({ status: 400, message: 'type is not valid' });
		}
		for (const url of ['ftp://example.com/x', 'example.com/hook', '/relative', 'http://', 'javascript:alert(1)']) {
			expect(await refusal(create(atEventA, 'eventEnrollment', url))).toEqual({
				status: 400,
				message: 'url is not valid',
			});
		}
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('accepts every default type at event level but eventCreated; all 18 at company level', async () => {
		expect(DEFAULT_WEBHOOK_TYPES).toHaveLength(18);
		for (const type of DEFAULT_WEBHOOK_TYPES) {
			expect((await create(atCompany, type)).status).toBe(200);
			expect((await create(atEventA, type)).status).toBe(type === 'eventCreated' ? 400 : 200);
		}
	});

	it('the same type and url twice make two hooks', async () => {
		const first = await idOf(create(atEventA));
		const second = await idOf(create(atEventA));
		expect([first, second]).toEqual(['7001', '7002']);
		expect(sandbox.webhooks()).toHaveLength(2);
	});

	it('needs an event Admin (System scope) or a company Admin', async () => {
		const anaToken = await tokenFor(sandbox, attendee.username, attendee.password);
		const adminEventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		const otherToken = await tokenFor(sandbox, otherAdmin.username, otherAdmin.password);
		expect((await create(atEventA, 'eventEnrollment', URL_A, anaToken)).status).toBe(401);
		expect((await create(atEventA, 'eventEnrollment', URL_A, adminEventToken)).status).toBe(401);
		expect((await create(atCompany, 'eventCreated', URL_A, adminEventToken)).status).toBe(401);
		expect(await refusal(create(atCompany, 'eventCreated', URL_A, otherToken))).toEqual({
			status: 401,
			message: "personID doesn't work at company",
		});
		expect((await create({ companyID: otherCompanyId }, 'eventCreated')).status).toBe(401);
		expect((await create({ eventID: otherEvent.eventId })).status).toBe(401);
		expect(
			(await call(sandbox, 'webhook.create', { query: atEventA, body: { type: 'eventEnrollment', url: URL_A } }))
				.status,
		).toBe(401);
		expect(sandbox.webhooks()).toEqual([]);
	});

	it('setWebhookTypes changes what is accepted; existing hooks stay', async () => {
		await create(atEventA, 'eventEnrollment');
		sandbox.setWebhookTypes(['activityEnrollment', 'customThing']);
		expect((await create(atEventA, 'eventEnrollment')).status).toBe(400);
		expect((await create(atEventA, 'customThing')).status).toBe(200);
		expect(sandbox.webhooks().map((hook) => hook.type)).toEqual(['eventEnrollment', 'customThing']);
		expect(() => sandbox.setWebhookTypes(['a b'])).toThrow(RangeError);
		expect(() => sandbox.setWebhookTypes(['x', 'x'])).toThrow(RangeError);
		sandbox.reset();
		expect(sandbox.config.webhookTypes).toEqual(DEFAULT_WEBHOOK_TYPES);
		expect(sandbox.webhooks()).toEqual([]);
	});
});

describe('webhook.find', () => {
	it("lists that level's hooks by webhookID, paged", async () => {
		for (let i = 0; i < 5; i++) await create(atEventA, 'eventEnrollment', `${URL_A}&n=${i}`);
		await create({ eventID: eventB.eventId });
		await create(atCompany, 'eventCreated');
		const all = rowsOf(await act('webhook.find', atEventA));
		expect(all.map((row) => row.webhookID)).toEqual(['7001', '7002', '7003', '7004', '7005']);
		expect(all[0]).toEqual({
			webhookID: '7001',
			eventID: eventA.eventId,
			type: 'eventEnrollment',
			url: `${URL_A}&n=0`,
			dateCreated: String(T),
		});
		const page = rowsOf(await act('webhook.find', { ...atEventA, limit: '2', offset: '3' }));
		expect(page.map((row) => row.webhookID)).toEqual(['7004', '7005']);
		expect(rowsOf(await act('webhook.find', atCompany)).map((row) => row.webhookID)).toEqual(['7007']);
		expect(rowsOf(await act('webhook.find', { companyID: emptyCompanyId }))).toEqual([]);
		expect((await act('webhook.find', { ...atEventA, limit: '0' })).status).toBe(400);
		expect(await refusal(act('webhook.find', {}))).toEqual({ status: 400, message: 'eventID is a required parameter' });
	});
});

describe('webhook.remove', () => {
	it("removes a hook of the event and answers it; unknown or of another level → Couldn't find the webhookID", async () => {
		const id = await idOf(create(atEventA));
		const companyHook = await idOf(create(atCompany, 'eventCreated'));
		for (const query of <Params[]>[
			{ webhookID: '9999', ...atEventA },
			{ webhookID: id, eventID: eventB.eventId },
			{ webhookID: id, ...atCompany },
			{ webhookID: companyHook, ...atEventA },
		]) {
			expect(await refusal(act('webhook.remove', query))).toEqual({
				status: 400,
				message: "Couldn't find the webhookID",
			});
		}
		expect(await refusal(act('webhook.remove', { webhookID: id }))).toEqual({
			status: 400,
			message: 'eventID is a required parameter',
		});
		const [removed] = rowsOf(await act('webhook.remove', { webhookID: id, ...atEventA }));
		expect(removed).toEqual({
			webhookID: id,
			eventID: eventA.eventId,
			type: 'eventEnrollment',
			url: URL_A,
			dateCreated: String(T),
		});
		expect((await act('webhook.remove', { webhookID: id, ...atEventA })).status).toBe(400);
		expect(rowsOf(await act('webhook.remove', { webhookID: companyHook, ...atCompany }))[0].companyID).toBe(companyId);
		expect(sandbox.webhooks()).toEqual([]);
	});
});

describe('webhook.edit', () => {
	it('query key type or url, body value, validated as on create; answers the hook', async () => {
		const id = await idOf(create(atEventA));
		const edit = (key: string, value: string | undefined, query: Params = atEventA) =>
			act('webhook.edit', { webhookID: id, key, ...query }, value === undefined ? {} : { value });
		expect(rowsOf(await edit('url', URL_B))[0]).toMatchObject({ webhookID: id, url: URL_B });
		expect(rowsOf(await edit('type', 'eventCheckIn', {}))[0]).toMatchObject({ type: 'eventCheckIn', url: URL_B });
		expect(await refusal(edit('type', 'eventCreated'))).toEqual({ status: 400, message: 'type is not valid' });
		expect(await refusal(edit('type', 'nope'))).toEqual({ status: 400, message: 'type is not valid' });
		expect(await refusal(edit('url', 'mailto:a@b.c'))).toEqual({ status: 400, message: 'url is not valid' });
		expect(await refusal(edit('url', ''))).toEqual({ status: 400, message: 'url cannot be empty' });
		expect(await refusal(edit('url', undefined))).toEqual({ status: 400, message: 'value is a required parameter' });
		expect(await refusal(edit('name', 'x'))).toEqual({ status: 406, message: "name field doesn't exist" });
		expect(await refusal(edit('webhookID', '1'))).toEqual({ status: 406, message: "webhookID field doesn't exist" });
		expect(await refusal(edit('url', URL_A, { eventID: eventB.eventId }))).toEqual({
			status: 400,
			message: "Couldn't find the webhookID",
		});
		// `key` is a query attribute (InEvent's SDK sends it there): in the body it is absent.
		expect(await refusal(act('webhook.edit', { webhookID: id }, { key: 'url', value: URL_A }))).toEqual({
			status: 400,
			message: 'key is a required parameter',
		});
		expect(sandbox.webhooks()).toEqual([
			{ webhookID: id, eventID: eventA.eventId, type: 'eventCheckIn', url: URL_B, dateCreated: T },
		]);
	});

	it("without a level, the caller must administer the hook's own level", async () => {
		const id = await idOf(create(atEventA));
		const anaToken = await tokenFor(sandbox, attendee.username, attendee.password);
		const edited = await act('webhook.edit', { webhookID: id, key: 'url' }, { value: URL_B }, anaToken);
		expect(edited.status).toBe(401);
		expect(sandbox.webhooks()[0].url).toBe(URL_A);
	});
});

describe('webhook.requestExample', () => {
	it('answers webhookID, type and the JSON text a delivery would send, in the current shape', async () => {
		const id = await idOf(create(atEventA, 'activityEnrollment'));
		const [row] = rowsOf(await act('webhook.requestExample', { webhookID: id }));
		expect(Object.keys(row)).toEqual(['webhookID', 'type', 'payload']);
		expect(row).toMatchObject({ webhookID: id, type: 'activityEnrollment' });
		const nested = JSON.parse(str(row, 'payload')) as Record<string, unknown>;
		expect(nested).toEqual({
			webhookID: Number(id),
			type: 'activityEnrollment',
			eventID: Number(eventA.eventId),
			companyID: Number(companyId),
			date: T,
			data: {
				activityID: '1',
				eventID: eventA.eventId,
				personID: '1',
				name: 'Example Attendee',
				email: 'attendee@example.com',
				present: '0',
				dateCreated: String(T),
			},
		});
		sandbox.setWebhookPayload('flat');
		const flat = JSON.parse(str(rowsOf(await act('webhook.requestExample', { webhookID: id }))[0], 'payload'));
		expect(flat).toEqual({ ...(nested.data as object), type: 'activityEnrollment', eventID: eventA.eventId });
	});

	it('company eventCreated: an example event of the company; unknown webhookID → 400', async () => {
		const id = await idOf(create(atCompany, 'eventCreated'));
		const payload = JSON.parse(str(rowsOf(await act('webhook.requestExample', { webhookID: id }))[0], 'payload'));
		expect(payload).toMatchObject({
			webhookID: Number(id),
			type: 'eventCreated',
			eventID: 1,
			companyID: Number(companyId),
		});
		expect(payload.data).toMatchObject({ eventID: '1', name: 'Example Event', companyID: companyId });
		expect(await refusal(act('webhook.requestExample', { webhookID: '1' }))).toEqual({
			status: 400,
			message: "Couldn't find the webhookID",
		});
	});
});

describe('webhook.log.find', () => {
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(async () => receiver.close());

	it("lists the level's attempts newest first (removed hooks' too), paged", async () => {
		const enrolled = await idOf(create(atEventA, 'eventEnrollment', receiver.url()));
		await idOf(create({ eventID: eventB.eventId }, 'eventEnrollment', receiver.url()));
		for (const name of ['One', 'Two', 'Three']) {
			await act('event.person.bind', atEventA, { name, email: `${name.toLowerCase()}@hooks.test` });
			await sandbox.whenDeliveriesSettled();
		}
		await act('event.person.bind', { eventID: eventB.eventId }, { name: 'B', email: 'b@hooks.test' });
		await sandbox.whenDeliveriesSettled();
		await act('webhook.remove', { webhookID: enrolled, ...atEventA });
		const rows = rowsOf(await act('webhook.log.find', atEventA));
		expect(rows.map((row) => row.webhookLogID)).toEqual(['500003', '500002', '500001']);
		expect(Object.keys(rows[0])).toEqual(['webhookLogID', 'webhookID', 'type', 'attempt', 'status', 'date', 'payload']);
		expect(rows[0]).toMatchObject({
			webhookID: enrolled,
			type: 'eventEnrollment',
			attempt: '1',
			status: '200',
			date: String(T),
		});
		expect(JSON.parse(str(rows[0], 'payload')).data.name).toBe('Three');
		const page = rowsOf(await act('webhook.log.find', { ...atEventA, limit: '1', offset: '1' }));
		expect(page.map((row) => row.webhookLogID)).toEqual(['500002']);
		expect(rowsOf(await act('webhook.log.find', { eventID: eventB.eventId })).map((row) => row.webhookLogID)).toEqual([
			'500004',
		]);
		expect(rowsOf(await act('webhook.log.find', atCompany))).toEqual([]);
	});
});

describe('POST /__sandbox/config', () => {
	const postConfig = (payload: unknown) =>
		fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(payload),
		});

	it('sets the webhook keys, refuses bad values with 400 and changes nothing then', async () => {
		const ok = await postConfig({
			webhookPayload: 'flat',
			webhookRetries: 2,
			webhookRetryDelayMs: 5,
			webhookTimeoutMs: 50,
			webhookTypes: ['eventEnrollment'],
			webhookCompanyScope: 'eventCreatedOnly',
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({
			webhookPayload: 'flat',
			webhookRetries: 2,
			webhookRetryDelayMs: 5,
			webhookTimeoutMs: 50,
			webhookTypes: ['eventEnrollment'],
			webhookCompanyScope: 'eventCreatedOnly',
		});
		for (const bad of [
			{ webhookPayload: 'xml' },
			{ webhookRetries: -1 },
			{ webhookRetries: 1.5 },
			{ webhookRetryDelayMs: '5' },
			{ webhookTimeoutMs: 0 },
			{ webhookTypes: 'eventEnrollment' },
			{ webhookTypes: [1] },
			{ webhookCompanyScope: 'all' },
			{ errorStyle: 'text', webhookRetries: -1 },
		]) {
			expect((await postConfig(bad)).status).toBe(400);
		}
		expect(sandbox.config).toMatchObject({ errorStyle: 'json', webhookPayload: 'flat', webhookRetries: 2 });
		expect(() => sandbox.setWebhookPayload('xml' as never)).toThrow(RangeError);
		expect(() => sandbox.setWebhookRetries(1, -5)).toThrow(RangeError);
		expect(() => sandbox.setWebhookTimeout(0)).toThrow(RangeError);
		sandbox.reset();
		expect(sandbox.config).toMatchObject({
			webhookPayload: 'nested',
			webhookRetries: 0,
			webhookRetryDelayMs: 1000,
			webhookTimeoutMs: 10000,
			webhookCompanyScope: 'allEvents',
		});
	});

	it('start options set the same keys and are validated', async () => {
		await expect(startSandbox({ webhookPayload: 'xml' as never })).rejects.toThrow(RangeError);
		const other = await startSandbox({ webhookPayload: 'flat', webhookRetries: 3, webhookTypes: ['eventEnrollment'] });
		try {
			expect(other.config).toMatchObject({
				webhookPayload: 'flat',
				webhookRetries: 3,
				webhookTypes: ['eventEnrollment'],
			});
		} finally {
			await other.close();
		}
	});
});
