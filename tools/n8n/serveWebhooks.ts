import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

import type { N8nHome } from './n8n';
import { stopGroup } from './processes';
import { waitForWebhook } from './webhookBurst';

export interface ServedN8n {
	child: ChildProcess;
	/** `<n8n>/webhook/<path>`: the production URL of a published Webhook node. */
	webhookUrl(path: string): string;
	/** The last lines n8n logged, to tell why calls failed. */
	logTail(lines?: number): string;
	/** SIGTERM to n8n's process group, SIGKILL after `graceMs`; resolves when it has exited. */
	stop(graceMs?: number): Promise<void>;
}

/**
 * Activates the workflows (`n8n publish:workflow` or its 1.x form, before the server starts, as n8n requires),
 * starts `n8n start` and waits until each path's production webhook is live.
 */
export async function serveWebhooks(
	home: N8nHome,
	workflows: Array<{ id: string; path: string }>,
	logFile: string,
	timeoutMs = 120_000,
): Promise<ServedN8n> {
	for (const { id } of workflows) await home.activate(id);
	const child = home.serve(logFile);
	const webhookUrl = (path: string): string => `${home.editorUrl}webhook/${path}`;
	for (const { path } of workflows) await waitForWebhook(webhookUrl(path), { timeoutMs });
	const logTail = (lines = 20): string => readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	return { child, webhookUrl, logTail, stop: (graceMs = 10_000) => stopGroup(child, graceMs) };
}
