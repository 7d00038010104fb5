/**
 * Attendee › Create or Update syncing a whole contact list into a large event, as an admin keeps an
 * event in line with a CRM, against the sandbox with 300 ms latency and InEvent's limits on (as the
 * burst and queue-mode tests):
 *
 * 1. the pinned n8n (`n8n execute`): 2,000 contacts into a 2,000-attendee event (40 changed, 40 new,
 *    40 with a re-cased email padded with spaces, the rest as stored), then the same list again;
 * 2. queue mode (main + 1 worker, Redis, PostgreSQL): a 5,000-contact list into a 5,000-attendee event
 *    with 700 writes to make (600 changed, 100 new: about 75 s at InEvent's 10 calls per second); the
 *    worker is SIGKILLed (its whole process group, no graceful shutdown) once 40% of them reached the
 *    sandbox, a new worker starts, the list is sent again: the event must end exactly as the list says,
 *    and the rerun writes only what the killed run had not. n8n 2.8.4 does not re-run the killed
 *    execution (its Bull job stalls, and n8n allows 0 stalls: it fails, and the main answers its webhook
 *    call with a 500); the test waits for the sandbox to be quiet anyway before judging the event.
 *
 * The node's default options (so its default match strategy) throughout; the assertions are about
 * outcomes (the event, the output items, the writes and 429s on the wire), not about how the node
 * finds the attendees. Each run logs one line of figures (`[sync]`). `SYNC_QUEUE_ATTENDEES=1000` runs
 * case 2 smaller (the changes scale with it); `QUEUE_KEEP_LOGS=1` keeps n8n's logs of case 2.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { RequestLogEntry, Sandbox } from '../../sandbox';
import { N8nHome, packPackage } from '../../tools/n8n/n8n';
import { stopAll } from '../../tools/n8n/processes';
import { QueueModeN8n } from './harness/queueMode';
import { systemCredential } from '../../tools/n8n/imports';
import { CREDENTIAL_IDS } from './harness/suite';
import {
	buildSyncList,
	callsPerAction,
	checkEventAgainstList,
	emailKey,
	formatCalls,
	rateLimitedWindows,
	snapshotEvent,
	SYNC_NODE,
	syncWorkflow,
	WRITE_ACTIONS,
	writesOutside,
} from './harness/syncList';
import type { ListShape, StoredAttendee, SyncList } from './harness/syncList';
import { wireStats } from '../../tools/n8n/webhookBurst';

const LATENCY_MS = 300;
const CREDENTIAL_NAME = 'InEvent sandbox';
const KEEP_LOGS = process.env.QUEUE_KEEP_LOGS !== undefined;

/**
 * A run's time budget, for a node that looks every contact up one by one (the slowest correct way):
 * every call at InEvent's 10 per second with room to spare, plus n8n's start-up.
 */
function budgetMs(contacts: number, writes: number): number {
	return Math.round(((contacts + 2 * writes + contacts / 100) / 7) * 1000) + 120_000;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

let tarball = '';
let packFolder: string | undefined;

beforeAll(async () => {
	packFolder = mkdtempSync(join(tmpdir(), 'inevent-pack-'));
	tarball = await packPackage(packFolder);
}, 300_000);

afterAll(() => {
	stopAll();
	if (packFolder) rmSync(packFolder, { recursive: true, force: true });
});

/** The count of each kind in the list. */
function tally(list: SyncList): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const kind of list.kinds) counts[kind] = (counts[kind] ?? 0) + 1;
	return counts;
}

/** What the output items of one run say, in counts and first differences from the input. */
function readOutput(list: SyncList, items: IDataObject[]) {
	const failed = items.filter((item) => item.error !== undefined);
	const outOfOrder = items
		.map((item, index) => ({ index, got: emailKey(item.email), sent: emailKey(list.contacts[index]?.email) }))
		.filter(({ got, sent }) => got !== sent);
	const createdWrongly = items
		.map((item, index) => ({ index, created: item.created, kind: list.kinds[index] }))
		.filter(({ created, kind }) => created !== (kind === 'new'));
	const forms: Record<string, number> = {};
	for (const item of items) forms[String(item.updateForm)] = (forms[String(item.updateForm)] ?? 0) + 1;
	return { failed, outOfOrder, createdWrongly, forms, created: items.filter((item) => item.created === true).length };
}

