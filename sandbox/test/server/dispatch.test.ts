import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor } from '../testClient';

const { admin, eventA, companyId } = SANDBOX_FIXTURES;

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

describe('dispatch', () => {
	it('listens on 127.0.0.1 with a trailing-slash base URL', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
	});

	it('answers the same action on GET and on POST', async () => {
		const viaGet = await call(sandbox, 'event.get', { method: 'GET', token, query: { eventID: eventA.eventId } });
		const viaPost = await call(sandbox, 'event.get', { method: 'POST', token, query: { eventID: eventA.eventId } });
		expect(viaGet.status).toBe(200);
		expect(viaPost.status).toBe(200);
		expect(str(rowsOf(viaPost)[0], 'eventID')).toBe(eventA.eventId);
	});

	it('refuses a JSON body with 400', async () => {
		const result = await call(sandbox, 'company.event.bind', {
			token,
			query: { companyID: companyId },
			rawBody: JSON.stringify({ name: 'JSON event', nickname: 'json-event' }),
			contentType: 'application/json',
		});
		expect(result.status).toBe(400);
		expect(errorMessage(result)).toMatch(/x-www-form-urlencoded/);
		expect(sandbox.store.eventsOfCompany(companyId).some((event) => event.nickname === 'json-event')).toBe(false);
	});

	it('refuses any other content type that carries a body', async () => {
		const plain = await call(sandbox, 'api.describe', { token, rawBody: 'hello', contentType: 'text/plain' });
		const none = await call(sandbox, 'api.describe', { token, rawBody: 'a=1' });
		expect(plain.status).toBe(400);
		expect(none.status).toBe(400);
	});

	it('accepts an empty POST body whatever the content type', async () => {
		const result = await call(sandbox, 'api.describe', {
			method: 'POST',
			token,
			rawBody: '',
			contentType: 'application/json',
		});
		expect(result.status).toBe(200);
	});

	it('refuses a missing or unknown action with 400', async () => {
		const missing = await call(sandbox, undefined, { token });
		const unknown = await call(sandbox, 'event.teleport', { token });
		expect(missing.status).toBe(400);
		expect(errorMessage(missing)).toBe('action is a required parameter');
		expect(unknown.status).toBe(400);
		expect(errorMessage(unknown)).toMatch(/event\.teleport/);
	});

	it('refuses methods other than GET and POST', async () => {
		const result = await call(sandbox, 'api.describe', { method: 'PUT', token });
		expect(result.status).toBe(405);
	});

	it('wraps answers in {count, data} with every scalar a string and count a number', async () => {
		const results = await Promise.all([
			call(sandbox, 'company.event.find', { token, query: { companyID: companyId, selection: 'all' } }),
			call(sandbox, 'event.person.find', {
				token,
				query: { eventID: eventA.eventId, selection: 'all', fullProfile: '1' },
			}),
			call(sandbox, 'event.get', { token, query: { eventID: eventA.eventId } }),
			call(sandbox, 'api.describe', { token }),
		]);
		for (const result of results) {
			const rows = rowsOf(result);
			expect(typeof result.json?.count).toBe('number');
			expect(result.json?.count).toBe(rows.length);
			expect(rows.length).toBeGreaterThan(0);
			expect(nonStringScalars(rows)).toEqual([]);
		}
		const event = rowsOf(results[2])[0];
		expect(event.visible).toMatch(/^[01]$/);
		expect(event.dateBegin).toMatch(/^\d{10}$/);
	});

	it('delays answers by latencyMs', async () => {
		sandbox.setLatency(150);
		const started = Date.now();
		await call(sandbox, 'api.describe', { token });
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});
