/**
 * Attendee › Create or Update syncing a whole contact list in queue mode (main + 1 worker, Redis,
 * PostgreSQL), against the sandbox with 300 ms latency and InEvent's limits on: a 5,000-contact list into
 * a 5,000-attendee event with 700 writes to make (600 changed, 100 new: about 75 s at InEvent's 10 calls
 * per second); the worker is SIGKILLed (its whole process group, no graceful shutdown) once 40% of them
 * reached the sandbox, a new worker starts, the list is sent again: the event must end exactly as the list
 * says, and the rerun writes only what the killed run had not. n8n 2.8.4 does not re-run the killed
 * execution (its Bull job stalls, and n8n allows 0 stalls: it fails, and the main answers its webhook
 * call with a 500); the test waits for the sandbox to be quiet anyway before judging the event. The same
 * sync of 2,000 contacts with `n8n execute`: sync.e2e.test.ts.
 *
 * The node's default options (so its default match strategy); the assertions are about outcomes (the
 * event, the output items, the writes on the wire), not about how the node finds the attendees, and no
 * rate: 429s are logged, not judged. The run logs one line of figures (`[sync queue]`).
 * `SYNC_QUEUE_ATTENDEES=1000` runs it smaller (the changes scale with it); `QUEUE_KEEP_LOGS=1` keeps n8n's logs.
 */
import { request as httpRequest } from 'node:http';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { RequestLogEntry, Sandbox } from '../../sandbox';
import { systemCredential } from '../../tools/n8n/imports';
import { wireStats } from '../../tools/n8n/webhookBurst';
import { QueueModeN8n } from './harness/queueMode';
import { CREDENTIAL_IDS } from './harness/suite';
import {
	buildSyncList,
	callsPerAction,
	checkEventAgainstList,
	emailKey,
	formatCalls,
	rateLimitedWindows,
	snapshotEvent,
	WRITE_ACTIONS,
	syncWorkflow,
	writesOutside,
} from './harness/syncList';
import type { ListShape, SyncList } from './harness/syncList';
import { budgetMs, CREDENTIAL_NAME, LATENCY_MS, readOutput, seconds, usePackedTarball } from './harness/syncRun';

const KEEP_LOGS = process.env.QUEUE_KEEP_LOGS !== undefined;
const tarball = usePackedTarball();