describe('Create or Update: 2,000 contacts into a 2,000-attendee event in the pinned n8n', () => {
	const WORKFLOW_ID = 'e2eSyncList00001';
	const SHAPE: ListShape = { changed: 40, fresh: 40, recased: 40, omitted: 40 };
	const ATTENDEES = 2000;
	const budget = budgetMs(ATTENDEES, SHAPE.changed + SHAPE.fresh);
	let sandbox: Sandbox;
	let home: N8nHome | undefined;
	let list: SyncList;
	let before: Map<string, StoredAttendee>;
	let afterFirst: Map<string, StoredAttendee> | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, latencyMs: LATENCY_MS, rateLimits: true });
		const [eventId] = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, 1);
		sandbox.seedAttendees(eventId, ATTENDEES);
		list = buildSyncList(sandbox, eventId, SHAPE);
		before = snapshotEvent(sandbox, eventId);
		home = new N8nHome();
		await home.init();
		await home.installPackage(tarball);
		await home.importCredentials([systemCredential(sandbox.url)]);
		await home.importWorkflows([
			syncWorkflow({
				id: WORKFLOW_ID,
				name: 'E2E: sync 2,000 contacts',
				list,
				credentialId: CREDENTIAL_IDS.system,
				credentialName: CREDENTIAL_NAME,
			}),
		]);
	}, 300_000);

	afterAll(async () => {
		await sandbox?.close();
		home?.remove();
	});

	async function run(label: string) {
		sandbox.clearLog();
		const execution = await home!.execute(WORKFLOW_ID, budget);
		const log = [...sandbox.requests];
		const items = execution.runData[SYNC_NODE]?.items ?? [];
		const output = readOutput(list, items);
		const calls = callsPerAction(log);
		const stats = wireStats(log);
		console.log(
			`[sync] ${list.contacts.length} contacts → ${ATTENDEES}-attendee event, ${label}: ${seconds(execution.workflowMs)} (n8n execute ${seconds(execution.result.ms)}, the node ${seconds(execution.runData[SYNC_NODE]?.executionTime ?? 0)}); ${stats.calls} calls: ${formatCalls(calls)}; ${stats.rateLimited} 429s (max ${stats.maxStartsInAnySecondPerToken} arrivals in a second); items ${items.length}, failed ${output.failed.length}, created ${output.created}, updateForm ${formatCalls(output.forms)}`,
		);
		for (const line of rateLimitedWindows(log)) console.log(`[sync] ${label}: ${line}`);
		if (!execution.ok || output.failed.length > 0)
			console.log(
				`[sync] ${label}: ${JSON.stringify(execution.error ?? output.failed[0])}\n${execution.result.stderr.slice(-2000)}`,
			);
		return { execution, log, items, output, stats };
	}

	it(
		'registers the 40 new, stores the 40 changes as sent, leaves the rest alone, items in input order, 0 failed',
		async () => {
			expect(tally(list)).toEqual({ same: 1880, changed: 40, recased: 40, new: 40 });
			const { execution, log, items, output, stats } = await run('first run');
			afterFirst = snapshotEvent(sandbox, list.eventId);

			const check = checkEventAgainstList(sandbox, list, before);
			// Writes only for what changed: the changed attendees and the new emails.
			const changedIds = new Set(
				list.personIds.filter((id, index): id is string => list.kinds[index] === 'changed' && !!id),
			);
			const newEmails = new Set(
				list.contacts.filter((_, index) => list.kinds[index] === 'new').map((c) => emailKey(c.email)),
			);
			// The output's attendees are the stored ones.
			const otherAttendee = list.personIds
				.map((personId, index) => ({ index, personId, got: String(items[index]?.personID) }))
				.filter(({ personId, got }) => personId !== undefined && got !== personId);
			expect({
				ok: execution.ok,
				items: items.length,
				failed: output.failed.length,
				outOfOrder: output.outOfOrder.slice(0, 5),
				createdWrongly: output.createdWrongly.slice(0, 5),
				otherAttendee: otherAttendee.slice(0, 5),
				problems: check.problems.slice(0, 10),
				problemCount: check.problems.length,
				duplicates: check.duplicates,
				attendees: check.attendees,
				writesOutside: writesOutside(sandbox, log, { personIds: changedIds, emails: newEmails }).slice(0, 10),
				// The account's pace keeps 50 ms of slack per second: on a loaded machine a late call can still
				// make 11 arrivals in one InEvent second. Such a 429 is waited out and resent (never an item's
				// error); more than a couple means the pace itself is wrong.
				rateLimitedAtMostTwo: stats.rateLimited <= 2,
			}).toEqual({
				ok: true,
				items: 2000,
				failed: 0,
				outOfOrder: [],
				createdWrongly: [],
				otherAttendee: [],
				problems: [],
				problemCount: 0,
				duplicates: [],
				attendees: ATTENDEES + SHAPE.fresh,
				writesOutside: [],
				rateLimitedAtMostTwo: true,
			});
		},
		budget + 60_000,
	);

	it(
		'the same list again writes nothing: no bind, operate or respond, every item created: false',
		async () => {
			expect(afterFirst).toBeDefined();
			const { execution, log, items, output, stats } = await run('sent again');

			expect({
				ok: execution.ok,
				items: items.length,
				failed: output.failed.length,
				outOfOrder: output.outOfOrder.slice(0, 5),
				created: output.created,
				writes: log.filter((entry) => WRITE_ACTIONS.includes(entry.action)).map((entry) => entry.action),
				rateLimitedAtMostTwo: stats.rateLimited <= 2,
			}).toEqual({
				ok: true,
				items: 2000,
				failed: 0,
				outOfOrder: [],
				created: 0,
				writes: [],
				rateLimitedAtMostTwo: true,
			});
			// Nothing moved, not even a dateUpdated stamp.
			expect(snapshotEvent(sandbox, list.eventId)).toEqual(afterFirst);
		},
		budget + 60_000,
	);
});

/** A POST with a JSON body that can be abandoned; the reply resolves (never rejects) with what came back. */
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
		queue = await QueueModeN8n.create(tarball, { workers: 1, keepLogs: KEEP_LOGS });
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
