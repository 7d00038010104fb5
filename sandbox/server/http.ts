import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors';

export type StringMap = Record<string, string>;

/** One incoming call, decoded. Query and body are kept apart: InEvent reads them apart (§4). */
export interface ParsedRequest {
	method: string;
	path: string;
	query: StringMap;
	headers: StringMap;
	body: StringMap;
	rawBody: string;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readRawBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw badRequest('request body is too large');
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Duplicate keys: the last one wins, as PHP's `$_GET`/`$_POST` do. */
export function searchParamsToMap(params: URLSearchParams): StringMap {
	const out: StringMap = {};
	for (const [key, value] of params) out[key] = value;
	return out;
}

export function flattenHeaders(req: IncomingMessage): StringMap {
	const out: StringMap = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

export function isFormContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** What is known of a request before its body is read: enough to rate-limit it at arrival. */
export type RequestHead = Omit<ParsedRequest, 'body' | 'rawBody'>;

export function parseHead(req: IncomingMessage): RequestHead {
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: searchParamsToMap(url.searchParams),
		headers: flattenHeaders(req),
	};
}

/**
 * Completes the head with the body, without judging it (so even a refused request can be logged
 * faithfully). A body is parsed as form fields only when it is declared as a form.
 */
export function parseRequest(head: RequestHead, rawBody: string): ParsedRequest {
	const body = isFormContentType(head.headers['content-type']) ? searchParamsToMap(new URLSearchParams(rawBody)) : {};
	return { ...head, body, rawBody };
}

/**
 * Request bodies are `application/x-www-form-urlencoded` only (spec §4: "JSON request bodies are
 * never used"; multipart is for file uploads, which the sandbox does not implement). An empty body
 * is fine whatever the declared type, since the SDKs POST reads with empty bodies.
 */
export function assertFormBody(request: ParsedRequest): void {
	if (request.rawBody.length === 0) return;
	const contentType = request.headers['content-type'];
	if (!isFormContentType(contentType)) {
		throw badRequest(
			`request body must be application/x-www-form-urlencoded (got ${contentType ?? 'no Content-Type'})`,
		);
	}
}
