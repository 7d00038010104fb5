import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { findAction } from './actions';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { tokenIdOf } from './auth';
import type { SandboxController } from './controller';
import { toEnvelope } from './envelope';
import { badRequest, renderError, SandboxError } from './errors';
import { assertFormBody, parseHead, parseRequest, readRawBody, type ParsedRequest } from './http';

type Outcome = { status: 200; payload: string } | { status: number; error: SandboxError };

/**
 * Inferred: only the RPC form on `/` is served (the RESTful path form is untested on the current
 * host, §2), and only GET and POST exist ("a simplified version with only GET and POST", §4).
 */
function answer(controller: SandboxController, request: ParsedRequest): Outcome {
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
		const rows = action({ request, store: controller.store, config: controller.config });
		return { status: 200, payload: JSON.stringify(toEnvelope(rows)) };
	} catch (error) {
		if (error instanceof SandboxError) return { status: error.status, error };
		const message = error instanceof Error ? error.message : String(error);
		console.error('[inevent-sandbox] internal error', error);
		return { status: 500, error: new SandboxError(500, `internal sandbox error: ${message}`) };
	}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(controller: SandboxController, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const time = Date.now();
	const head = parseHead(req);
	if (head.path.startsWith(ADMIN_PREFIX)) {
		handleAdmin(controller, head.method, head.path, await readRawBody(req), res);
		return;
	}
	// Limits and latency are settled synchronously at arrival, so both follow arrival order.
	const refusal = controller.admit(req.socket.remoteAddress ?? 'unknown', tokenIdOf(head), time);
	const delayMs = controller.nextDelayMs();
	const rawBody = await readRawBody(req);
	const request = parseRequest(head, rawBody);
	const outcome: Outcome = refusal ? { status: refusal.status, error: refusal } : answer(controller, request);
	controller.record({
		method: request.method,
		action: request.query.action ?? '',
		query: request.query,
		headers: request.headers,
		body: request.body,
		rawBody,
		status: outcome.status,
		time,
		delayMs,
	});
	if (delayMs > 0) await sleep(delayMs);
	if ('error' in outcome) {
		renderError(res, outcome.error, controller.config.errorStyle);
		return;
	}
	res.writeHead(200, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(outcome.payload)),
	});
	res.end(outcome.payload);
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
