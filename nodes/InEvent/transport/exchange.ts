import { NodeApiError, sleep } from 'n8n-workflow';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import { inEventEnvelopeError, inEventResponseError, inEventTransportError } from './errors';
import type { InEventHttpResponse } from './errors';
import { parseEnvelope } from './envelope';
import type { InEventContext, InEventEnvelope } from './envelope';
import { schedulerFor } from './scheduler';

type SendMode = 'capture' | 'refreshOn401';

/**
 * One HTTP exchange through n8n's httpRequestWithAuthentication (which signs in when the stored
 * token is empty and injects token and base URL through the credential's `authenticate`).
 * - `capture` keeps every answer, so an error's plain-text body or reason phrase is not lost
 *   (n8n's own error wrapping keeps only JSON bodies).
 * - `refreshOn401` lets n8n handle a 401 its way: sign in again once, then resend once.
 */
async function send(this: InEventContext, options: IHttpRequestOptions, mode: SendMode): Promise<InEventHttpResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(this, 'inEventApi', {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: mode === 'capture',
	})) as InEventHttpResponse;
}

/**
 * After a 401: n8n signs in again and resends once. A refusal after that is reported with what
 * InEvent said; a 429 on the resend is handed back to be waited out.
 */
async function resendWithRefresh(
	this: InEventContext,
	options: IHttpRequestOptions,
	action: string,
	refusal: InEventHttpResponse,
	itemIndex?: number,
): Promise<InEventHttpResponse> {
	const node = this.getNode();
	try {
		return await send.call(this, options, 'refreshOn401');
	} catch (error) {
		const httpCode = (error as NodeApiError).httpCode;
		if (httpCode === '429') return { body: undefined, headers: {}, statusCode: 429 };
		if (!httpCode || !/^\d+$/.test(httpCode)) throw inEventTransportError(node, action, error, itemIndex);
		const answer = httpCode === '401' ? refusal : { body: undefined, headers: {}, statusCode: Number(httpCode) };
		throw inEventResponseError(node, action, answer, itemIndex);
	}
}

/** A 429 is waited out this many times in a row at most before the item fails. */
const MAX_RATE_LIMITED_RETRIES = 20;

/**
 * A call refused with 401 joins (or starts) a token refresh at most once per token it was refused
 * with, and at most this many times: a call resent with a fresh token can find that token revoked
 * too (seen in the fault soak: two revocations a second apart failed the calls caught by both).
 */
const MAX_REFRESH_ROUNDS = 2;

/** How long to wait after a 429: InEvent's Retry-After when given, else exponential backoff with jitter. */
export function retryDelayMs(
	response: InEventHttpResponse,
	attempt: number,
	random: () => number = Math.random,
): number {
	const header = response.headers['retry-after'];
	const value = Array.isArray(header) ? header[0] : header;
	if (value !== undefined && value !== null && String(value).trim() !== '') {
		const seconds = Number(value);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
		const date = Date.parse(String(value));
		if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
	}
	const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
	return Math.round(base * (1 + random() * 0.5));
}

/**
 * One InEvent call, as the execution's scheduler paces it: a 429 is waited out and resent; a 401
 * is sent again through n8n's refresh (one sign-in, one resend), shared by every call that was
 * refused with the same token (again if the refreshed token is refused in turn, see
 * MAX_REFRESH_ROUNDS). Throws what InEvent said for any other failure.
 */
export async function exchange(
	this: InEventContext,
	action: string,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<InEventEnvelope> {
	const node = this.getNode();
	const scheduler = schedulerFor(this);
	let rateLimited = 0;
	let refreshRounds = 0;
	let refusedWithGeneration = -1;
	for (;;) {
		const generation = scheduler.tokenGeneration;
		let response = await scheduler
			.run(async () => await send.call(this, options, 'capture'))
			.catch((error: unknown) => {
				throw inEventTransportError(node, action, error, itemIndex);
			});
		if (response.statusCode === 401 && generation > refusedWithGeneration && refreshRounds < MAX_REFRESH_ROUNDS) {
			refreshRounds++;
			refusedWithGeneration = generation;
			const refusal = response;
			const outcome = await scheduler.refreshOnce(generation, async () =>
				scheduler.run(async () => await resendWithRefresh.call(this, options, action, refusal, itemIndex), true),
			);
			if (outcome.resend) continue;
			response = outcome.value;
		}
		if (response.statusCode === 429 && rateLimited < MAX_RATE_LIMITED_RETRIES) {
			rateLimited++;
			const waitMs = retryDelayMs(response, rateLimited);
			scheduler.blocked(waitMs);
			await sleep(waitMs);
			continue;
		}
		return envelopeOf(node, action, response, itemIndex);
	}
}

function envelopeOf(node: INode, action: string, response: InEventHttpResponse, itemIndex?: number): InEventEnvelope {
	if (response.statusCode < 200 || response.statusCode >= 300)
		throw inEventResponseError(node, action, response, itemIndex);
	const envelope = parseEnvelope(response.body);
	if (!envelope) throw inEventEnvelopeError(node, action, itemIndex);
	return envelope;
}