function startPost(
	url: string,
	body: IDataObject,
): { reply: Promise<{ status: number; body: string; error?: string }>; abort: () => void } {
	const payload = JSON.stringify(body);
	const req = httpRequest(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
	});
	const reply = new Promise<{ status: number; body: string; error?: string }>((resolve) => {
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
		});
		req.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
	});
	req.end(payload);
	return { reply, abort: () => req.destroy(new Error('abandoned by the test')) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply, or (abandoning the call) a status-0 one after `ms`; leaves no timer behind. */
async function answerWithin(
	post: ReturnType<typeof startPost>,
	ms: number,
): Promise<{ status: number; body: string; error?: string }> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<{ status: number; body: string; error: string }>((resolve) => {
		timer = setTimeout(() => {
			post.abort();
			resolve({ status: 0, body: '', error: `no answer within ${seconds(ms)}` });
		}, ms);
	});
	try {
		return await Promise.race([post.reply, late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Resolves once the sandbox has had no request for `quietMs` (or after `timeoutMs`). */
async function quiet(sandbox: Sandbox, quietMs: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let count = sandbox.requests.length;
	let since = Date.now();
	while (Date.now() < deadline) {
		await sleep(250);
		if (sandbox.requests.length !== count) {
			count = sandbox.requests.length;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) return;
	}
}

describe('Create or Update in queue mode: the worker SIGKILLed midway, a new worker, the list again', () => {
	const ATTENDEES = Number(process.env.SYNC_QUEUE_ATTENDEES ?? 5000);
	// 5,000: 600 changed + 100 new = 700 writes, about 75 s of writes at InEvent's 10 calls per second.
	const SHAPE: ListShape = {
		changed: Math.round(ATTENDEES * 0.12),
		fresh: Math.round(ATTENDEES * 0.02),
		recased: Math.round(ATTENDEES * 0.02),
		omitted: Math.round(ATTENDEES * 0.02),
	};
	const CONTACTS = ATTENDEES - SHAPE.omitted + SHAPE.fresh;
	const WRITES = SHAPE.changed + SHAPE.fresh;
	/** The kill comes once this many writes reached the sandbox. */
	const KILL_AT = Math.round(WRITES * 0.4);
	const WORKFLOW = { id: 'e2eSyncQueue0001', path: 'e2e-sync-queue' };
	const budget = budgetMs(CONTACTS, WRITES);
	let sandbox: Sandbox;
	let queue: QueueModeN8n | undefined;
	let list: SyncList;

	beforeAll(async () => {
		const started = Date.now();
		sandbox = await startSandbox({ port: 0, latencyMs: LATENCY_MS, rateLimits: true });
		const [eventId] = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, 1);
		sandbox.seedAttendees(eventId, ATTENDEES);
		list = buildSyncList(sandbox, eventId, SHAPE, { seed: 20261205, newPrefix: 'queue.sync.new' });
		queue = await QueueModeN8n.create(tarball(), { workers: 1, keepLogs: KEEP_LOGS });
		await queue.home.importCredentials([systemCredential(sandbox.url)]);
		await queue.home.importWorkflows([
			syncWorkflow({
				id: WORKFLOW.id,
				name: `E2E: queue-mode sync of ${CONTACTS} contacts`,
				list,
				credentialId: CREDENTIAL_IDS.system,
				credentialName: CREDENTIAL_NAME,
				webhookPath: WORKFLOW.path,
			}),
		]);
		await queue.start([WORKFLOW]);
		console.log(`[sync queue] main + 1 worker ready in ${seconds(Date.now() - started)}`);
	}, 420_000);

	afterAll(async () => {
		await queue?.stop();
		await sandbox?.close();
	});

	const writesIn = (log: RequestLogEntry[]): RequestLogEntry[] =>
		log.filter((entry) => WRITE_ACTIONS.includes(entry.action) && entry.status === 200);

	it(
		`${CONTACTS} contacts (${SHAPE.changed} changed, ${SHAPE.fresh} new): killed after ${KILL_AT} of ~${WRITES} writes, the rerun makes the event exactly as the list says`,
		async () => {
			const before = snapshotEvent(sandbox, list.eventId);
			const url = queue!.webhookUrl(WORKFLOW.path);

			// 1. The sync starts; the worker dies, whole process group at once, once some writes are in.
			sandbox.clearLog();
			const firstStarted = Date.now();
			const first = startPost(url, {});
			let finishedEarly: { status: number; body: string } | undefined;
			void first.reply.then((reply) => (finishedEarly = reply));
			while (writesIn(sandbox.requests).length < KILL_AT) {
				if (finishedEarly)
					throw new Error(
						`the first run ended (HTTP ${finishedEarly.status}) after only ${writesIn(sandbox.requests).length} writes, before the kill: ${finishedEarly.body.slice(0, 300)}`,
					);
				if (Date.now() - firstStarted > budget)
					throw new Error(`fewer than ${KILL_AT} writes within ${seconds(budget)}`);
				await sleep(20);
			}
			await queue!.killWorker(0);
			const killedAfter = Date.now() - firstStarted;
			await sleep(1000); // answers still on their way (300 ms latency) were applied at arrival
			const firstLog = [...sandbox.requests];
			const writesBeforeKill = writesIn(firstLog).length;
			expect(writesBeforeKill).toBeGreaterThan(0);
			expect(writesBeforeKill).toBeLessThan(WRITES);

			// 2. A new worker; the list is sent again and runs to its end.
			const workerStarted = Date.now();
			const newWorker = await queue!.addWorker();
			const workerReadyMs = Date.now() - workerStarted;
			const pending = snapshotEvent(sandbox, list.eventId);
			const stillToDo = {
				personIds: new Set(
					list.personIds.filter((personId, index): personId is string => {
						if (personId === undefined) return false;
						const stored = pending.get(personId)?.person;
						const contact = list.contacts[index];
						return (
							stored?.name !== contact.name || stored?.company !== contact.company || stored?.role !== contact.role
						);
					}),
				),
				emails: new Set(
					list.contacts
						.filter((_, index) => list.kinds[index] === 'new')
						.map((contact) => emailKey(contact.email))
						.filter((email) => ![...pending.values()].some((stored) => emailKey(stored.person.email) === email)),
				),
			};
			sandbox.clearLog();
			const rerunStarted = Date.now();
			const rerun = startPost(url, {});
			const reply = await answerWithin(rerun, budget);
			const rerunMs = Date.now() - rerunStarted;
			// Whatever else may still run (an n8n that re-runs a stalled job) ends before the event is judged.
			await quiet(sandbox, 3000, 120_000);
			const rerunLog = [...sandbox.requests];
			const stats = wireStats(rerunLog);
			let items: IDataObject[] = [];
			try {
				items = JSON.parse(reply.body) as IDataObject[];
			} catch {
				// reported below
			}
			const output = readOutput(list, Array.isArray(items) ? items : []);
			const executionsOfNewWorker = queue!.startedPerWorker()[newWorker];
			const firstReply = await Promise.race([first.reply, sleep(0).then(() => undefined)]);
			first.abort();
			console.log(
				`[sync queue] ${CONTACTS} contacts → ${ATTENDEES}-attendee event (${SHAPE.changed} changed, ${SHAPE.fresh} new, ${SHAPE.recased} re-cased emails), ~${WRITES} writes to do: first run SIGKILLed after ${seconds(killedAfter)} with ${writesBeforeKill} writes in (${formatCalls(callsPerAction(firstLog))}); new worker ready in ${seconds(workerReadyMs)}; rerun ${seconds(rerunMs)} (HTTP ${reply.status}${reply.error ? `, ${reply.error}` : ''}): ${stats.calls} calls: ${formatCalls(callsPerAction(rerunLog))}; ${stats.rateLimited} 429s (max ${stats.maxStartsInAnySecondPerToken} arrivals in a second); items ${items.length}, failed ${output.failed.length}, created ${output.created}, updateForm ${formatCalls(output.forms)}; executions started by the new worker ${executionsOfNewWorker}; the killed run's webhook call: ${firstReply ? `HTTP ${firstReply.status}` : 'never answered'}`,
			);
			for (const line of rateLimitedWindows(rerunLog)) console.log(`[sync queue] rerun: ${line}`);
			if (reply.status !== 200 || output.failed.length > 0)
				console.log(
					`[sync queue] rerun reply: ${reply.body.slice(0, 1000)}\n${JSON.stringify(output.failed[0] ?? {})}`,
				);

			// Registered by the rerun: only new emails the killed run had not registered.
			const createdEmails = items.filter((item) => item.created === true).map((item) => emailKey(item.email));
			const check = checkEventAgainstList(sandbox, list, before);
			expect({
				status: reply.status,
				items: items.length,
				failed: output.failed.length,
				outOfOrder: output.outOfOrder.slice(0, 5),
				createdAgain: createdEmails.filter((email) => !stillToDo.emails.has(email)),
				problems: check.problems.slice(0, 10),
				problemCount: check.problems.length,
				duplicates: check.duplicates,
				attendees: check.attendees,
				// The rerun wrote only what the killed run had not: no value written twice.
				writesOutside: writesOutside(sandbox, rerunLog, stillToDo).slice(0, 10),
			}).toEqual({
				status: 200,
				items: CONTACTS,
				failed: 0,
				outOfOrder: [],
				createdAgain: [],
				problems: [],
				problemCount: 0,
				duplicates: [],
				attendees: ATTENDEES + SHAPE.fresh,
				writesOutside: [],
			});
			// 429s are logged, not judged here: a refused call is waited out and resent (never in the output),
			// and case 1 holds the node to none.
		},
		2 * budget + 300_000,
	);
});
