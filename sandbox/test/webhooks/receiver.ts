import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny webhook receiver for the sandbox's own tests (not a test file itself). */

export interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** Real epoch ms when the body was complete. */
	at: number;
}

/**
 * What to answer the n-th request (0-based): a status, a status after a delay, `hang` (never), or `headersOnly`
 * (200 and a first chunk of body, never ended). Default 200.
 */
export type Responder = (
	index: number,
	received: Received,
) => number | { status: number; delayMs: number } | 'hang' | 'headersOnly';

export interface Receiver {
	/** `http://127.0.0.1:<port>/hook` (+ the given path). */
	url(path?: string): string;
	readonly received: Received[];
	/** The parsed JSON bodies. */
	bodies(): Array<Record<string, unknown>>;
	respondWith(responder: Responder): void;
	/** Resolves once `count` requests have arrived. */
	waitFor(count: number): Promise<void>;
	/** The most requests that were open (arrived, not yet answered) at once. */
	maxOpen(): number;
	close(): Promise<void>;
}

export async function startReceiver(responder: Responder = () => 200): Promise<Receiver> {
	const received: Received[] = [];
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	let respond = responder;
	const hanging = new Set<ServerResponse>();
	const timers = new Set<NodeJS.Timeout>();
	let open = 0;
	let maxOpen = 0;
	const server = createServer((req, res) => {
		open++;
		maxOpen = Math.max(maxOpen, open);
		res.on('close', () => open--);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const entry: Received = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			const index = received.length;
			received.push(entry);
			for (const waiter of [...waiters]) {
				if (received.length >= waiter.count) {
					waiters.splice(waiters.indexOf(waiter), 1);
					waiter.resolve();
				}
			}
			const answer = respond(index, entry);
			if (answer === 'hang' || answer === 'headersOnly') {
				hanging.add(res);
				if (answer === 'headersOnly') {
					res.writeHead(200, { 'Content-Type': 'text/plain' });
					res.write('still coming');
				}
				return;
			}
			const reply = (status: number): void => {
				res.writeHead(status, { 'Content-Type': 'text/plain' });
				res.end('ok');
			};
			if (typeof answer === 'number') {
				reply(answer);
				return;
			}
			const timer = setTimeout(() => {
				timers.delete(timer);
				reply(answer.status);
			}, answer.delayMs);
			timers.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
		received,
		bodies: () => received.map((entry) => JSON.parse(entry.body) as Record<string, unknown>),
		respondWith: (next) => {
			respond = next;
		},
		waitFor: (count) =>
			received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
		maxOpen: () => maxOpen,
		close: () =>
			new Promise<void>((resolve, reject) => {
				for (const timer of timers) clearTimeout(timer);
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
