import { SANDBOX_FIXTURES, startSandbox, type Sandbox, type SandboxStats } from '../../index';
import { call, signIn, tokenFor } from '../testClient';

const { admin } = SANDBOX_FIXTURES;

let sandbox: Sandbox;

beforeAll(async () => {
	// The limits count on a network clock that stands still: the four calls arrive within one second
	// however slow the machine is.
	const time = 1_000_000;
	sandbox = await startSandbox({
		port: 0,
		rateLimits: true,
		perTokenPerSecond: 2,
		networkClock: { now: () => time, sleep: async () => undefined },
	});
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

async function fetchStats(): Promise<SandboxStats> {
	return (await (await fetch(`${sandbox.url}__sandbox/stats`)).json()) as SandboxStats;
}

describe('stats', () => {
	it('count answered requests (429s included), 429s and sign-ins; admin requests never count', async () => {
		const token = await tokenFor(sandbox, admin.username, admin.password);
		expect((await signIn(sandbox, admin.username, 'wrong')).status).toBe(401);
		for (let i = 0; i < 4; i++) await call(sandbox, 'api.describe', { token });
		await fetch(`${sandbox.url}__sandbox/log`);
		const expected: SandboxStats = { requests: 6, rateLimited: 2, signIns: 2, faults: 0 };
		expect(sandbox.stats()).toEqual(expected);
		expect(await fetchStats()).toEqual(expected);
		expect(sandbox.requests.filter((entry) => entry.status === 429)).toHaveLength(2);
	});

	it('are zeroed by clearLog and by reset', async () => {
		await tokenFor(sandbox, admin.username, admin.password);
		sandbox.clearLog();
		expect(sandbox.stats()).toEqual({ requests: 0, rateLimited: 0, signIns: 0, faults: 0 });
		await call(sandbox, 'api.describe');
		await fetch(`${sandbox.url}__sandbox/clear-log`, { method: 'POST' });
		expect(await fetchStats()).toEqual({ requests: 0, rateLimited: 0, signIns: 0, faults: 0 });
		await call(sandbox, 'api.describe');
		sandbox.reset();
		expect(sandbox.stats()).toEqual({ requests: 0, rateLimited: 0, signIns: 0, faults: 0 });
	});

	it('are a copy', () => {
		const stats = sandbox.stats();
		stats.requests = 99;
		expect(sandbox.stats().requests).toBe(0);
	});
});
