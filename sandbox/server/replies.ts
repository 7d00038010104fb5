import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorAnswer, renderError, type ErrorStyle, type SandboxError } from './errors';

/** How one API request is answered on the wire. */
export type Reply =
	/** A body sent as is (the envelope, or a deliberately broken 200). */
	| { kind: 'body'; status: number; body: string }
	/** Rendered in the current error style. */
	| { kind: 'error'; error: SandboxError }
	/** The socket is destroyed without an answer. */
	| { kind: 'drop' }
	/** No answer for `ms`, then the socket is destroyed. */
	| { kind: 'hang'; ms: number };

/** The status logged for a reply; 0 when nothing is answered. */
export function replyStatus(reply: Reply): number {
	switch (reply.kind) {
		case 'body':
			return reply.status;
		case 'error':
			return reply.error.status;
		case 'drop':
		case 'hang':
			return 0;
	}
}

/** An answer as the client receives it (header names as sent; a reason phrase only when the style sets one). */
export interface WireAnswer {
	status: number;
	statusText?: string;
	headers: Record<string, string>;
	body: string;
}

/** The answer a body or error reply puts on the wire, exactly as `sendReply` writes it. */
export function wireAnswerOf(reply: Reply, style: ErrorStyle): WireAnswer {
	if (reply.kind === 'error') return errorAnswer(reply.error, style);
	if (reply.kind !== 'body') throw new Error(`a ${reply.kind} reply has no answer`);
	return {
		status: reply.status,
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(reply.body)),
		},
		body: reply.body,
	};
}

/** Sends a body or error reply; drops and hangs are the server's business (they involve waiting or the socket). */
export function sendReply(res: ServerResponse, reply: Reply, style: ErrorStyle): void {
	if (reply.kind === 'error') {
		renderError(res, reply.error, style);
		return;
	}
	if (reply.kind !== 'body') throw new Error(`cannot send a ${reply.kind} reply`);
	res.writeHead(reply.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(reply.body)),
	});
	res.end(reply.body);
}

/**
 * Holds the socket open without answering, then destroys it. Resolves early when the socket closes
 * (client gave up, or `close()` destroyed every connection), so no timer outlives the sandbox.
 */
export function holdOpen(socket: Socket, ms: number): Promise<void> {
	return new Promise((resolve) => {
		if (socket.destroyed) {
			resolve();
			return;
		}
		const timer = setTimeout(() => socket.destroy(), ms);
		socket.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}
