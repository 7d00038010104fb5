import { SANDBOX_FIXTURES, startSandbox, type FaultRule, type FaultSettings, type Sandbox } from '../../index';
import { call, signIn, tokenFor } from '../testClient';

const { admin, eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	token = await tokenFor(sandbox, admin.username, admin.password);
	sandbox.clearLog();
});

const describeApi = async (): Promise<number> => (await call(sandbox, 'api.describe', { token })).status;
const getEvent = async (): Promise<number> =>
	(await call(sandbox, 'event.get', { token, query: { eventID: eventA.eventId } })).status;

async function statuses(count: number, send: () => Promise<number> = describeApi): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < count; i++) out.push(await send());
	return out;
}

/** The fault (or '-') of each request, alternating two actions so the filter matters too. */
async function faultPattern(target: Sandbox, count: number): Promise<string> {
	const own = await tokenFor(target, admin.username, admin.password);
	target.clearLog();
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) await call(target, 'api.describe', { token: own });
		else await call(target, 'event.get', { token: own, query: { eventID: eventA.eventId } });
	}
	return target.requests.map((entry) => (entry.fault === undefined ? '-' : entry.fault.slice(0, 4))).join('');
}

const RATED: FaultRule[] = [
	{ kind: 'http503', actions: ['event.get'], rate: 0.4 },
	{ kind: 'http500', rate: 0.2 },
];

describe('which requests a rule hits', () => {
	it('by default every action but person.signIn', async () => {
		sandbox.setFaults([{ kind: 'http500' }]);
		expect((await signIn(sandbox, admin.username, admin.password)).status).toBe(200);
		expect(await describeApi()).toBe(500);
		expect(await getEvent()).toBe(500);
	});

	it('only the listed actions (person.signIn included when listed)', async () => {
		sandbox.setFaults([{ kind: 'http502', actions: ['event.get', 'person.signIn'] }]);
		expect(await describeApi()).toBe(200);
		expect(await getEvent()).toBe(502);
		expect((await signIn(sandbox, admin.username, admin.password)).status).toBe(502);
	});

	it('skip lets the first N matching requests through; times caps the injections', async () => {
		sandbox.setFaults([{ kind: 'http503', actions: ['api.describe'], skip: 2, times: 3 }]);
		await getEvent(); // not matching: does not use up the skip
		expect(await statuses(8)).toEqual([200, 200, 503, 503, 503, 200, 200, 200]);
		expect(sandbox.stats().faults).toBe(3);
	});

	it('the first rule that fires wins; later rules do not see that request', async () => {
		sandbox.setFaults([
			{ kind: 'http500', times: 2 },
			{ kind: 'http502', skip: 1 },
		]);
		expect(await statuses(5)).toEqual([500, 500, 200, 502, 502]);
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual([
			'http500',
			'http500',
			undefined,
			'http502',
			'http502',
		]);
	});

	it('rate 0.1 over 500 calls injects between 25 and 80 faults', async () => {
		sandbox.setFaults([{ kind: 'http500', rate: 0.1 }]);
		const faults = (await statuses(500)).filter((status) => status === 500).length;
		expect(faults).toBeGreaterThanOrEqual(25);
		expect(faults).toBeLessThanOrEqual(80);
		expect(sandbox.stats().faults).toBe(faults);
	});

	it('rate limits come first: a 429 from the limiter draws no fault and is not counted as one', async () => {
		sandbox.setRateLimits(true, { perTokenPerSecond: 2 });
		sandbox.setFaults([{ kind: 'http500', times: 3 }]);
		expect(await statuses(4)).toEqual([500, 500, 429, 429]);
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual(['http500', 'http500', undefined, undefined]);
		expect(sandbox.stats()).toMatchObject({ requests: 4, faults: 2, rateLimited: 2 });
	});
});

describe('determinism', () => {
	it('the same seed and requests give the same faults; another seed other faults', async () => {
		sandbox.setFaults(RATED, 7);
		const first = await faultPattern(sandbox, 60);
		expect(first).toMatch(/http/);
		expect(first).toMatch(/-/);
		sandbox.setFaults(RATED, 7);
		expect(await faultPattern(sandbox, 60)).toBe(first);
		sandbox.setFaults(RATED); // keeps seed 7, restarts the PRNG
		expect(await faultPattern(sandbox, 60)).toBe(first);
		sandbox.setFaults(RATED, 8);
		expect(await faultPattern(sandbox, 60)).not.toBe(first);
	});

	it('start options give the same faults in another sandbox and after reset(); clearFaults stops them', async () => {
		sandbox.setFaults(RATED, 7);
		const expected = await faultPattern(sandbox, 40);
		const twin = await startSandbox({ port: 0, faults: RATED, faultSeed: 7 });
		try {
			expect(await faultPattern(twin, 40)).toBe(expected);
			twin.reset();
			expect(await faultPattern(twin, 40)).toBe(expected);
			twin.clearFaults();
			expect(await faultPattern(twin, 40)).toBe('-'.repeat(40));
			expect(twin.faults()).toEqual({ rules: [], seed: 7 });
			twin.reset();
			expect(twin.faults()).toEqual({ rules: RATED, seed: 7 });
		} finally {
			await twin.close();
		}
	});

	it('reset() goes back to the start options (here: no faults, seed 1)', async () => {
		sandbox.setFaults([{ kind: 'http500' }], 9);
		sandbox.reset();
		expect(sandbox.faults()).toEqual({ rules: [], seed: 1 });
		expect(await describeApi()).toBe(401); // the token minted before reset is gone, not a fault
		expect(sandbox.requests[0].fault).toBeUndefined();
	});
});

describe('validation and the admin endpoint', () => {
	const bad: unknown[] = [
		[{ kind: 'http418' }],
		[{ kind: 'http500', rate: 1.5 }],
		[{ kind: 'http500', times: -1 }],
		[{ kind: 'http500', skip: 0.5 }],
		[{ kind: 'hang', hangMs: 'long' }],
		[{ kind: 'http500', action: ['api.describe'] }],
		[{ kind: 'http500', actions: ['event.person.bnid'] }],
		[{ kind: 'http500', actions: [] }],
		{ kind: 'http500' },
	];

	it('setFaults refuses bad rules and bad seeds with a RangeError', () => {
		for (const rules of bad) expect(() => sandbox.setFaults(rules as FaultRule[])).toThrow(RangeError);
		expect(() => sandbox.setFaults([], 1.5)).toThrow(RangeError);
	});

	it('startSandbox refuses bad rules', async () => {
		await expect(startSandbox({ port: 0, faults: [{ kind: 'nope' } as unknown as FaultRule] })).rejects.toThrow(
			RangeError,
		);
	});

	it('POST /__sandbox/faults sets {rules, seed}, GET shows them; a bad rule is a 400 that changes nothing', async () => {
		const post = (payload: unknown) =>
			fetch(`${sandbox.url}__sandbox/faults`, { method: 'POST', body: JSON.stringify(payload) });
		const settings: FaultSettings = { rules: [{ kind: 'http503', actions: ['api.describe'], times: 1 }], seed: 3 };
		const set = await post(settings);
		expect(set.status).toBe(200);
		expect(await set.json()).toEqual(settings);
		for (const rules of bad) expect((await post({ rules })).status).toBe(400);
		expect((await post({ rules: [], seed: 'x' })).status).toBe(400);
		expect((await post({ seed: 2 })).status).toBe(400);
		expect(await (await fetch(`${sandbox.url}__sandbox/faults`)).json()).toEqual(settings);
		expect(await statuses(2)).toEqual([503, 200]);
		expect(sandbox.requests).toHaveLength(2);
	});
});
