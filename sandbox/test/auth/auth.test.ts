import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, signIn, str, tokenFor } from '../testClient';

const { admin, attendee, eventA, eventB } = SANDBOX_FIXTURES;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('person.signIn', () => {
	it('returns a System token for the System password, in the documented shape', async () => {
		const result = await signIn(sandbox, admin.username, admin.password);
		const [row] = rowsOf(result);
		expect(Object.keys(row)).toEqual([
			'personID',
			'firstName',
			'lastName',
			'name',
			'username',
			'email',
			'image',
			'timezone',
			'telephone',
			'facebookID',
			'linkedInID',
			'twitterID',
			'date',
			'tokenID',
			'scope',
			'targetID',
		]);
		expect(row).toMatchObject({ personID: admin.personId, username: admin.username, scope: 'system', targetID: '0' });
		expect(str(row, 'date')).toMatch(/^\d{10}$/);
	});

	it('returns an Event token for the Event-scope password with eventID', async () => {
		const [row] = rowsOf(await signIn(sandbox, admin.username, eventA.eventPassword, eventA.eventId));
		expect(row).toMatchObject({ scope: 'event', targetID: eventA.eventId });
	});

	it('returns a System token for the System password even with eventID', async () => {
		const [row] = rowsOf(await signIn(sandbox, admin.username, admin.password, eventA.eventId));
		expect(row).toMatchObject({ scope: 'system', targetID: '0' });
	});

	it('does not accept an Event-scope password without its eventID', async () => {
		expect((await signIn(sandbox, admin.username, eventA.eventPassword)).status).toBe(401);
		expect((await signIn(sandbox, admin.username, eventA.eventPassword, eventB.eventId)).status).toBe(401);
	});

	it('refuses a password in the query string with 400', async () => {
		const result = await call(sandbox, 'person.signIn', {
			query: { username: admin.username, password: admin.password },
		});
		expect(result.status).toBe(400);
		expect(errorMessage(result)).toMatch(/password/);
		const both = await call(sandbox, 'person.signIn', {
			query: { username: admin.username, password: admin.password },
			body: { password: admin.password },
		});
		expect(both.status).toBe(400);
	});

	it('refuses a missing username or password with 400', async () => {
		expect((await call(sandbox, 'person.signIn', { body: { password: admin.password } })).status).toBe(400);
		expect((await call(sandbox, 'person.signIn', { query: { username: admin.username }, body: {} })).status).toBe(400);
	});

	it('answers a wrong password with 401', async () => {
		const result = await signIn(sandbox, admin.username, 'not-the-password');
		expect(result.status).toBe(401);
		expect((await signIn(sandbox, 'nobody@sandbox.test', 'whatever')).status).toBe(401);
	});

	it('locks the account after 5 wrong passwords, even for the right one', async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			expect((await signIn(sandbox, attendee.username, 'wrong')).status).toBe(401);
		}
		const locked = await signIn(sandbox, attendee.username, attendee.password);
		expect(locked.status).toBe(401);
		expect(errorMessage(locked)).toMatch(/locked/);
		// Other accounts are not affected.
		expect((await signIn(sandbox, admin.username, admin.password)).status).toBe(200);
		// reset() clears lockouts.
		sandbox.reset();
		expect((await signIn(sandbox, attendee.username, attendee.password)).status).toBe(200);
	});

	it('counts only consecutive failures', async () => {
		for (let attempt = 0; attempt < 4; attempt++) await signIn(sandbox, attendee.username, 'wrong');
		expect((await signIn(sandbox, attendee.username, attendee.password)).status).toBe(200);
		for (let attempt = 0; attempt < 4; attempt++) await signIn(sandbox, attendee.username, 'wrong');
		expect((await signIn(sandbox, attendee.username, attendee.password)).status).toBe(200);
	});
});

describe('tokens', () => {
	it('look like the real ones: $2a$08$ + 53 chars of ./A-Za-z0-9, containing $ / and .', async () => {
		for (let i = 0; i < 5; i++) {
			const token = await tokenFor(sandbox, admin.username, admin.password);
			expect(token).toMatch(/^\$2a\$08\$[./A-Za-z0-9]{53}$/);
			expect(token).toContain('/');
			expect(token).toContain('.');
		}
	});

	it('work URL-encoded in the tokenID query attribute and as a Bearer header', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		const viaQuery = await call(sandbox, 'api.describe', { token });
		const viaHeader = await call(sandbox, 'api.describe', { bearer: token });
		expect(rowsOf(viaQuery)[0]).toMatchObject({ personID: admin.personId, scope: 'system' });
		expect(rowsOf(viaHeader)[0]).toMatchObject({ personID: admin.personId, scope: 'system' });
		const logged = sandbox.requests.filter((entry) => entry.action === 'api.describe');
		expect(logged[0].query.tokenID).toBe(token);
		expect(logged[1].headers.authorization).toBe(`Bearer ${token}`);
	});

	it('are refused when missing, unknown or mangled (401)', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect((await call(sandbox, 'api.describe')).status).toBe(401);
		expect(
			(await call(sandbox, 'api.describe', { token: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` }))
				.status,
		).toBe(401);
		// A double-encoded token (%24 instead of $) is unknown too.
		expect((await call(sandbox, 'api.describe', { token: encodeURIComponent(token) })).status).toBe(401);
	});

	it('expire after the TTL set with setTokenTtl', async () => {
		sandbox.setTokenTtl(0.3);
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect((await call(sandbox, 'api.describe', { token })).status).toBe(200);
		await sleep(400);
		const expired = await call(sandbox, 'api.describe', { token });
		expect(expired.status).toBe(401);
		expect(errorMessage(expired)).toMatch(/expired/);
	});

	it('are all refused after expireAllTokens, and a fresh sign-in works again', async () => {
		const system = await tokenFor(sandbox, admin.username, admin.password);
		const event = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		sandbox.expireAllTokens();
		expect((await call(sandbox, 'api.describe', { token: system })).status).toBe(401);
		expect((await call(sandbox, 'api.describe', { bearer: event })).status).toBe(401);
		const fresh = await tokenFor(sandbox, admin.username, admin.password);
		expect((await call(sandbox, 'api.describe', { token: fresh })).status).toBe(200);
	});

	it('are refused once revoked', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect(sandbox.revokeToken(token)).toBe(true);
		expect((await call(sandbox, 'api.describe', { token })).status).toBe(401);
		expect(sandbox.revokeToken('unknown')).toBe(false);
	});

	it('use the header when both header and query carry a token', async () => {
		const good = await tokenFor(sandbox, admin.username, admin.password);
		const revoked = await tokenFor(sandbox, admin.username, admin.password);
		sandbox.revokeToken(revoked);
		expect((await call(sandbox, 'api.describe', { bearer: good, token: revoked })).status).toBe(200);
		expect((await call(sandbox, 'api.describe', { bearer: revoked, token: good })).status).toBe(401);
	});
});
