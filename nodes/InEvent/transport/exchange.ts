import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import { accountOf } from './accounts';
import type { InEventContext, InEventEnvelope } from './envelope';
import { parseEnvelope } from './envelope';
import { inEventCancelledError, inEventEnvelopeError, inEventResponseError, inEventTransportError } from './errors';
import type { InEventHttpResponse } from './errors';
import { executionOf } from './execution';
import { retryAfterMsOf, waitOutRateLimit } from './rateLimitWait';
import { sendWithToken } from './send';
import type { Sent } from './send';
import { refresh, signInAndSend } from './signInTurn';

/**
 * A call refused with 401 joins (or starts) a token refresh at most once per token it was refused
 * with, and at most this many times: a call resent with a fresh token can find that token revoked
 * too (seen in the fault soak: two revocations a second apart).
 */
const MAX_REFRESH_ROUNDS = 2;

/**
 * One InEvent call, paced with every other call of this process on the same account: waits for a
 * sign-in under way (or is the one sign-in of a cold token), takes its turn, refreshes a refused
 * token once for all callers, and waits out every 429 (never failing an item for it). Throws what
 * InEvent said for any other failure.
 */
export async function exchange(
	this: InEventContext,
	action: string,
	options: IHttpRequestOptions,
	itemIndex?: number,
	cancelled: () => boolean = () => false,
): Promise<InEventEnvelope> {
	const node = this.getNode();
	const { scheduler } = executionOf(this);
	const account = await accountOf(this).catch((error: unknown) => {
		throw inEventTransportError(node, action, error, itemIndex);
	});
	const { session } = account;
	let refreshRounds = 0;
	let refusedWith = -1;
	let rateLimited = 0;
	for (;;) {
		if (cancelled()) throw inEventCancelledError(node, action, itemIndex);
		const failure = await session.ready(account.passwordKey);
		if (failure) throw failure.toNodeApiError(node, itemIndex);
		let sent: Sent | undefined;
		if (session.token === undefined) {
			const outcome = await session.signInOnce(session.generation, async () =>
				signInAndSend.call(this, account, scheduler, options, action, itemIndex),
			);
			if (outcome.resend) continue;
			sent = outcome.value;
		} else {
			sent = await sendWithToken
				.call(this, account, scheduler, options, rateLimited > 0, cancelled)
				.catch((error: unknown) => {
					throw inEventTransportError(node, action, error, itemIndex);
				});
			if (!sent) continue;
		}
		if (sent.response.statusCode === 401 && !sent.signedIn) {
			if (sent.generation <= refusedWith || refreshRounds >= MAX_REFRESH_ROUNDS) {
				return envelopeOf(node, action, sent.response, itemIndex);
			}
			refreshRounds++;
			refusedWith = sent.generation;
			session.retire(sent.token);
			const { token } = sent;
			const outcome = await session.signInOnce(sent.generation, async () =>
				refresh.call(this, account, scheduler, options, action, token, itemIndex),
			);
			if (outcome.resend || !outcome.value) continue;
			sent = outcome.value;
		}
		if (sent.response.statusCode === 429) {
			rateLimited++;
			await waitOutRateLimit(account.pace, retryAfterMsOf(sent.response.headers), rateLimited, sent.stamp);
			continue;
		}
		return envelopeOf(node, action, sent.response, itemIndex);
	}
}

function envelopeOf(node: INode, action: string, response: InEventHttpResponse, itemIndex?: number): InEventEnvelope {
	if (response.statusCode < 200 || response.statusCode >= 300)
		throw inEventResponseError(node, action, response, itemIndex);
	const envelope = parseEnvelope(response.body);
	if (!envelope) throw inEventEnvelopeError(node, action, itemIndex);
	return envelope;
}
