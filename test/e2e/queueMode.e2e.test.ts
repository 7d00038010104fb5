/**
 * n8n in queue mode (one main, two workers, Redis and PostgreSQL): 200 webhook calls at once, each
 * creating one attendee with our node, against the sandbox with 300 ms latency and InEvent's limits
 * on. Each worker is its own process with its own pace; the credential's "n8n Processes Using This
 * Credential" shares InEvent's 10 calls per second between them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { packPackage } from '../../tools/n8n/n8n';
import type { ImportedCredential } from '../../tools/n8n/n8n';
import { stopAll } from '../../tools/n8n/processes';
import { QueueModeN8n } from './harness/queueMode';
import { attendeesByEmail } from './harness/sandboxAttendees';
import { measuringRates } from './harness/rateSection';
import { systemCredential } from '../../tools/n8n/imports';
import { burstPeople, burstWorkflow, postBurst, wireStats } from '../../tools/n8n/webhookBurst';
import type { BurstResult, WireStats } from '../../tools/n8n/webhookBurst';

const SIZE = 200;
const WORKERS = 2;
/** QUEUE_KEEP_LOGS=1 keeps n8n's logs and each burst's sandbox log (`<prefix>-wire.json`); the folder is printed. */
const KEEP_LOGS = process.env.QUEUE_KEEP_LOGS !== undefined;

interface Case {
	label: string;
	workflowId: string;
	path: string;
	credentialId: string;
	/** The credential's `processes` field; undefined leaves it out (the default, 1). */
	processes?: number;
	eventId: string;
}

/** One workflow and one credential per case, all imported and published before n8n starts: each case starts with a cold token. */
const CASES: Record<'shared' | 'unshared', Case> = {
	shared: {
		label: 'processes: 2',
		workflowId: 'e2eQueueShared01',
		path: 'e2e-queue-shared',
		credentialId: 'inEventQueuePrc2',
		processes: 2,
		eventId: '',
	},
	unshared: {
		label: 'processes: default',
		workflowId: 'e2eQueueDefault1',
		path: 'e2e-queue-default',
		credentialId: 'inEventQueueDflt',
		eventId: '',
	},
};

let sandbox: Sandbox | undefined;
let queue: QueueModeN8n | undefined;

function credentialOf(baseUrl: string, entry: Case): ImportedCredential {
	const credential = systemCredential(baseUrl, { id: entry.credentialId, name: `InEvent queue (${entry.label})` });
	return entry.processes === undefined
		? credential
		: { ...credential, data: { ...credential.data, processes: entry.processes } };
}

beforeAll(async () => {
	const started = Date.now();
	sandbox = await startSandbox({ port: 0, latencyMs: 300, rateLimits: true });
	const tarball = await packPackage(mkdtempSync(join(tmpdir(), 'inevent-pack-')));
	queue = await QueueModeN8n.create(tarball, { workers: WORKERS, keepLogs: KEEP_LOGS });
	const cases = Object.values(CASES);
	const eventIds = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, cases.length);
	cases.forEach((entry, index) => (entry.eventId = eventIds[index]));
	const importsStarted = Date.now();
	await queue.home.importCredentials(cases.map((entry) => credentialOf(sandbox!.url, entry)));
	await queue.home.importWorkflows(
		cases.map((entry) =>
			burstWorkflow({
				id: entry.workflowId,
				name: `E2E: queue-mode burst (${entry.label})`,
				path: entry.path,
				credentialId: entry.credentialId,
				credentialName: `InEvent queue (${entry.label})`,
				eventId: entry.eventId,
			}),
		),
	);
	const importsMs = Date.now() - importsStarted;
	await queue.start(cases.map((entry) => ({ id: entry.workflowId, path: entry.path })));
	const { redis, postgres, main, workers } = queue.timings;
	const seconds = (ms: number | undefined): string => `${((ms ?? 0) / 1000).toFixed(1)} s`;
	console.log(
		`[queue] ready in ${seconds(Date.now() - started)}: redis ${seconds(redis)}, postgres (initdb, start, createdb) ${seconds(postgres)}, imports ${seconds(importsMs)}, main (publish excluded) ${seconds(main)}, workers ${workers.map(seconds).join(' / ')}`,
	);
}, 420_000);

afterAll(async () => {
	await queue?.stop();
	stopAll();
	await sandbox?.close();
});

interface Measured {
	burst: BurstResult;
	stats: WireStats;
	byEmail: Map<string, number>;
	added: number;
}

