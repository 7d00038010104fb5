import { SANDBOX_FIXTURES } from '../../../sandbox';
import { runNode } from '../../../harness/runNode';
import { useSandbox } from '../../../harness/useSandbox';
import { retryDelayMs } from '../../../../nodes/InEvent/transport/request';

const { eventB } = SANDBOX_FIXTURES;

const env = useSandbox({ rateLimits: true });

// These tests hold wall-clock bounds (pace, overlap, no 429 at the default pace). On this shared VM a
// stall of the whole machine bunches requests and breaks them now and then (seen once in a full CI run):
// a test is tried up to three times, each failure is logged, and a real regression still fails all three.
jest.retryTimes(2, { logErrorsBeforeRetry: true });

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
		const started = Date.now();
		const output = await runNode({
			parameters: create(),
			credential: env.credential(),
			items: people(300, 'pace'),
			continueOnFail: true,
		});
		const seconds = (Date.now() - started) / 1000;
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output).toHaveLength(300);
		expect(env.sandbox().stats().rateLimited).toBe(0);
		expect(env.sandbox().store.countAttendees(eventB.eventId)).toBeGreaterThanOrEqual(300);
		expect(300 / seconds).toBeGreaterThan(8.5);
	}, 90_000);

	it('waits out 429s when told to go faster than InEvent allows, and loses no item', async () => {
		const output = await runNode({
			parameters: create({ maxRequestsPerSecond: 40, maxConcurrentRequests: 10 }),
			credential: env.credential(),
			items: people(40, 'fast'),
			continueOnFail: true,
		});
		expect(env.sandbox().stats().rateLimited).toBeGreaterThan(0);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(output.map((item) => item.json.email)).toEqual(people(40, 'fast').map((person) => person.email));
	}, 60_000);
});

describe('retryDelayMs', () => {
	const answer = (retryAfter?: string) => ({
		statusCode: 429,
		body: undefined,
		headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
	});

	it('follows Retry-After in seconds or as a date', () => {
		expect(retryDelayMs(answer('2'), 1)).toBe(2000);
		const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
		expect(retryDelayMs(answer(inThreeSeconds), 1)).toBeGreaterThan(1000);
	});

	it('backs off exponentially with jitter without Retry-After', () => {
		expect(retryDelayMs(answer(), 1, () => 0)).toBe(500);
		expect(retryDelayMs(answer(), 3, () => 0)).toBe(2000);
		expect(retryDelayMs(answer(), 3, () => 1)).toBe(3000);
		expect(retryDelayMs(answer(), 20, () => 0)).toBe(30000);
	});
});
