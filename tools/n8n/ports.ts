import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Ports already handed out by this process: a port is free when asked for but bound only later by the
 * process it is for, so two processes started together (a queue-mode main and its workers) could get
 * the same one ("Port … is already in use", seen in the queue-mode e2e).
 */
const handedOut = new Set<number>();

/** A TCP port free on 127.0.0.1 right now that this process has not handed out before. */
export async function freePort(): Promise<number> {
	for (;;) {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await new Promise<void>((resolve) => server.close(() => resolve()));
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		return port;
	}
}
