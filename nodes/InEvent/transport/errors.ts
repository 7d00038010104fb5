import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { inEventMessageOf, redactTokens, signInFailureOf } from './token';

/** An HTTP answer InEvent gave, as n8n returns it with `returnFullResponse`. */
export interface InEventHttpResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
	statusMessage?: string;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'InEvent rejected a parameter of this request.',
	401: 'InEvent refused the access token even after a fresh sign-in. The credential may lack the rights for this action: admin actions need a System-scope credential, and an Event-scope credential only reaches its own event.',
	406: 'InEvent does not accept this field for editing.',
	429: 'InEvent is rate limiting this token (10 calls per second at most).',
};

function hintFor(status: number): string | undefined {
	return (
		STATUS_HINTS[status] ?? (status >= 500 ? 'InEvent failed to process the request. Try again later.' : undefined)
	);
}

const transient = new WeakSet<object>();

/** Marks a failure that may pass on another try (network, timeout, 5xx, a broken answer). */
function markTransient<T extends object>(error: T): T {
	transient.add(error);
	return error;
}

export function isTransient(error: unknown): boolean {
	return typeof error === 'object' && error !== null && transient.has(error);
}

/** A non-2xx answer: says what InEvent said, whether it came as JSON, plain text or only a reason phrase. */
export function inEventResponseError(
	node: INode,
	action: string,
	response: InEventHttpResponse,
	itemIndex?: number,
): NodeApiError {
	const said = redactTokens(inEventMessageOf(response.body, response.statusMessage));
	const message = `InEvent refused ${action} (HTTP ${response.statusCode}${said ? `: ${said}` : ''})`;
	const error = new NodeApiError(node, { message, status: response.statusCode } as JsonObject, {
		message,
		description: hintFor(response.statusCode),
		httpCode: String(response.statusCode),
		itemIndex,
	});
	return response.statusCode >= 500 ? markTransient(error) : error;
}

interface ThrownShape {
	message?: string;
}

/** A request that never got an answer: the credential could not sign in, or InEvent was unreachable. */
export function inEventTransportError(node: INode, action: string, error: unknown, itemIndex?: number): NodeApiError {
	const signInFailure = signInFailureOf(error);
	if (signInFailure) return signInFailure.toNodeApiError(node, itemIndex);
	const text = redactTokens(String((error as ThrownShape | undefined)?.message ?? 'unknown failure'));
	const message = `InEvent could not be reached for ${action}: ${text}`;
	const failure = new NodeApiError(node, { message } as JsonObject, {
		message,
		description: "Check the credential's Region / Base URL and the network.",
		itemIndex,
	});
	return markTransient(failure);
}

/** A call given up before it was sent (a page read ahead of a list that ended sooner). */
export function inEventCancelledError(node: INode, action: string, itemIndex?: number): NodeApiError {
	const message = `${action} was not sent: it is no longer needed`;
	return new NodeApiError(node, { message } as JsonObject, { message, itemIndex });
}

/** A 200 that is not InEvent's {count, data} envelope (an error body, broken JSON, another host). */
export function inEventEnvelopeError(node: INode, action: string, itemIndex?: number): NodeApiError {
	const message = `InEvent answered ${action} without its {count, data} envelope`;
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description:
			"The response was not InEvent data. Check the credential's Region / Base URL points at the InEvent API.",
		itemIndex,
	});
	return markTransient(error);
}

/** InEvent refused the request itself (a 4xx other than access and pace), rather than failing to answer it. */
export function isRefusal(error: unknown): boolean {
	const status = Number((error as { httpCode?: string | null }).httpCode);
	return status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429;
}
