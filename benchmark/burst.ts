/**
 * The burst scenario: K webhook calls at once into one served n8n (`n8n start`), one execution
 * each, measured from the caller's side (wall time, answers) and on the sandbox's wire.
 */
import { join } from 'node:path';

import type { N8nHome } from '../tools/n8n/n8n';
import { serveWebhooks } from '../tools/n8n/serveWebhooks';
import type { ServedN8n } from '../tools/n8n/serveWebhooks';
import { burstPeople, postBurst } from '../tools/n8n/webhookBurst';
import { watchPeakRss } from './measure';

export interface BurstMeasure {
	wallMs: number;
	peakMb: number;
	/** Calls answered 200. */
	items: number;
	/** Calls answered otherwise, or not at all. */
	failedItems: number;
	/** The first failed answer, to tell what went wrong. */
	firstFailure?: string;
}

/** Publishes the burst workflows and serves them; stop the result when the burst scenario is done. */
export async function serveBurstWorkflows(
	home: N8nHome,
	workflows: Array<{ id: string; path: string }>,
): Promise<ServedN8n> {
	return await serveWebhooks(home, workflows, join(home.folder, 'n8n-bench-server.log'));
}

/** `size` calls at once to the webhook at `path` (distinct people with names from `prefix`). */
export async function runBurst(served: ServedN8n, path: string, prefix: string, size: number): Promise<BurstMeasure> {
	const stop = watchPeakRss(served.child);
	// Far beyond any paced run: 300 calls at 10/s take 30 s.
	const timeoutMs = Math.max(180_000, size * 500);
	const { replies, wallMs } = await postBurst(served.webhookUrl(path), burstPeople(prefix, size), { timeoutMs });
	const peakMb = stop();
	const failed = replies.filter((reply) => reply.status !== 200);
	const first = failed[0];
	return {
		wallMs,
		peakMb,
		items: replies.length - failed.length,
		failedItems: failed.length,
		firstFailure: first
			? `${first.status} ${first.error ?? first.body.slice(0, 200)}\n  n8n's last log lines:\n${served.logTail(10)}`
			: undefined,
	};
}
