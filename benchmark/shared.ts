/** What `npm run bench`'s scenarios share: one n8n run measured, the results table, the log line. */
import type { N8nHome } from '../tools/n8n/n8n';
import { watchPeakRss } from './measure';

export function log(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** What one run of a contender measures itself (the sandbox counts the calls). */
export interface Measured {
	wallMs: number;
	peakMb: number;
	items: number;
	failedItems: number;
}

/**
 * `n8n execute` of one imported workflow, with n8n's peak memory; items and failed items are those of
 * `outputNode` (several: summed; a failed run counts every item, at least one, as failed).
 */
export async function runN8n(
	home: N8nHome,
	workflowId: string,
	outputNode: string | string[],
	timeoutMs = 3_600_000,
): Promise<Measured> {
	let stop = (): number => 0;
	const run = await home.execute(workflowId, timeoutMs, (child) => {
		stop = watchPeakRss(child);
	});
	const peakMb = stop();
	const items = (Array.isArray(outputNode) ? outputNode : [outputNode]).flatMap(
		(name) => run.runData[name]?.items ?? [],
	);
	return {
		wallMs: run.workflowMs,
		peakMb,
		items: items.length,
		failedItems: run.ok ? items.filter((item) => item.error !== undefined).length : Math.max(1, items.length),
	};
}

/** One line of the results table. */
export interface TableRow extends Measured {
	scenario: string;
	contender: string;
	requests: number;
	rateLimited: number;
	signIns: number;
}

export function table(rows: TableRow[]): string {
	const header = [
		'scenario',
		'contender',
		'wall s',
		'requests',
		'calls/s',
		'429s',
		'sign-ins',
		'peak MB',
		'items',
		'failed',
	];
	const lines = rows.map((row) => [
		row.scenario,
		row.contender,
		(row.wallMs / 1000).toFixed(1),
		String(row.requests),
		(row.requests / (row.wallMs / 1000)).toFixed(2),
		String(row.rateLimited),
		String(row.signIns),
		String(row.peakMb),
		String(row.items),
		String(row.failedItems),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
	const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}
