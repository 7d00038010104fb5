import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { findAction } from '../actions';
import { ADMIN_PREFIX, handleAdmin } from '../control/admin';
import { tokenIdOf } from '../auth/auth';
import type { SandboxController } from '../control/controller';
import { toEnvelope } from './envelope';
import { badRequest, SandboxError } from './errors';
import { faultReply } from '../faults/faultReply';
import type { FaultDecision } from '../faults/faults';
import { assertFormBody, parseHead, parseRequest, readRawBody, type ParsedRequest, type RequestHead } from './http';
import { holdOpen, replyStatus, sendReply, type Reply } from './replies';
import type { WebhookChange } from '../webhooks/change';

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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

async function handle(controller: SandboxController, req: IncomingMessage, res: ServerResponse): Promise<void> {
	// Real wall-clock ms on purpose (not the sandbox clock): the log and the rate limits are about the network.
	const time = Date.now();
	const head = parseHead(req);
	if (head.path.startsWith(ADMIN_PREFIX)) {
		handleAdmin(controller, head.method, head.path, await readRawBody(req), res);
		return;
	}
	// Limits, faults and latency are settled synchronously at arrival, so all follow arrival order.
	// A call refused by the limiter draws no fault.
	const refusal = controller.admit(req.socket.remoteAddress ?? 'unknown', tokenIdOf(head), time);
	const fault = refusal ? undefined : controller.drawFault(head.query.action ?? '');
	const delayMs = controller.nextDelayMs();
	const rawBody = await readRawBody(req);
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
	if (reply.kind === 'hang') {
		await holdOpen(req.socket, reply.ms);
		return;
	}
	if (delayMs > 0) await sleep(delayMs);
	if (reply.kind === 'drop') req.socket.destroy();
	else sendReply(res, reply, controller.config.errorStyle);
	// Webhooks fire once the action has answered (or dropped its answer): never before, never delaying it.
	controller.webhooks.dispatch(changes);
}

export function createSandboxServer(controller: SandboxController): Server {
	return createServer((req, res) => {
		handle(controller, req, res).catch((error: unknown) => {
			console.error('[inevent-sandbox] request failed', error);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
}
