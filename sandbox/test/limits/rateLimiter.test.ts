import { RateLimiter, type RateLimits } from '../../limits/rateLimit';

/** The sliding-window rule on explicit arrival times (deterministic; the HTTP tests use the clock). */

const limits: RateLimits = { perTokenPerSecond: 2, perClientPerSecond: 100 };
const client = '127.0.0.1';

function retryAfter(
	limiter: RateLimiter,
	rules: RateLimits,
	token: string | undefined,
	now: number,
): string | undefined {
	return limiter.admit(rules, client, token, now)?.headers['Retry-After'];
}

/** Two calls at 0 and 500 pass; a third at 999 is refused (the window holds 0, 500, 999). */
function limiterAfterRefusal(): RateLimiter {
	const limiter = new RateLimiter();
	expect(limiter.admit(limits, client, 't', 0)).toBeUndefined();
	expect(limiter.admit(limits, client, 't', 500)).toBeUndefined();
	const refusal = limiter.admit(limits, client, 't', 999);
	expect(refusal?.status).toBe(429);
	expect(refusal?.headers['Retry-After']).toBe('1');
	return limiter;
}

describe('RateLimiter', () => {
	it('slides: a call leaves the window exactly 1000 ms after it arrived', () => {
		const limiter = new RateLimiter();
		expect(limiter.admit(limits, client, 't', 0)).toBeUndefined();
		expect(limiter.admit(limits, client, 't', 999)).toBeUndefined();
		expect(limiter.admit(limits, client, 't', 1000)).toBeUndefined();
		expect(limiter.admit(limits, client, 't', 1998)?.status).toBe(429);
	});

	it('counts refused calls: a call 1 ms before the refused call’s predecessor leaves is refused', () => {
		expect(limiterAfterRefusal().admit(limits, client, 't', 1499)?.status).toBe(429);
	});

	it('adds no penalty beyond that: waiting until the window has room is enough', () => {
		expect(limiterAfterRefusal().admit(limits, client, 't', 1500)).toBeUndefined();
	});

	it('a call refused for its token still counts in the client window', () => {
		const limiter = new RateLimiter();
		const rules: RateLimits = { perTokenPerSecond: 1, perClientPerSecond: 2 };
		expect(limiter.admit(rules, client, 'a', 0)).toBeUndefined();
		expect(limiter.admit(rules, client, 'a', 1)?.message).toMatch(/for this tokenID/);
		expect(limiter.admit(rules, client, undefined, 2)?.message).toMatch(/from this machine: at most 2/);
		expect(limiter.admit(rules, 'another-client', undefined, 3)).toBeUndefined();
	});

	it('rounds Retry-After up to whole seconds, at least 1', () => {
		const limiter = new RateLimiter();
		const rules: RateLimits = { perTokenPerSecond: 1, perClientPerSecond: 100 };
		expect(limiter.admit(rules, client, 't', 0)).toBeUndefined();
		expect(retryAfter(limiter, rules, 't', 999)).toBe('1');
		expect(retryAfter(limiter, rules, 't', 1000)).toBe('1');
	});

	it('forgets everything on clear()', () => {
		const limiter = limiterAfterRefusal();
		limiter.clear();
		expect(limiter.admit(limits, client, 't', 1000)).toBeUndefined();
	});
});
