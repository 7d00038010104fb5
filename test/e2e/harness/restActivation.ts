/**
 * Publishing and unpublishing a workflow while n8n runs, through the editor's REST API, as the editor's
 * toggle does, on every n8n of the suite: 1.x and 2.8 activate within the request (a trigger that fails
 * answers 400 with its message); n8n 2.41 records the publication and applies it in the background
 * (its "publication service"), so the request answers at once and the outcome is read from
 * `GET /workflows/:id/publication-status`.
 */
import type { N8nHome } from '../../../tools/n8n/n8n';
import { N8nRest, N8nRestError } from './n8nRest';
import type { Owner } from './n8nRest';

export interface ActivationOutcome {
	ok: boolean;
	/** n8n's message when it failed. */
	error?: string;
}

interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/** n8n's `message` in an error answer, or the answer itself. */
function messageOf(body: string): string {
	try {
		const { message } = JSON.parse(body) as { message?: unknown };
		return typeof message === 'string' ? message : body;
	} catch {
		return body;
	}
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for n8n's REST API, sets up the owner (which the imported workflows belong to) and signs in.
 * n8n answers 404 before its routes exist and 2.x 503 "Database is not ready" on a loaded machine: retried.
 */
export async function signedInOwner(home: N8nHome, owner: Owner, timeoutMs = 180_000): Promise<N8nRest> {
	const rest = new N8nRest(home.editorUrl);
	await rest.waitUntilReady(timeoutMs);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await rest.setUpOwner(owner);
			break;
		} catch (error) {
			// 400: the owner exists already (a second start of the same folder).
			if (error instanceof N8nRestError && error.status === 400) break;
			if (!(error instanceof N8nRestError && [404, 503].includes(error.status)) || Date.now() > deadline) throw error;
			await pause(1000);
		}
	}
	await rest.login(owner.email, owner.password);
	return rest;
}

/** 2.41's publication status, or undefined where n8n has none (1.x, 2.8, or the service off): activation was synchronous. */
async function publicationStatus(rest: N8nRest, workflowId: string): Promise<PublicationStatus | undefined> {
	try {
		return await rest.call<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
	} catch (error) {
		if (error instanceof N8nRestError && error.status === 404) return undefined;
		throw error;
	}
}

/** Waits until a background publication is applied; undefined where activation is synchronous. */
async function settledPublication(
	rest: N8nRest,
	workflowId: string,
	timeoutMs: number,
): Promise<PublicationStatus | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = await publicationStatus(rest, workflowId);
		if (status === undefined || status.status !== 'in_progress') return status;
		if (Date.now() > deadline)
			throw new Error(`n8n's publication of workflow ${workflowId} was still in progress after ${timeoutMs} ms`);
		await pause(200);
	}
}

/** Publishes the workflow's current version and returns once n8n has activated its triggers, or failed to. */
export async function activateThroughRest(
	rest: N8nRest,
	workflowId: string,
	timeoutMs = 60_000,
): Promise<ActivationOutcome> {
	const { versionId } = await rest.call<{ versionId: string }>('GET', `/workflows/${workflowId}`);
	try {
		await rest.call('POST', `/workflows/${workflowId}/activate`, { versionId });
	} catch (error) {
		if (error instanceof N8nRestError && error.status === 400) return { ok: false, error: messageOf(error.body) };
		throw error;
	}
	const settled = await settledPublication(rest, workflowId, timeoutMs);
	if (settled === undefined || settled.status === 'published') return { ok: true };
	const messages = settled.triggers.map((trigger) => trigger.errorMessage).filter(Boolean);
	return { ok: false, error: `${settled.status}: ${messages.join('; ')}` };
}

/** Unpublishes the workflow and returns once n8n has removed its triggers (2.41: in the background). */
export async function deactivateThroughRest(rest: N8nRest, workflowId: string, timeoutMs = 60_000): Promise<void> {
	await rest.call('POST', `/workflows/${workflowId}/deactivate`, {});
	await settledPublication(rest, workflowId, timeoutMs);
}
