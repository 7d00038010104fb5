/**
 * `npm run bench`: our node, n8n's HTTP Request node and a raw HTTP client (the floor), side by side
 * in one run, against the InEvent sandbox with 300 ms latency and InEvent's limits on. In the list,
 * the floor reads pages of 100 with 5 in flight at the paced limit; a fourth row, the same raw client
 * reading one page at a time, shows what pipelining gains.
 *   npm run bench                       # full size: 1,000 creates, 20,000 listed, 200 events × 3 fields, 300 webhook calls at once
 *   npm run bench -- --scale 0.1        # a quick run at a tenth of the size
 *   npm run bench -- --only list --latency 300
 *   npm run bench -- --only burst       # K webhook calls at once into `n8n start` (K = 300 × scale)
 *   npm run bench -- --only sync        # Create or Update of 50,500 contacts into a 50,000-attendee event (sync.ts)
 *   npm run bench -- --only list,sync   # several scenarios, comma-separated
 * The sync scenario is not in the default run: it is a long one on its own (see sync.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { N8nHome, packPackage, REPO_ROOT } from '../tools/n8n/n8n';
import { runCommand, stopAll } from '../tools/n8n/processes';
import { systemCredential } from '../tools/n8n/imports';
import { SANDBOX_FIXTURES, startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { wireStats } from '../tools/n8n/webhookBurst';
import type { ServedN8n } from '../tools/n8n/serveWebhooks';
import { runBurst, serveBurstWorkflows } from './burst';
import { watchPeakRss } from './measure';
import { log, runN8n, table } from './shared';
import type { Measured, TableRow } from './shared';
import { prepareSync, syncSizes } from './sync';
import { httpNodeWorkflows, ourWorkflows } from './workflows';
import type { BenchIds } from './workflows';

type Scenario = 'create' | 'list' | 'update' | 'burst';
type Contender = 'ours' | 'http' | 'floor' | 'rawSequential';

interface Row {
	scenario: Scenario;
	contender: Contender;
	wallMs: number;
	requests: number;
	rateLimited: number;
	signIns: number;
	peakMb: number;
	items: number;
	failedItems: number;
}

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: '1' },
		latency: { type: 'string', default: '300' },
		only: { type: 'string' },
	},
});
const scale = Number(values.scale);
const SCENARIOS: Scenario[] = ['create', 'list', 'update', 'burst'];
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => name !== 'sync' && !(SCENARIOS as string[]).includes(name)) ?? [];
if (unknown.length > 0)
	throw new Error(`--only: no scenario ${unknown.join(', ')} (${[...SCENARIOS, 'sync'].join(', ')})`);
const sizes = {
	create: Math.max(10, Math.round(1000 * scale)),
	list: Math.max(100, Math.round(20000 * scale)),
	update: Math.max(5, Math.round(200 * scale)),
	burst: Math.max(10, Math.round(300 * scale)),
};
// The burst runs last: it serves n8n (`n8n start`), which must not run beside the `n8n execute` runs.
const scenarios = only ? SCENARIOS.filter((scenario) => only.includes(scenario)) : SCENARIOS;
const withSync = only?.includes('sync') ?? false;
const BURST_PATHS: Record<'ours' | 'http', string> = { ours: 'bench-burst-ours', http: 'bench-burst-http' };
const CONTENDER_NAMES: Record<Contender, string> = {
	ours: 'InEvent node',
	http: 'HTTP Request node',
	floor: 'raw client (floor)',
	rawSequential: 'raw client, one page at a time',
};
/** Who runs each scenario; the sequential raw client only lists. */
const contendersOf = (scenario: Scenario): Contender[] =>
	scenario === 'list' ? ['ours', 'http', 'floor', 'rawSequential'] : ['ours', 'http', 'floor'];

async function runFloor(job: IDataObject): Promise<Measured> {
	let stop = (): number => 0;
	const result = await runCommand(
		join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
		[join(__dirname, 'rawClient.ts'), JSON.stringify(job)],
		{
			cwd: REPO_ROOT,
			timeoutMs: 3_600_000,
			env: process.env,
			onSpawn: (child) => {
				stop = watchPeakRss(child);
			},
		},
	);
	const peakMb = stop();
	const report = JSON.parse(result.stdout) as { wallMs: number; items: number; errors: number };
	return { wallMs: report.wallMs, peakMb, items: report.items, failedItems: report.errors };
}

