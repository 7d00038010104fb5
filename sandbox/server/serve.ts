import { findAction } from '../actions';
import { tokenIdOf } from '../auth/auth';
import type { SandboxController } from '../control/controller';
import { toEnvelope } from './envelope';
import { badRequest, SandboxError } from './errors';
import { faultReply } from '../faults/faultReply';
import type { FaultDecision } from '../faults/faults';
import { assertFormBody, parseRequest, type ParsedRequest, type RequestHead } from './http';
import { replyStatus, type Reply } from './replies';
import type { WebhookChange } from '../webhooks/change';

/**
 * One API call, whatever carries it (the HTTP server, or the in-process entry of `inProcess.ts`):
 * `arrive` when its head is known, `serve` once its body is read. The carrier then waits the
 * latency (or holds a hang), answers, and dispatches the webhook changes.
 */

/**
 * Inferred: only the RPC form on `/` is served (the RESTful path form is untested on the current
 * host, §2), and only GET and POST exist ("a simplified version with only GET and POST", §4).
 * The changes the action reports for webhooks go into `changes` (emptied again if it fails).
 */
function answer(controller: SandboxController, request: ParsedRequest, changes: WebhookChange[]): Reply {
	try {
		if (request.method !== 'GET' && request.method !== 'POST') {
			throw new SandboxError(405, `method ${request.method} is not allowed; use GET or POST`);
		}
		if (request.path !== '/') throw new SandboxError(404, `unknown path ${request.path}; use /?action=module.method`);
		assertFormBody(request);
		const actionName = request.query.action;
		if (actionName === undefined || actionName === '') throw badRequest('action is a required parameter');
		const action = findAction(actionName);
		if (!action) throw badRequest(`action ${actionName} doesn't exist`);
		const rows = action({
			request,
			store: controller.store,
			config: controller.config,
			clock: controller.clock,
			webhooks: { emit: (change) => changes.push(change) },
		});
		return { kind: 'body', status: 200, body: JSON.stringify(toEnvelope(rows)) };
	} catch (error) {
		changes.length = 0;
		if (error instanceof SandboxError) return { kind: 'error', error };
		const message = error instanceof Error ? error.message : String(error);
		console.error('[inevent-sandbox] internal error', error);
		return { kind: 'error', error: new SandboxError(500, `internal sandbox error: ${message}`) };
	}
}

function replyFor(
	controller: SandboxController,
	head: RequestHead,
	request: ParsedRequest,
	fault: FaultDecision | undefined,
	changes: WebhookChange[],
): Reply {
	if (!fault) return answer(controller, request, changes);
	return faultReply(fault, {
		process: () => answer(controller, request, changes),
		revokeCallerToken: () => {
			const tokenId = tokenIdOf(head);
			if (tokenId !== undefined) controller.revokeToken(tokenId);
		},
	});
}

/** What was settled when a call arrived. */
export interface Arrival {
	head: RequestHead;
	/** Network clock, epoch ms. */
	time: number;
	refusal: SandboxError | undefined;
	fault: FaultDecision | undefined;
	delayMs: number;
}

/**
 * Limits, faults and latency are settled synchronously at arrival, so all follow arrival order.
 * A call refused by the limiter draws no fault.
 */
export function arrive(controller: SandboxController, head: RequestHead, client: string, time: number): Arrival {
	const refusal = controller.admit(client, tokenIdOf(head), time);
	const fault = refusal ? undefined : controller.drawFault(head.query.action ?? '');
	const delayMs = controller.nextDelayMs();
	return { head, time, refusal, fault, delayMs };
}

/** Runs the call (unless refused) once its body is read, and logs it. */
export function serve(
	controller: SandboxController,
	{ head, time, refusal, fault, delayMs }: Arrival,
	rawBody: string,
): { reply: Reply; changes: WebhookChange[] } {
	const request = parseRequest(head, rawBody);
	// Filled only when the action ran and succeeded (also under a fault that runs it: ambiguousError/-Drop).
	const changes: WebhookChange[] = [];
	const reply: Reply = refusal
		? { kind: 'error', error: refusal }
		: replyFor(controller, head, request, fault, changes);
	controller.record({
		method: request.method,
		action: request.query.action ?? '',
		query: request.query,
		headers: request.headers,
		body: request.body,
		rawBody,
		status: replyStatus(reply),
		time,
		delayMs,
		...(fault ? { fault: fault.kind } : {}),
	});
	return { reply, changes };
}
