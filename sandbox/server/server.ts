import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from '../control/admin';
import type { SandboxController } from '../control/controller';
import { parseHead, readRawBody } from './http';
import { holdOpen, sendReply } from './replies';
import { arrive, serve } from './serve';

async function handle(controller: SandboxController, req: IncomingMessage, res: ServerResponse): Promise<void> {
	// The network clock (the real one unless a test gave another), not the sandbox clock: the log and the rate limits are about the network.
	const time = controller.network.now();
	const head = parseHead(req);
	if (head.path.startsWith(ADMIN_PREFIX)) {
		handleAdmin(controller, head.method, head.path, await readRawBody(req), res);
		return;
	}
	const arrival = arrive(controller, head, req.socket.remoteAddress ?? 'unknown', time);
	const { reply, changes } = serve(controller, arrival, await readRawBody(req));
	if (reply.kind === 'hang') {
		await holdOpen(req.socket, reply.ms);
		return;
	}
	if (arrival.delayMs > 0) await controller.network.sleep(arrival.delayMs);
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
