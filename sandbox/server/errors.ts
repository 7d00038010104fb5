import type { ServerResponse } from 'node:http';

/**
 * How a failed call is rendered. InEvent's docs (§5.2) say failures are "bodiless" with the message
 * in the status line; a 2025-era observation saw `{"error":{"message":…}}`. The sandbox can play
 * either, plus a plain-text body, so the node's error parsing can be exercised against all three.
 */
export type ErrorStyle = 'json' | 'text' | 'reason';

export const ERROR_STYLES: readonly ErrorStyle[] = ['json', 'text', 'reason'];

export function isErrorStyle(value: unknown): value is ErrorStyle {
	return typeof value === 'string' && (ERROR_STYLES as readonly string[]).includes(value);
}

/** A refusal with the HTTP status InEvent uses for it (400 / 401 / 405 / 406, see spec §5.2; 429 is inferred). */
export class SandboxError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** Extra response headers, e.g. `Retry-After`. */
		readonly headers: Readonly<Record<string, string>> = {},
	) {
		super(message);
		this.name = 'SandboxError';
	}
}

export const badRequest = (message: string): SandboxError => new SandboxError(400, message);
export const unauthorized = (message: string): SandboxError => new SandboxError(401, message);
export const notAcceptable = (message: string): SandboxError => new SandboxError(406, message);

/** `<attribute> is a required parameter` — InEvent's wording for a missing query attribute. */
export const missingParameter = (name: string): SandboxError => badRequest(`${name} is a required parameter`);

/** `<attribute> cannot be empty` — InEvent's wording for a missing/empty body attribute. */
export const emptyAttribute = (name: string): SandboxError => badRequest(`${name} cannot be empty`);

/** A reason phrase must be printable latin-1 without CR/LF, or Node refuses to write the header. */
export function toReasonPhrase(message: string): string {
	return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** A failed call as it goes on the wire in `style`: status, reason phrase (the `reason` style only), headers, body. */
export function errorAnswer(
	error: SandboxError,
	style: ErrorStyle,
): { status: number; statusText?: string; headers: Record<string, string>; body: string } {
	if (style === 'reason') {
		return {
			status: error.status,
			statusText: toReasonPhrase(error.message),
			headers: { ...error.headers, 'Content-Length': '0' },
			body: '',
		};
	}
	const body = style === 'json' ? JSON.stringify({ error: { message: error.message } }) : error.message;
	return {
		status: error.status,
		headers: {
			...error.headers,
			'Content-Type': style === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(body)),
		},
		body,
	};
}

export function renderError(res: ServerResponse, error: SandboxError, style: ErrorStyle): void {
	const { status, statusText, headers, body } = errorAnswer(error, style);
	if (statusText !== undefined) res.writeHead(status, statusText, headers);
	else res.writeHead(status, headers);
	res.end(body);
}
