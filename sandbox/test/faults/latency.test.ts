import { startSandbox, type LatencySetting, type NetworkClock, type Sandbox } from '../../index';
import { drawLatency, parseLatency } from '../../faults/latency';
import { mulberry32 } from '../../faults/random';
import { call } from '../testClient';

const draws = (setting: LatencySetting, seed: number, count: number): number[] => {
	const random = mulberry32(seed);
	return Array.from({ length: count }, () => drawLatency(setting, random));
};

async function timedCall(sandbox: Sandbox, token?: string): Promise<number> {
	const started = Date.now();
	await call(sandbox, 'api.describe', { token });
	return Date.now() - started;
}

async function delaysOf(sandbox: Sandbox, count: number): Promise<number[]> {
	for (let i = 0; i < count; i++) await call(sandbox, 'api.describe');
	return sandbox.requests.map((entry) => entry.delayMs);
}

describe('latency draws', () => {
	it('stay within the range, both ends included', () => {
		const values = draws({ min: 200, max: 210 }, 7, 2000);
		expect(Math.min(...values)).toBe(200);
		expect(Math.max(...values)).toBe(210);
		expect(values.every(Number.isInteger)).toBe(true);
	});

	it('repeat for the same seed and differ for another', () => {
		expect(draws({ min: 0, max: 1000 }, 42, 20)).toEqual(draws({ min: 0, max: 1000 }, 42, 20));
		expect(draws({ min: 0, max: 1000 }, 42, 20)).not.toEqual(draws({ min: 0, max: 1000 }, 43, 20));
	});

	it('parses the CLI forms and refuses bad ones', () => {
		expect(parseLatency('300')).toBe(300);
		expect(parseLatency('200-400')).toEqual({ min: 200, max: 400 });
		for (const bad of ['', '-5', '400-200', 'fast', '1-2-3']) expect(() => parseLatency(bad)).toThrow(RangeError);
	});
});

describe('latency over HTTP', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, latencyMs: { min: 30, max: 60 }, seed: 5 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('a fixed latency delays each answer by at least that much', async () => {
		sandbox.setLatency(120);
		expect(await timedCall(sandbox)).toBeGreaterThanOrEqual(115);
		expect(sandbox.requests[0].delayMs).toBe(120);
	});

	it('a range delays each answer by a drawn value within bounds', async () => {
		for (let i = 0; i < 5; i++) {
			const elapsed = await timedCall(sandbox);
			const { delayMs } = sandbox.requests[i];
			expect(delayMs).toBeGreaterThanOrEqual(30);
			expect(delayMs).toBeLessThanOrEqual(60);
			expect(elapsed).toBeGreaterThanOrEqual(delayMs - 5);
		}
	});

	it('the same seed gives the same sequence (another sandbox, and after reset)', async () => {
		const first = await delaysOf(sandbox, 6);
		expect(first).toEqual(draws({ min: 30, max: 60 }, 5, 6));
		sandbox.reset();
		expect(await delaysOf(sandbox, 6)).toEqual(first);
		const twin = await startSandbox({ port: 0, latencyMs: { min: 30, max: 60 }, seed: 5 });
		try {
			expect(await delaysOf(twin, 6)).toEqual(first);
		} finally {
			await twin.close();
		}
	});

	it('POST /__sandbox/config accepts a number or {min, max}, and refuses a reversed range', async () => {
		const post = (latencyMs: unknown): Promise<Response> =>
			fetch(`${sandbox.url}__sandbox/config`, { method: 'POST', body: JSON.stringify({ latencyMs }) });
		expect(await (await post(0)).json()).toMatchObject({ latencyMs: 0 });
		expect(await (await post({ min: 1, max: 3 })).json()).toMatchObject({ latencyMs: { min: 1, max: 3 } });
		expect((await post({ min: 3, max: 1 })).status).toBe(400);
		expect(sandbox.config.latencyMs).toEqual({ min: 1, max: 3 });
	});

	it('rate limits count arrival time, not answer time', async () => {
		// Over HTTP, on a network clock that moves only by the latency slept and when the test says, so the
		// second call arrives at exactly 1050 however long the machine took to get it there.
		let time = 1_000_000;
		const networkClock: NetworkClock = {
			now: () => time,
			sleep: async (ms) => {
				time += ms;
			},
		};
		const stepped = await startSandbox({ port: 0, networkClock, latencyMs: 600 });
		try {
			stepped.setRateLimits(true, { perTokenPerSecond: 1 });
			const started = time;
			expect((await call(stepped, 'api.describe', { token: 't' })).status).toBe(401);
			expect(time - started).toBe(600);
			// The first call arrived at 0 and was answered at 600: at 1050 only the arrival has left the window.
			time = started + 1050;
			expect((await call(stepped, 'api.describe', { token: 't' })).status).toBe(401);
		} finally {
			await stepped.close();
		}
	});
});