async function main(): Promise<void> {
	const latency = Number(values.latency);
	log(
		`InEvent benchmark: latency ${latency} ms, InEvent limits on (10 calls/s per token, 100/s per client), sizes ${JSON.stringify(sizes)}`,
	);
	const sandbox: Sandbox = await startSandbox({ port: 0, rateLimits: true, latencyMs: latency });
	const { admin, companyId } = SANDBOX_FIXTURES;
	const [listEventId] = sandbox.seedEvents(companyId, 1);
	sandbox.seedAttendees(listEventId, sizes.list);
	const updateEventIds = sandbox.seedEvents(companyId, sizes.update);
	const createEvents = sandbox.seedEvents(companyId, 3);
	const burstEvents = sandbox.seedEvents(companyId, 3);
	const idsFor = (createEventId: string, burstEventId: string, burstPath: string): BenchIds => ({
		base: sandbox.url,
		username: admin.username,
		password: admin.password,
		createEventId,
		listEventId,
		updateEventIds,
		createCount: sizes.create,
		burstEventId,
		burstPath,
	});
	const sync = withSync
		? prepareSync(sandbox, syncSizes(scale), {
				base: sandbox.url,
				username: admin.username,
				password: admin.password,
				companyId,
			})
		: undefined;
	const ours = ourWorkflows(idsFor(createEvents[0], burstEvents[0], BURST_PATHS.ours));
	const http = httpNodeWorkflows(idsFor(createEvents[1], burstEvents[1], BURST_PATHS.http));

	log('Packing the package and preparing n8n…');
	const home = new N8nHome();
	await home.init();
	await home.installPackage(await packPackage(mkdtempSync(join(tmpdir(), 'inevent-bench-'))));
	await home.importCredentials([systemCredential(sandbox.url)]);
	await home.importWorkflows([...Object.values(ours), ...Object.values(http), ...(sync?.workflows ?? [])]);

	const outputNodes: Record<'ours' | 'http', Record<Exclude<Scenario, 'burst'>, string>> = {
		ours: { create: 'Create Attendee', list: 'List Attendees', update: 'Update Event' },
		http: { create: 'Create Attendee', list: 'Attendees', update: 'Edit visible' },
	};
	const rows: Row[] = [];
	const syncRows: TableRow[] = [];
	const checks: string[] = [];
	let served: ServedN8n | undefined;
	const measure = async (scenario: Scenario, contender: Contender): Promise<Measured & { firstFailure?: string }> => {
		if (contender === 'floor' || contender === 'rawSequential') {
			return await runFloor({
				base: sandbox.url,
				username: admin.username,
				password: admin.password,
				// In the burst, the floor makes the same creates at the paced limit.
				scenario: scenario === 'burst' ? 'create' : scenario,
				eventId: { create: createEvents[2], burst: burstEvents[2], list: listEventId, update: listEventId }[scenario],
				count: scenario === 'burst' ? sizes.burst : sizes.create,
				eventIds: updateEventIds,
				sequential: contender === 'rawSequential',
			});
		}
		if (scenario !== 'burst') {
			const workflows = contender === 'ours' ? ours : http;
			return await runN8n(home, String(workflows[scenario].id), outputNodes[contender][scenario]);
		}
		if (!served) throw new Error('the burst needs the served n8n');
		return await runBurst(served, BURST_PATHS[contender], `${contender}Burst`, sizes.burst);
	};
	// The sync scenario: in the same n8n, after the other `n8n execute` runs, before the burst's `n8n start`.
	const runSync = async (): Promise<void> => {
		if (!sync) return;
		const result = await sync.run(home);
		syncRows.push(...result.rows);
		checks.push(...result.checks);
	};
	for (const scenario of scenarios) {
		if (scenario === 'burst') {
			await runSync();
			log('Publishing the burst workflows and starting n8n (n8n start)…');
			served = await serveBurstWorkflows(home, [
				{ id: String(ours.burst.id), path: BURST_PATHS.ours },
				{ id: String(http.burst.id), path: BURST_PATHS.http },
			]);
		}
		for (const contender of contendersOf(scenario)) {
			log(`running ${scenario} with the ${CONTENDER_NAMES[contender]}…`);
			sandbox.clearLog();
			// A fresh token per run, as a new credential would have; and a quiet second for the window.
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const measured = await measure(scenario, contender);
			const stats = sandbox.stats();
			if (scenario === 'burst' || scenario === 'list') {
				const wire = wireStats(sandbox.requests);
				const firstAt = sandbox.requests[0]?.time ?? 0;
				const limited = sandbox.requests
					.filter((entry) => entry.status === 429)
					.map((entry) => `+${((entry.time - firstAt) / 1000).toFixed(1)} s`);
				const at429 = limited.length > 0 ? `; 429s at ${limited.join(', ')} after the first call` : '';
				const failure = measured.firstFailure ? `; first failure: ${measured.firstFailure}` : '';
				log(
					`  ${scenario}, ${CONTENDER_NAMES[contender]}: at most ${wire.maxStartsInAnySecondPerToken} calls started in any second on one token, ${wire.acceptedPerSecond.toFixed(2)} accepted calls/s${at429}${failure}`,
				);
			}
			rows.push({
				scenario,
				contender,
				wallMs: measured.wallMs,
				peakMb: measured.peakMb,
				items: measured.items,
				failedItems: measured.failedItems,
				requests: stats.requests,
				rateLimited: stats.rateLimited,
				signIns: stats.signIns,
			});
		}
	}
	if (!scenarios.includes('burst')) await runSync();
	log('');
	if (checks.length > 0) {
		for (const line of checks) log(line);
		log('');
	}
	log(table([...rows.map((row) => ({ ...row, contender: CONTENDER_NAMES[row.contender] })), ...syncRows]));
	log('');
	for (const scenario of scenarios) {
		const of = (contender: Contender) => rows.find((row) => row.scenario === scenario && row.contender === contender);
		const [ourRow, httpRow, floorRow, sequentialRow] = [of('ours'), of('http'), of('floor'), of('rawSequential')];
		if (!ourRow || !httpRow || !floorRow) continue;
		const sequential = sequentialRow
			? `, ${(sequentialRow.wallMs / ourRow.wallMs).toFixed(2)}× faster than the ${CONTENDER_NAMES.rawSequential}`
			: '';
		log(
			`${scenario}: ours/HTTP Request node = ${(ourRow.wallMs / httpRow.wallMs).toFixed(2)}× the time, ours/floor = ${(ourRow.wallMs / floorRow.wallMs).toFixed(2)}× the time${sequential}; ours sustained ${(ourRow.requests / (ourRow.wallMs / 1000)).toFixed(2)} calls/s with ${ourRow.failedItems} failed items`,
		);
	}
	await served?.stop();
	stopAll();
	await sandbox.close();
	home.remove();
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	stopAll();
	process.exit(1);
});
