import { ERROR_STYLES } from '../../server/errors';
import { SANDBOX_FIXTURES, startSandbox, type NetworkClock, type Sandbox } from '../../index';
import { call, errorMessage, tokenFor, type CallResult } from '../testClient';

const { admin, attendee } = SANDBOX_FIXTURES;

const TOKEN_MESSAGE = 'too many requests for this tokenID: at most 10 calls per second';
/**
 * The network clock the limits count on, moved only by the test: the calls of a burst arrive in the same
 * millisecond however slow the machine is, and a wait is a step of the clock.
 */
let time = 1_000_000;
const networkClock: NetworkClock = {
	now: () => time,
	sleep: async (ms) => {
		time += ms;
	},
};
const sleep = async (ms: number): Promise<void> => {
	time += ms;
};
const describeCall = (options: { token?: string; bearer?: string } = {}): Promise<CallResult> =>
	call(sandbox, 'api.describe', options);

async function callTimes(count: number, options: { token?: string; bearer?: string } = {}): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < count; i++) statuses.push((await describeCall(options)).status);
	return statuses;
}

function retryAfterOf(result: CallResult): number {
	const header = result.headers.get('retry-after');
	expect(header).toMatch(/^\d+$/);
	return Number(header);
}

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimits: true, networkClock });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

describe('per-tokenID limit (10 calls per sliding second)', () => {
	it('lets 10 calls through and refuses the 11th with 429 and Retry-After >= 1', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect(await callTimes(10, { bearer: token })).toEqual(Array<number>(10).fill(200));
		const refused = await describeCall({ bearer: token });
		expect(refused.status).toBe(429);
		expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
		expect(refused.json).toEqual({ error: { message: TOKEN_MESSAGE } });
		expect(sandbox.requests.at(-1)).toMatchObject({ action: 'api.describe', status: 429 });
	});

	it.each(ERROR_STYLES)('renders the refusal in the %s error style, with Retry-After', async (style) => {
		sandbox.setErrorStyle(style);
		const token = `style-${style}`;
		await callTimes(10, { token });
		const refused = await describeCall({ token });
		expect(refused.status).toBe(429);
		expect(errorMessage(refused)).toBe(TOKEN_MESSAGE);
		expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(1);
	});

	it('lets calls through again once Retry-After has passed', async () => {
		sandbox.setRateLimits(true, { perTokenPerSecond: 3 });
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect(await callTimes(3, { token })).toEqual([200, 200, 200]);
		const refused = await describeCall({ token });
		expect(refused.status).toBe(429);
		expect(errorMessage(refused)).toBe('too many requests for this tokenID: at most 3 calls per second');
		await sleep(retryAfterOf(refused) * 1000);
		expect((await describeCall({ token })).status).toBe(200);
	});

	it('counts the tokenID whether it comes as a Bearer header or a query attribute, valid or not', async () => {
		sandbox.setRateLimits(true, { perTokenPerSecond: 2 });
		expect((await describeCall({ bearer: 'not-a-token' })).status).toBe(401);
		expect((await describeCall({ token: 'not-a-token' })).status).toBe(401);
		expect((await describeCall({ token: 'not-a-token' })).status).toBe(429);
	});

	it('gives two tokens 10 calls each', async () => {
		const first = await tokenFor(sandbox, admin.username, admin.password);
		const second = await tokenFor(sandbox, attendee.username, attendee.password);
		for (let i = 0; i < 10; i++) {
			expect((await describeCall({ token: first })).status).toBe(200);
			expect((await describeCall({ token: second })).status).toBe(200);
		}
		expect((await describeCall({ token: first })).status).toBe(429);
		expect((await describeCall({ token: second })).status).toBe(429);
	});
});

describe('per-client limit', () => {
	it('applies across tokens and to token-less calls', async () => {
		sandbox.setRateLimits(true, { perClientPerSecond: 5 });
		const statuses = [
			(await describeCall({ token: 'token-a' })).status,
			(await describeCall({ token: 'token-b' })).status,
			(await describeCall()).status,
			(await describeCall()).status,
			(await describeCall({ bearer: 'token-c' })).status,
		];
		expect(statuses).not.toContain(429);
		const tokenless = await describeCall();
		expect(tokenless.status).toBe(429);
		expect(errorMessage(tokenless)).toBe('too many requests from this machine: at most 5 calls per second');
		expect(retryAfterOf(tokenless)).toBeGreaterThanOrEqual(1);
		expect((await describeCall({ token: 'fresh-token' })).status).toBe(429);
	});

	it('never limits or logs admin requests', async () => {
		sandbox.setRateLimits(true, { perClientPerSecond: 2 });
		for (let i = 0; i < 5; i++) expect((await fetch(`${sandbox.url}__sandbox/config`)).status).toBe(200);
		expect(sandbox.requests).toHaveLength(0);
		expect(await callTimes(3)).toEqual([401, 401, 429]);
	});
});

describe('switching', () => {
	it('rateLimits false lets 50 quick calls through', async () => {
		sandbox.setRateLimits(false);
		const token = await tokenFor(sandbox, admin.username, admin.password);
		const results = await Promise.all(Array.from({ length: 50 }, () => describeCall({ token })));
		expect(results.map((result) => result.status)).toEqual(Array<number>(50).fill(200));
	});

	it('is off by default in startSandbox()', async () => {
		const unlimited = await startSandbox({ port: 0 });
		try {
			expect(unlimited.config.rateLimits).toBe(false);
			const results = await Promise.all(
				Array.from({ length: 50 }, () => call(unlimited, 'api.describe', { token: 'x' })),
			);
			expect(results.filter((result) => result.status === 429)).toHaveLength(0);
		} finally {
			await unlimited.close();
		}
	});

	it('POST /__sandbox/config sets the switch and limits; reset goes back to the start options', async () => {
		const res = await fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			body: JSON.stringify({ rateLimits: true, perTokenPerSecond: 1 }),
		});
		expect(await res.json()).toMatchObject({ rateLimits: true, perTokenPerSecond: 1, perClientPerSecond: 100 });
		expect(await callTimes(2, { token: 't' })).toEqual([401, 429]);
		const off = await fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			body: JSON.stringify({ rateLimits: false }),
		});
		expect(await off.json()).toMatchObject({ rateLimits: false, perTokenPerSecond: 1 });
		expect(await callTimes(3, { token: 't' })).toEqual([401, 401, 401]);
		sandbox.reset();
		expect(sandbox.config).toMatchObject({ rateLimits: true, perTokenPerSecond: 10, perClientPerSecond: 100 });
	});

	it('refuses bad limit values', async () => {
		expect(() => sandbox.setRateLimits(true, { perTokenPerSecond: 0 })).toThrow(RangeError);
		const res = await fetch(`${sandbox.url}__sandbox/config`, {
			method: 'POST',
			body: JSON.stringify({ rateLimits: 'yes' }),
		});
		expect(res.status).toBe(400);
	});
});
