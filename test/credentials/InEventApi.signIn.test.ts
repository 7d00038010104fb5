import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { runNode, storedCredential } from '../harness/runNode';
import { startTinyServer } from '../harness/tinyServer';

const { admin, eventA, eventB, companyId } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const systemCredential = (extra: Record<string, string> = {}) =>
	storedCredential({
		region: 'custom',
		baseUrl: sandbox.url,
		username: admin.username,
		password: admin.password,
		...extra,
	});
const eventCredential = (extra: Record<string, string> = {}) =>
	storedCredential({
		region: 'custom',
		baseUrl: sandbox.url,
		username: admin.username,
		password: eventA.eventPassword,
		scope: 'event',
		eventId: eventA.eventId,
		...extra,
	});
const getEvent = (eventId: string) => ({
	resource: 'event',
	operation: 'get',
	eventId: { __rl: true, mode: 'id', value: eventId },
});
const actions = () => sandbox.requests.map((entry) => entry.action);

describe('sign-in (preAuthentication) through a real n8n-core request helper', () => {
	it('sends the username in the query and the password only in a form body', async () => {
		const credential = systemCredential();
		await runNode({ parameters: getEvent(eventA.eventId), credential });
		const signIn = sandbox.requests[0];
		expect(signIn.method).toBe('POST');
		expect(signIn.action).toBe('person.signIn');
		expect(signIn.query).toEqual({ action: 'person.signIn', username: admin.username });
		expect(signIn.body).toEqual({ password: admin.password });
		expect(signIn.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		expect(signIn.headers.accept).toMatch(/application\/json/);
		for (const entry of sandbox.requests) {
			expect(JSON.stringify(entry.query)).not.toContain(admin.password);
		}
	});

	it('adds eventID to the sign-in for Event scope only', async () => {
		await runNode({ parameters: getEvent(eventA.eventId), credential: eventCredential() });
		expect(sandbox.requests[0].query).toEqual({
			action: 'person.signIn',
			username: admin.username,
			eventID: eventA.eventId,
		});
		expect(sandbox.requests[0].body).toEqual({ password: eventA.eventPassword });
	});

	it('signs in once for many requests, keeps the token, and reuses it in the next execution', async () => {
		const credential = systemCredential();
		const items = [{}, {}, {}, {}, {}];
		await runNode({ parameters: getEvent(eventA.eventId), credential, items });
		expect(actions()).toEqual(['person.signIn', 'event.get', 'event.get', 'event.get', 'event.get', 'event.get']);
		expect(credential.saves).toBe(1);
		expect(String(credential.data.tokenId)).toMatch(/^\$2a\$08\$/);

		sandbox.clearLog();
		await runNode({ parameters: getEvent(eventA.eventId), credential });
		expect(actions()).toEqual(['event.get']);
	});

	it('sends the token as a Bearer header by default', async () => {
		const credential = systemCredential();
		await runNode({ parameters: getEvent(eventA.eventId), credential });
		const request = sandbox.requests[1];
		expect(request.headers.authorization).toBe(`Bearer ${String(credential.data.tokenId)}`);
		expect(request.query).not.toHaveProperty('tokenID');
	});

	it('sends the token as a tokenID query parameter that survives URL encoding ($ / .)', async () => {
		const credential = systemCredential({ authTransport: 'query' });
		await runNode({ parameters: getEvent(eventA.eventId), credential });
		const token = String(credential.data.tokenId);
		expect(token).toMatch(/\$/);
		expect(token).toMatch(/[/.]/);
		const request = sandbox.requests[1];
		expect(request.query.tokenID).toBe(token);
		expect(request.headers).not.toHaveProperty('authorization');
	});

	it('after a 401 signs in once more and resends the request once: 401, sign-in, 200 on the wire', async () => {
		const credential = systemCredential();
		await runNode({ parameters: getEvent(eventA.eventId), credential });
		const firstToken = credential.data.tokenId;
		sandbox.expireAllTokens();
		sandbox.clearLog();

		const output = await runNode({ parameters: getEvent(eventA.eventId), credential });
		// The refused call is not sent a second time through n8n's own 401 path: n8n is handed the
		// credential with its token emptied, signs in once, saves the token and sends the request once.
		expect(actions()).toEqual(['event.get', 'person.signIn', 'event.get']);
		expect(sandbox.requests.map((entry) => entry.status)).toEqual([401, 200, 200]);
		expect(credential.saves).toBe(2);
		expect(credential.data.tokenId).not.toBe(firstToken);
		expect(output[0].json.eventID).toBe(eventA.eventId);
	});

	it('fails a wrong password with a clear message after exactly one sign-in attempt, without the password', async () => {
		const credential = systemCredential({ password: 'not-the-password' });
		const run = runNode({ parameters: getEvent(eventA.eventId), credential });
		await expect(run).rejects.toThrow(
			/InEvent rejected the sign-in of user .* Check the username, the System-scope password and the region/,
		);
		await run.catch((error: Error) => {
			expect(error.message).not.toContain('not-the-password');
			expect(JSON.stringify(error)).not.toContain('not-the-password');
		});
		expect(actions()).toEqual(['person.signIn']);
	});

	it('names the event ID to check when an Event-scope sign-in is rejected', async () => {
		const credential = eventCredential({ password: 'wrong-event-password' });
		await expect(runNode({ parameters: getEvent(eventA.eventId), credential })).rejects.toThrow(
			new RegExp(`Event scope \\(event ID ${eventA.eventId}\\).*Event-scope password, the event ID`),
		);
		expect(actions()).toEqual(['person.signIn']);
	});

	it('says where it tried when InEvent cannot be reached', async () => {
		const credential = storedCredential({
			region: 'custom',
			baseUrl: 'http://127.0.0.1:9/',
			username: 'a',
			password: 'b',
		});
		await expect(runNode({ parameters: getEvent('1'), credential })).rejects.toThrow(
			/Could not reach InEvent at http:\/\/127\.0\.0\.1:9\//,
		);
	});

	it('treats a 200 without a tokenID as a failed sign-in', async () => {
		const server = await startTinyServer((_action, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ count: 1, data: [{ personID: '1' }] }));
		});
		try {
			const credential = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			await expect(runNode({ parameters: getEvent('1'), credential })).rejects.toThrow(/returned no tokenID/);
			expect(server.hits.map((hit) => hit.action)).toEqual(['person.signIn']);
		} finally {
			await server.close();
		}
	});

	it('event-scope credentials reach their own event and are refused elsewhere with a clear error', async () => {
		const credential = eventCredential();
		const own = await runNode({ parameters: getEvent(eventA.eventId), credential });
		expect(own[0].json.eventID).toBe(eventA.eventId);
		await expect(runNode({ parameters: getEvent(eventB.eventId), credential })).rejects.toThrow(
			/\[item 0\] InEvent refused event\.get \(HTTP 401/,
		);
		expect(companyId).toBeTruthy();
	});
});
