import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { redactTokens } from './redact';

const REJECTED_DESCRIPTION = 'The InEvent credential could not sign in.';

const BUSY_DESCRIPTION = 'InEvent could not take the sign-in just now (load or network); it is tried again.';

/**
 * A failed sign-in: thrown by the credential's preAuthentication, recognised by the transport
 * through n8n's wrapping, and remembered so that callers waiting for it fail the same way without
 * signing in. It deliberately carries no HTTP `response`: n8n re-runs `preAuthentication` when an
 * error with a 401 response escapes it, and a wrong password must cost one attempt only.
 */
export class SignInFailure extends Error {
	/** n8n keeps `description` when it wraps this error, so the transport can recognise it. */
	readonly description: string;

	constructor(
		message: string,
		/**
		 * `rejected`: the username, password, scope or account (final, tried once, since InEvent locks
		 * accounts after repeated wrong passwords). `busy`: a 429, a 5xx or the network (says nothing
		 * about the password, so it may be tried again after a wait).
		 */
		readonly kind: 'rejected' | 'busy' = 'rejected',
		/** For a 429: how long InEvent asked to wait (its Retry-After), when it said. */
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'SignInFailure';
		this.description = kind === 'busy' ? BUSY_DESCRIPTION : REJECTED_DESCRIPTION;
	}

	/** InEvent refused the sign-in for load (429): waited out, as long as it takes. */
	get rateLimited(): boolean {
		return this.retryAfterMs !== undefined || /\(HTTP 429\b/.test(this.message);
	}

	/** The failure as an item's error. Never retried by the request: the sign-in has its own waits. */
	toNodeApiError(node: INode, itemIndex?: number): NodeApiError {
		return new NodeApiError(node, { message: this.message } as JsonObject, {
			message: this.message,
			description: this.description,
			itemIndex,
		});
	}
}

interface ThrownShape {
	message?: string;
	description?: string | null;
	cause?: { retryAfterMs?: unknown };
}

/** The sign-in failure an error carries (n8n wraps the credential's and keeps its description), if any. */
export function signInFailureOf(error: unknown): SignInFailure | undefined {
	const thrown = (error ?? {}) as ThrownShape;
	const rejected = thrown.description === REJECTED_DESCRIPTION;
	if (!rejected && thrown.description !== BUSY_DESCRIPTION) return undefined;
	const retryAfterMs = typeof thrown.cause?.retryAfterMs === 'number' ? thrown.cause.retryAfterMs : undefined;
	const message = redactTokens(String(thrown.message ?? 'the sign-in failed'));
	return new SignInFailure(message, rejected ? 'rejected' : 'busy', retryAfterMs);
}
