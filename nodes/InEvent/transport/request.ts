import { NodeApiError } from 'n8n-workflow';
import type { IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import type { InEventContext } from './context';
import type { InEventEnvelope } from './envelope';
import { isTransient } from './errors';
import { exchange } from './exchange';
import { executionOf } from './execution';
import { backoffMs, isSafeToResend } from './retryPolicy';

/** A scalar InEvent accepts: every value travels as a string. */
export type InEventValue = string | number | boolean;

export interface InEventRequest {
	/** Identifiers and selectors: eventID, companyID, personID, key, selection, limit, offset, filters. */
	qs?: Record<string, InEventValue | undefined>;
	/** Data values, sent as an application/x-www-form-urlencoded body (InEvent never takes JSON). */
	body?: Record<string, InEventValue | undefined>;
	itemIndex?: number;
	/**
	 * For calls that must not simply be sent again (creates, removals): after an ambiguous failure,
	 * finds out whether InEvent did it anyway. Returns the answer to use, or undefined to resend.
	 */
	recover?: () => Promise<InEventEnvelope | undefined>;
	/** Sends body values that are '' (a value being cleared) instead of leaving them out. */
	keepEmpty?: boolean;
	/** For a page read ahead: true once the list ended before it, so it is not sent if it has not started. */
	cancelled?: () => boolean;
}

function toWire(value: InEventValue): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

function compact(
	values: Record<string, InEventValue | undefined> | undefined,
	keepEmpty = false,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(values ?? {})) {
		if (value !== undefined && (keepEmpty || value !== '')) out[key] = toWire(value);
	}
	return out;
}

/**
 * The one way this package talks to InEvent: `POST {base}?action=<action>&<qs>` with a form body.
 * Both official SDKs send every action as POST, reads included (inevent-api.md §4).
 * A transient failure (network, timeout, 5xx, a broken answer) is tried again with backoff, up to
 * Options › Retries times, when the call is safe to repeat or its `recover` shows it did not happen.
 */
export async function inEventApiRequest(
	this: InEventContext,
	action: string,
	request: InEventRequest = {},
): Promise<InEventEnvelope> {
	const { settings, clock } = executionOf(this);
	const { timeoutMs, retries } = settings;
	const body = compact(request.body, request.keepEmpty);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: '/',
		qs: { action, ...compact(request.qs) },
		headers: { Accept: 'application/json' },
		json: true,
		timeout: timeoutMs,
	};
	if (Object.keys(body).length > 0) options.body = new URLSearchParams(body);

	for (let failures = 0; ; ) {
		try {
			return await exchange.call(this, action, options, request.itemIndex, request.cancelled);
		} catch (error) {
			const canRetry = isTransient(error) && failures < retries && (isSafeToResend(action) || request.recover);
			if (!canRetry) {
				// Our transport raises NodeApiErrors only; re-wrapping one hands back the same error.
				const failure = new NodeApiError(this.getNode(), error as JsonObject);
				if (failures > 0) failure.message += ` (after ${failures + 1} tries)`;
				// A write that got no clear answer may have been made: say so rather than invite a blind resend.
				if (isTransient(error) && !isSafeToResend(action)) {
					failure.message += `; InEvent may have applied ${action} all the same: check before sending it again`;
				}
				throw failure;
			}
			failures++;
			await clock.sleep(backoffMs(failures));
			const recovered = isSafeToResend(action) ? undefined : await request.recover?.();
			if (recovered) return recovered;
		}
	}
}
