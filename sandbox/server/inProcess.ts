import { ADMIN_PREFIX } from '../control/admin';
import type { SandboxController } from '../control/controller';
import type { StringMap } from './http';
import { searchParamsToMap } from './http';
import { wireAnswerOf, type WireAnswer } from './replies';
import { arrive, serve } from './serve';

/** One API call handed to the sandbox in process, as a client would put it on the wire. */
export interface InProcessRequest {
	/** GET or POST (any other is answered 405, as on the wire). */
	method: string;
	/** The path and query (`/?action=…`), or a whole URL whose host is ignored. */
	url: string;
	/** Header names in any case. */
	headers?: Record<string, string>;
	/** The raw body (`application/x-www-form-urlencoded` for InEvent). */
	body?: string;
	/** The caller's address, for the per-machine limit. Default `127.0.0.1`, as a local socket's. */
	client?: string;
}

/**
 * What the caller gets: the answer, or `dropped` when the connection would have been destroyed
 * without one (the `drop`/`ambiguousDrop` faults, and a `hang` once its `hangMs` is over).
 */
export type InProcessAnswer = ({ kind: 'answer' } & WireAnswer) | { kind: 'dropped' };

/**
 * The HTTP server's handling without the socket: the same arrival (rate limits, faults, latency drawn
 * in arrival order), routing, auth, request log and webhook dispatch, with the latency and hangs
 * waited on the network clock. Resolves when the answer would reach the caller.
 */
export async function handleInProcess(
	controller: SandboxController,
	request: InProcessRequest,
): Promise<InProcessAnswer> {
	const time = controller.network.now();
	const url = new URL(request.url, 'http://sandbox.invalid');
	if (url.pathname.startsWith(ADMIN_PREFIX)) {
		throw new Error(`${ADMIN_PREFIX} is the HTTP control API; in process, call the Sandbox's methods`);
	}
	const headers: StringMap = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
	const head = {
		method: request.method.toUpperCase(),
		path: url.pathname,
		query: searchParamsToMap(url.searchParams),
		headers,
	};
	const arrival = arrive(controller, head, request.client ?? '127.0.0.1', time);
	const { reply, changes } = serve(controller, arrival, request.body ?? '');
	if (reply.kind === 'hang') {
		await controller.network.sleep(reply.ms);
		return { kind: 'dropped' };
	}
	if (arrival.delayMs > 0) await controller.network.sleep(arrival.delayMs);
	const answer: InProcessAnswer =
		reply.kind === 'drop'
			? { kind: 'dropped' }
			: { kind: 'answer', ...wireAnswerOf(reply, controller.config.errorStyle) };
	// Webhooks fire once the action has answered (or dropped its answer): never before, never delaying it.
	controller.webhooks.dispatch(changes);
	return answer;
}
