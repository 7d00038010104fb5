/**
 * `npm run bench:report`: the attendee report of a large event, exported by the packed node in the
 * pinned n8n (`n8n execute`) against the sandbox with InEvent's limits on, as CSV, as XLSX and as XLSX
 * with Typed Output (date, number and boolean cells).
 * Prints wall time, calls, 429s, file size and n8n's peak memory, then for each output what the
 * wire saw (the span of the page reads, calls started in any second) and the CPU the sandbox took
 * (it serves from this process) with the machine's load, to tell InEvent's pace from a busy machine.
 * A measurement, not a test.
 *   npm run bench:report -- --attendees 50000 --latency 0
 *   npm run bench:report -- --attendees 50000 --latency 300
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { N8nHome, packPackage } from '../tools/n8n/n8n';
import { stopAll } from '../tools/n8n/processes';
import { systemCredential } from '../tools/n8n/imports';
import { wireStats } from '../tools/n8n/webhookBurst';
import { SANDBOX_FIXTURES, startSandbox } from '../sandbox';
import { watchPeakRss } from './measure';

const { values } = parseArgs({
	options: { attendees: { type: 'string', default: '50000' }, latency: { type: 'string', default: '0' } },
});
const CREDENTIAL = { id: 'benchReportCred1', name: 'InEvent sandbox' };

function log(line: string): void {
	process.stdout.write(`${line}\n`);
}

function reportWorkflow(output: 'csv' | 'xlsx', eventId: string, typedOutput = false): IDataObject {
	const id = `benchReport${output.toUpperCase()}${typedOutput ? 'T' : ''}`.padEnd(16, '0');
	return {
		id,
		name: `Bench: attendee report as ${output}${typedOutput ? ', typed' : ''}`,
		active: false,
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'report',
				name: 'Report',
				type: 'n8n-nodes-inevent.inEvent',
				typeVersion: 1,
				position: [250, 0],
				parameters: {
					resource: 'report',
					operation: 'getAttendees',
					eventId: { __rl: true, mode: 'id', value: eventId },
					output,
					options: typedOutput ? { typedOutput } : {},
				},
				credentials: { inEventApi: CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

async function main(): Promise<void> {
	const { eventB } = SANDBOX_FIXTURES;
	const sandbox = await startSandbox({ port: 0, rateLimits: true, latencyMs: Number(values.latency) });
	sandbox.seedAttendees(eventB.eventId, Number(values.attendees));
	const total = sandbox.store.countAttendees(eventB.eventId);
	const home = new N8nHome();
	try {
		await home.init();
		await home.installPackage(await packPackage(mkdtempSync(join(tmpdir(), 'inevent-bench-report-'))));
		await home.importCredentials([systemCredential(sandbox.url, CREDENTIAL)]);
		const workflows = {
			csv: reportWorkflow('csv', eventB.eventId),
			xlsx: reportWorkflow('xlsx', eventB.eventId),
			'xlsx, typed': reportWorkflow('xlsx', eventB.eventId, true),
		};
		await home.importWorkflows(Object.values(workflows));
		log(`latency ${values.latency} ms, InEvent limits on, ${total} attendees, n8n execute of the packed node`);
		log('| output | node s | calls | calls/s | 429s | file | n8n peak MB | rows |');
		log('|---|---|---|---|---|---|---|---|');
		const notes: string[] = [];
		for (const [output, workflow] of Object.entries(workflows)) {
			sandbox.clearLog();
			const loadBefore = loadavg()[0];
			const cpuBefore = process.cpuUsage();
			let stop = (): number => 0;
			const run = await home.execute(String(workflow.id), 3_600_000, (child) => {
				stop = watchPeakRss(child);
			});
			const peakMb = stop();
			const cpu = process.cpuUsage(cpuBefore);
			const node = run.runData.Report;
			if (!run.ok || node?.items[0]?.rows !== total)
				throw new Error(`${output} run failed: ${JSON.stringify(run.error ?? node?.items[0])}`);
			const seconds = (node.executionTime ?? run.workflowMs) / 1000;
			const { requests, rateLimited } = sandbox.stats();
			log(
				`| ${output} | ${seconds.toFixed(1)} | ${requests} | ${(requests / seconds).toFixed(2)} | ${rateLimited} | ${String(node.binaries[0]?.data?.fileSize)} | ${peakMb} | ${String(node.items[0].rows)} |`,
			);
			const times = sandbox.requests.map((entry) => entry.time);
			const wire = wireStats(sandbox.requests);
			notes.push(
				`${output}: calls over ${((Math.max(...times) - Math.min(...times)) / 1000).toFixed(1)} s on the wire, at most ${wire.maxStartsInAnySecondPerToken} started in any second; sandbox CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
			);
		}
		log('');
		for (const note of notes) log(note);
	} finally {
		stopAll();
		home.remove();
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exit(1);
});
