/**
 * 300 webhook calls at once into one running n8n (regular mode), each creating one attendee with
 * our node, against the sandbox with 300 ms latency and InEvent's limits on: every execution of the
 * process shares one pace and one sign-in per token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';
import { serveWebhooks } from '../../tools/n8n/serveWebhooks';
import type { ServedN8n } from '../../tools/n8n/serveWebhooks';
import { attendeesByEmail } from './harness/sandboxAttendees';
import { measuringRates } from './harness/rateSection';
import { CREDENTIAL_IDS, useRealN8n } from './harness/suite';
import { burstPeople, burstWorkflow, postBurst, tokenOf, wireStats } from '../../tools/n8n/webhookBurst';
import type { BurstResult } from '../../tools/n8n/webhookBurst';

const SIZE = 300;
/**
 * How long a call may wait for its answer: 300 calls at 10 a second take 30 s at least; n8n 2.41.1 answered the last
 * in 36-44 s idle, 67 s on a loaded machine. A limit, not a measure: far above what a loaded machine reaches.
 */
const CALL_LIMIT_MS = 300_000;
const WORKFLOW = { id: 'e2eBurst00000001', path: 'e2e-burst' };
const env = useRealN8n();
let eventId = '';
let url = '';
let served: ServedN8n | undefined;

beforeAll(async () => {
	const sandbox = env.sandbox();
	sandbox.setLatency(300);
	sandbox.setRateLimits(true);
	[eventId] = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, 1);
	const n8n = env.n8n();
	await n8n.importWorkflows([
		burstWorkflow({ ...WORKFLOW, name: 'E2E: webhook burst', credentialId: CREDENTIAL_IDS.system, eventId }),
	]);
	served = await serveWebhooks(n8n, [WORKFLOW], join(n8n.folder, 'n8n-server.log'));
	url = served.webhookUrl(WORKFLOW.path);
}, 300_000);

/** Logs one line of figures; with BURST_LOG_DIR set, also keeps the sandbox log and the replies there. */
function report(label: string, burst: BurstResult, log: RequestLogEntry[]): ReturnType<typeof wireStats> {
	const stats = wireStats(log);
	const keepIn = process.env.BURST_LOG_DIR;
	if (keepIn) writeFileSync(join(keepIn, `${label.split(/\W/)[0]}-${Date.now()}.json`), JSON.stringify({ log, burst }));
	const ok = burst.replies.filter((reply) => reply.status === 200).length;
	const slowest = Math.max(...burst.replies.map((reply) => reply.ms));
	const statuses = [...new Set(burst.replies.map((reply) => reply.status))].join('/');
	console.log(
		`[burst] ${label}: ${ok}/${burst.replies.length} answered 200 (statuses ${statuses}) in ${(burst.wallMs / 1000).toFixed(1)} s, slowest ${(slowest / 1000).toFixed(1)} s; wire: ${stats.calls} calls, ${stats.signIns} sign-ins, ${stats.rateLimited} 429s, max ${stats.maxStartsInAnySecondPerToken} starts/s per token, ${stats.acceptedPerSecond.toFixed(2)} accepted calls/s (${stats.sustainedPerSecond.toFixed(2)} in the busiest 10 s)`,
	);
	const failed = burst.replies.find((reply) => reply.status !== 200);
	if (failed)
		console.log(
			`[burst] ${label}: first failed reply: ${failed.status} ${failed.error ?? failed.body.slice(0, 300)}\nn8n's last log lines:\n${served?.logTail(10) ?? ''}`,
		);
	return stats;
}

describe('a webhook burst into one n8n process', () => {
	it(`${SIZE} calls at once: all created once, one sign-in, no 429, never more than 10 calls in a second`, async () => {
		const sandbox = env.sandbox();
		sandbox.clearLog();
		const people = burstPeople('First', SIZE);
		const burst = await measuringRates('burst.e2e: 300 calls, cold token', () =>
			postBurst(url, people, { timeoutMs: CALL_LIMIT_MS }),
		);
		const stats = report('cold token', burst, sandbox.requests);
		const byEmail = attendeesByEmail(
			sandbox,
			eventId,
			people.map((person) => person.email),
		);

		expect(burst.replies.filter((reply) => reply.status === 200)).toHaveLength(SIZE);
		expect(byEmail.size).toBe(SIZE);
		expect([...byEmail.values()].every((count) => count === 1)).toBe(true);
		expect(sandbox.store.memberships.get(eventId)?.size).toBe(SIZE);
		expect(stats.signIns).toBe(1);
		expect(stats.rateLimited).toBe(0);
		// What the pace guarantees is an upper bound: never more than InEvent's 10 in any second. How close to 10 it
		// gets is the machine's doing (9.6-10 in the busiest 10 s on an idle 2-core machine, 5.4 in callAction.e2e's
		// burst beside other work): printed above, not bounded.
		expect(stats.maxStartsInAnySecondPerToken).toBeLessThanOrEqual(10);
	}, 470_000); // the calls' 300 s, 50 s more, and RATE_WAIT_ALLOWANCE_MS: another job's rate section may end first (harness/rateSection.ts)

	it(`${SIZE} more with a warm token revoked mid-burst: none lost or doubled, one more sign-in`, async () => {
		const sandbox = env.sandbox();
		sandbox.clearLog();
		const people = burstPeople('Second', SIZE);
		let revoked: string | undefined;
		const watcher = setInterval(() => {
			const accepted = sandbox.requests.filter((entry) => entry.status === 200 && entry.action !== 'person.signIn');
			if (revoked !== undefined || accepted.length < 100) return;
			revoked = tokenOf(accepted[accepted.length - 1]);
			if (revoked !== undefined) sandbox.revokeToken(revoked);
		}, 10);
		const burst = await measuringRates('burst.e2e: 300 calls, warm token revoked', () =>
			postBurst(url, people, { timeoutMs: CALL_LIMIT_MS }),
		).finally(() => clearInterval(watcher));
		const stats = report('warm token, revoked after 100 accepted calls', burst, sandbox.requests);
		const refused = sandbox.requests.filter((entry) => entry.status === 401).length;
		console.log(`[burst] the revoked token: ${refused} calls answered 401`);
		const byEmail = attendeesByEmail(
			sandbox,
			eventId,
			people.map((person) => person.email),
		);

		expect(revoked).toBeDefined();
		expect(burst.replies.filter((reply) => reply.status === 200)).toHaveLength(SIZE);
		expect(byEmail.size).toBe(SIZE);
		expect([...byEmail.values()].every((count) => count === 1)).toBe(true);
		expect(sandbox.store.memberships.get(eventId)?.size).toBe(2 * SIZE);
		expect(stats.signIns).toBe(1);
		expect(stats.rateLimited).toBe(0);
	}, 470_000); // the calls' 300 s, 50 s more, and RATE_WAIT_ALLOWANCE_MS: another job's rate section may end first (harness/rateSection.ts)
});
