import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call } from '../testClient';

const { eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const missingToken = () => call(sandbox, 'event.person.find', { query: { eventID: eventA.eventId, selection: 'all' } });

describe('error styles', () => {
	it('json (default): JSON body {"error":{"message"}}', async () => {
		const result = await missingToken();
		expect(result.status).toBe(401);
		expect(result.contentType).toMatch(/^application\/json/);
		expect(result.json).toEqual({ error: { message: 'tokenID is a required parameter' } });
	});

	it('text: the message as a plain-text body', async () => {
		sandbox.setErrorStyle('text');
		const result = await missingToken();
		expect(result.status).toBe(401);
		expect(result.contentType).toMatch(/^text\/plain/);
		expect(result.text).toBe('tokenID is a required parameter');
	});

	it('reason: bodiless, with the message as the HTTP reason phrase', async () => {
		sandbox.setErrorStyle('reason');
		const result = await missingToken();
		expect(result.status).toBe(401);
		expect(result.statusText).toBe('tokenID is a required parameter');
		expect(result.text).toBe('');
		const notAllowedKey = await call(sandbox, 'event.edit', {
			query: { eventID: eventA.eventId, key: 'x' },
			body: { value: '1' },
		});
		expect(notAllowedKey.statusText).toBe('tokenID is a required parameter');
	});

	it('can be switched through POST /__sandbox/config, and reset restores the start style', async () => {
		const res = await fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ errorStyle: 'text' }),
		});
		expect(res.status).toBe(200);
		expect(((await res.json()) as { errorStyle: string }).errorStyle).toBe('text');
		expect((await missingToken()).text).toBe('tokenID is a required parameter');
		await fetch(`${sandbox.url}__sandbox/reset`, { method: 'POST' });
		expect((await missingToken()).json).toEqual({ error: { message: 'tokenID is a required parameter' } });
	});

	it('refuses an unknown style', async () => {
		const res = await fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			body: JSON.stringify({ errorStyle: 'xml' }),
		});
		expect(res.status).toBe(400);
		expect(() => sandbox.setErrorStyle('xml' as 'json')).toThrow();
	});
});

describe('error messages in InEvent style', () => {
	it('uses "<attribute> is a required parameter" for a missing query attribute', async () => {
		const result = await call(sandbox, 'event.get', {});
		expect(result.status).toBe(400);
		expect(result.json?.error?.message).toBe('eventID is a required parameter');
	});
});
