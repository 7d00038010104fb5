import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { InEventSignInError, inEventMessageOf } from '../../../credentials/InEventApi.credentials';

/** InEvent tokens look like bcrypt hashes; never let one into a message. */
const TOKEN_PATTERN = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{20,}/g;

export function redactSecrets(text: string): string {
	return text.replace(TOKEN_PATTERN, '[redacted token]').replace(/(tokenID=)[^&\s]+/gi, '$1[redacted]');
}

interface HttpFailureShape {
	code?: string;
	message?: string;
	response?: { status?: number; statusText?: string; data?: unknown };
}

export interface InEventFailure {
	status?: number;
	message: string;
	signIn: boolean;
}

/** Digs the HTTP failure out of what n8n threw (n8n wraps the axios error in a NodeApiError). */
export function describeFailure(error: unknown): InEventFailure {
	const layers: unknown[] = [];
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		layers.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	const signInError = layers.find((layer) => layer instanceof InEventSignInError) as InEventSignInError | undefined;
	if (signInError) return { message: redactSecrets(signInError.message), signIn: true };
	const withResponse = layers.find((layer) => (layer as HttpFailureShape).response?.status !== undefined) as
		| HttpFailureShape
		| undefined;
	if (withResponse?.response) {
		const { status, statusText, data } = withResponse.response;
		return { status, message: redactSecrets(inEventMessageOf(data, statusText)), signIn: false };
	}
	const network = layers.find((layer) => typeof (layer as HttpFailureShape).code === 'string') as HttpFailureShape | undefined;
	const first = layers[0] as HttpFailureShape | undefined;
	const text = network?.code ?? first?.message ?? 'unknown failure';
	return { message: redactSecrets(String(text)), signIn: false };
}

const STATUS_HINTS: Record<number, string> = {
	400: 'InEvent rejected a parameter of this request.',
	401: 'InEvent refused the access token even after a fresh sign-in. The credential may lack the rights for this action: admin actions need a System-scope credential, and an Event-scope credential only reaches its own event.',
	406: 'InEvent does not accept this field for editing.',
	429: 'InEvent is rate limiting this token (10 calls per second at most).',
};

/** Turns any failure of an InEvent call into a NodeApiError that says what InEvent said, without secrets. */
export function toInEventApiError(node: INode, action: string, error: unknown, itemIndex?: number): NodeApiError {
	const failure = describeFailure(error);
	if (failure.signIn) {
		return new NodeApiError(node, { message: failure.message } as JsonObject, {
			message: failure.message,
			description: 'The InEvent credential could not sign in.',
			itemIndex,
		});
	}
	const said = failure.message ? `: ${failure.message}` : '';
	const message =
		failure.status === undefined
			? `InEvent could not be reached for ${action}${said}`
			: `InEvent refused ${action} (HTTP ${failure.status}${said})`;
	const description =
		(failure.status !== undefined && STATUS_HINTS[failure.status]) ||
		(failure.status !== undefined && failure.status >= 500
			? 'InEvent failed to process the request. Try again later.'
			: undefined);
	return new NodeApiError(node, { message, status: failure.status ?? null } as JsonObject, {
		message,
		description: description || undefined,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
}
