import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyServer {
	url: string;
	hits: Array<{ action: string | null; body: string }>;
	close(): Promise<void>;
}

/** A throwaway server for answers the sandbox never gives (a non-InEvent host, a broken 200). */
export async function startTinyServer(
	answer: (action: string | null, res: ServerResponse, req: IncomingMessage) => void,
): Promise<TinyServer> {
	const hits: TinyServer['hits'] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const action = new URL(req.url ?? '/', 'http://x').searchParams.get('action');
			hits.push({ action, body });
			answer(action, res, req);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		hits,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
