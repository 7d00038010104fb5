import { SANDBOX_FIXTURES } from '../../../../sandbox';
import { runNode } from '../../../harness/runNode';
import { useVirtualSandbox } from '../../../harness/virtualWire';
import { retryDelayMs } from '../../../../nodes/InEvent/transport/pace';
import { retryAfterMsOf } from '../../../../nodes/InEvent/transport/token';

const { eventB } = SANDBOX_FIXTURES;

// On virtual time (test/harness/virtualWire.ts): n8n-core's real request path, the sandbox in process,
// its rate limiter, latency and log times on the same clock as the node's pace. Every bound below is on
// that clock, so it holds the same on every run however busy the machine is.
const env = useVirtualSandbox({ rateLimits: true });

const create = (options: Record<string, number> = {}) => ({
	resource: 'attendee',
	operation: 'create',
	eventId: { __rl: true, mode: 'id', value: eventB.eventId },
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
	options,
});
const people = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, index) => ({
		name: `${prefix} ${index}`,
		email: `${prefix}.${index}@limits.test`,
	}));

describe('against InEvent limits (10 calls per second per token)', () => {
	it('300 creates at the default pace: zero failed items, zero blocked calls, about 9 calls per second', async () => {
		const started = env.clock().now();
		const output = await env.run(
			runNode({
				parameters: create(),
				credential: env.credential(),
				items: people(300, 'pace'),
				continueOnFail: true,
			}),
		);
		const seconds = (env.clock().now() - started) / 1000;
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output).toHaveLength(300);
		expect(env.sandbox().stats().rateLimited).toBe(0);
		expect(env.sandbox().store.countAttendees(eventB.eventId)).toBeGreaterThanOrEqual(300);
		expect(300 / seconds).toBeGreaterThan(8.5);
	}, 90_000);

	it("Max Requests Per Second above InEvent's limit does not raise the pace: zero blocked calls", async () => {
		const output = await env.run(
			runNode({
				parameters: create({ maxRequestsPerSecond: 40, maxConcurrentRequests: 10 }),
				credential: env.credential(),
				items: people(40, 'eager'),
				continueOnFail: true,
			}),
		);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(env.sandbox().stats().rateLimited).toBe(0);
	}, 60_000);

	it('slows itself down when InEvent refuses calls anyway (another process on the token), and loses no item', async () => {
		// The credential says one process, but InEvent lets this one only 5 calls per second through.
		env.sandbox().setRateLimits(true, { perTokenPerSecond: 5 });
		const started = env.clock().now();
		const output = await env.run(
			runNode({
				parameters: create(),
				credential: env.credential(),
				items: people(60, 'crowded'),
				continueOnFail: true,
			}),
		);
		const seconds = (env.clock().now() - started) / 1000;
		const { rateLimited } = env.sandbox().stats();
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output.map((item) => item.json.email)).toEqual(people(60, 'crowded').map((person) => person.email));
		expect(rateLimited).toBeGreaterThan(0);
		// Multiplicative decrease: the 429s stop soon instead of going on for the whole run.
		expect(rateLimited).toBeLessThan(20);
		expect(60 / seconds).toBeGreaterThan(2.5);
	}, 90_000);
});

describe('retryDelayMs', () => {
	/** The wait a 429 answer asks for, as the exchange reads it from the answer's headers. */
	const answer = (retryAfter?: string) => retryAfterMsOf(retryAfter === undefined ? {} : { 'retry-after': retryAfter });

	it('follows Retry-After in seconds or as a date', () => {
		expect(retryDelayMs(answer('2'), 1, () => 0)).toBe(2000);
		const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
		expect(retryDelayMs(answer(inThreeSeconds), 1, () => 0)).toBeGreaterThan(1000);
	});

	it('backs off exponentially without Retry-After', () => {
		expect(retryDelayMs(answer(), 1, () => 0)).toBe(500);
		expect(retryDelayMs(answer(), 3, () => 0)).toBe(2000);
		expect(retryDelayMs(answer(), 20, () => 0)).toBe(30000);
	});

	it('adds up to 25% jitter, so calls told to wait do not come back in lockstep', () => {
		expect(retryDelayMs(answer('2'), 1, () => 1)).toBe(2500);
		expect(retryDelayMs(answer(), 3, () => 1)).toBe(2500);
		const draws = new Set(Array.from({ length: 20 }, () => retryDelayMs(answer('1'), 1)));
		expect(draws.size).toBeGreaterThan(1);
	});
});
