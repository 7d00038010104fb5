import type { RequestLogEntry } from '../../../sandbox';
import { wireStats } from '../webhookBurst';

const entry = (time: number, action = 'event.person.bind', status = 200): RequestLogEntry => ({
	method: 'POST',
	action,
	query: {},
	headers: { authorization: 'Bearer t1' },
	body: {},
	rawBody: '',
	status,
	time,
	delayMs: 0,
});

describe('wireStats', () => {
	it('the sustained rate leaves out the slow start and the stragglers that the whole span counts', () => {
		// n8n starts the burst's executions slowly (10 calls over 10 s), then the pace keeps 10 per second
		// for 8 s (80 calls), then 10 stragglers over 10 s; a sign-in and a 429 are not accepted calls.
		const times = [
			...Array.from({ length: 10 }, (_, i) => i * 1000),
			...Array.from({ length: 80 }, (_, i) => 10_000 + i * 100),
			...Array.from({ length: 10 }, (_, i) => 18_000 + i * 1000),
		];
		const stats = wireStats([
			entry(0, 'person.signIn'),
			...times.map((time) => entry(time)),
			entry(12_345, 'event.person.bind', 429),
		]);
		expect(stats.signIns).toBe(1);
		expect(stats.rateLimited).toBe(1);
		expect(stats.acceptedPerSecond).toBeCloseTo(100 / 27, 2);
		// The busiest 10 s: the 80 calls at 10 per second and two of the slow ones around them.
		expect(stats.sustainedPerSecond).toBeCloseTo(8.2, 2);
	});
});
