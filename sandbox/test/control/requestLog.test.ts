import { SANDBOX_FIXTURES, startSandbox, type RequestLogEntry, type Sandbox } from '../../index';
import { call, tokenFor } from '../testClient';

const { admin, eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

describe('request log', () => {
	it('records method, action, query, headers, body, raw body, status and time', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		sandbox.clearLog();
		const before = Date.now();
		await call(sandbox, 'event.edit', {
			bearer: token,
			query: { eventID: eventA.eventId, key: 'description' },
			body: { value: 'Tea & cake' },
		});
		expect(sandbox.requests).toHaveLength(1);
		const entry: RequestLogEntry = sandbox.requests[0];
		expect(entry).toMatchObject({
			method: 'POST',
			action: 'event.edit',
			query: { action: 'event.edit', eventID: eventA.eventId, key: 'description' },
			body: { value: 'Tea & cake' },
			rawBody: 'value=Tea+%26+cake',
			status: 200,
		});
		expect(entry.headers.authorization).toBe(`Bearer ${token}`);
		expect(entry.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(entry.time).toBeGreaterThanOrEqual(before);
	});

	it('records refused requests with their status, including unparsed bodies', async () => {
		await call(sandbox, 'api.describe', { rawBody: '{"a":1}', contentType: 'application/json' });
		const [entry] = sandbox.requests;
		expect(entry).toMatchObject({ action: 'api.describe', status: 400, body: {}, rawBody: '{"a":1}' });
	});

	it('keeps the sign-in password visible to tests (it is a fake fixture)', async () => {
		await tokenFor(sandbox, admin.username, admin.password);
		expect(sandbox.requests[0]).toMatchObject({
			action: 'person.signIn',
			query: { username: admin.username },
			body: { password: admin.password },
		});
	});

	it('is served by GET /__sandbox/log and admin requests are not logged', async () => {
		await call(sandbox, 'api.describe');
		const res = await fetch(`${sandbox.url}__sandbox/log`);
		const log = (await res.json()) as RequestLogEntry[];
		expect(log.map((entry) => entry.action)).toEqual(['api.describe']);
		await fetch(`${sandbox.url}__sandbox/expire-tokens`, { method: 'POST' });
		expect(sandbox.requests).toHaveLength(1);
	});

	it('is emptied by clearLog and by reset', async () => {
		await call(sandbox, 'api.describe');
		sandbox.clearLog();
		expect(sandbox.requests).toHaveLength(0);
		await call(sandbox, 'api.describe');
		sandbox.reset();
		expect(sandbox.requests).toHaveLength(0);
	});
});