async function runBurst(entry: Case, prefix: string): Promise<Measured> {
	const before = sandbox!.store.countAttendees(entry.eventId);
	const startedBefore = queue!.startedPerWorker();
	sandbox!.clearLog();
	const people = burstPeople(prefix, SIZE);
	const burst = await measuringRates(`queueMode.e2e: ${SIZE} calls (${entry.label})`, () =>
		// A limit, not a measure (slowest answer 29-60 s, idle to loaded): far above what a loaded machine reaches.
		postBurst(queue!.webhookUrl(entry.path), people, { timeoutMs: 240_000 }),
	);
	const stats = wireStats(sandbox!.requests);
	if (KEEP_LOGS)
		writeFileSync(join(queue!.logDir, `${prefix}-wire.json`), JSON.stringify({ log: sandbox!.requests, burst }));
	const split = queue!.startedPerWorker().map((count, index) => count - startedBefore[index]);
	const byEmail = attendeesByEmail(
		sandbox!,
		entry.eventId,
		people.map((person) => person.email),
	);
	const added = sandbox!.store.countAttendees(entry.eventId) - before;
	const ok = burst.replies.filter((reply) => reply.status === 200).length;
	const statuses = [...new Set(burst.replies.map((reply) => reply.status))].join('/');
	const slowest = Math.max(...burst.replies.map((reply) => reply.ms));
	console.log(
		`[queue] ${entry.label}: ${ok}/${SIZE} answered 200 (statuses ${statuses}) in ${(burst.wallMs / 1000).toFixed(1)} s, slowest ${(slowest / 1000).toFixed(1)} s; executions per worker ${split.join('/')}; ${added} attendees added, ${byEmail.size} distinct emails; wire: ${stats.calls} calls, ${stats.signIns} sign-ins, ${stats.rateLimited} 429s, max ${stats.maxStartsInAnySecondPerToken} starts/s per token, ${stats.acceptedPerSecond.toFixed(2)} accepted calls/s (${stats.sustainedPerSecond.toFixed(2)} in the busiest 10 s)`,
	);
	const failed = burst.replies.find((reply) => reply.status !== 200);
	if (failed)
		console.log(
			`[queue] ${entry.label}: first failed reply: ${failed.status} ${failed.error ?? failed.body.slice(0, 300)}`,
		);
	return { burst, stats, byEmail, added };
}

/** Counts only, so that a failure prints numbers rather than 200 replies. */
function expectNoneLostOrDoubled({ burst, byEmail, added }: Measured): void {
	expect({
		answered200: burst.replies.filter((reply) => reply.status === 200).length,
		attendeesAdded: added,
		distinctEmails: byEmail.size,
		emailsMoreThanOnce: [...byEmail.values()].filter((count) => count > 1).length,
	}).toEqual({ answered200: SIZE, attendeesAdded: SIZE, distinctEmails: SIZE, emailsMoreThanOnce: 0 });
}

describe(`a webhook burst into n8n in queue mode (main + ${WORKERS} workers)`, () => {
	it(`${SIZE} calls at once, credential shared by 2 processes: none lost or doubled, ≤ 2 sign-ins, no 429, > 5 calls/s together`, async () => {
		const measured = await runBurst(CASES.shared, 'Shared');
		expectNoneLostOrDoubled(measured);
		expect(measured.stats.signIns).toBeLessThanOrEqual(WORKERS);
		expect(measured.stats.rateLimited).toBe(0);
		// Each worker keeps to its half (5 calls/s): above 5 together means both ran at once. How far above is the
		// machine's doing (9.2 in the busiest 10 s in CI runs): printed, not bounded closer.
		expect(measured.stats.sustainedPerSecond).toBeGreaterThan(5);
	}, 390_000); // the calls' 240 s, 30 s more, and RATE_WAIT_ALLOWANCE_MS: another job's rate section may end first (harness/rateSection.ts)

	it(`${SIZE} calls at once, credential left at 1 process: none lost or doubled, ≤ 2 sign-ins, 429s < 10% of calls, both workers at once (> 5 calls/s together)`, async () => {
		const measured = await runBurst(CASES.unshared, 'Unshared');
		expectNoneLostOrDoubled(measured);
		expect(measured.stats.signIns).toBeLessThanOrEqual(WORKERS);
		expect(measured.stats.rateLimited).toBeLessThan(measured.stats.calls * 0.1);
		// Each worker counts the other after the first 429s and keeps to its half (5 calls/s), so a worker the
		// machine slows is not made up by the other: 9.2 in the busiest 10 s on an idle machine, 7.7 in a CI
		// run on 2 loaded cores. Above 5 means both workers ran at once (one alone keeps to 5); the bound stays that far
		// below what a loaded machine reaches.
		expect(measured.stats.sustainedPerSecond).toBeGreaterThan(5);
	}, 390_000); // the calls' 240 s, 30 s more, and RATE_WAIT_ALLOWANCE_MS: another job's rate section may end first (harness/rateSection.ts)
});
