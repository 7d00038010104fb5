import { sleep } from 'n8n-workflow';
import type { ICredentialsDecrypted, IHttpRequestOptions, INode } from 'n8n-workflow';

import { retryAfterMsOf } from '../../../credentials/InEventApi.credentials';
import { accountOf, storedTokenOf } from './accounts';
import type { InEventAccount } from './accounts';
import type { InEventContext, InEventEnvelope } from './envelope';
import { parseEnvelope } from './envelope';
import {
	inEventEnvelopeError,
	inEventResponseError,
	inEventCancelledError,
	inEventSignInError,
	inEventTransportError,
	signInFailureOf,
} from './errors';
import type { InEventHttpResponse } from './errors';
import { backoffMs } from './retryPolicy';
import type { RequestScheduler } from './scheduler';
import { schedulerFor } from './scheduler';
import { transportSettingsFor } from './settings';
import type { Stamp } from './startWindow';

/**
 * One HTTP exchange through n8n's httpRequestWithAuthentication with the credential handed over
 * (`credentialsDecrypted`), carrying the process's current token: an empty one makes n8n sign in
 * first (preAuthentication), save the new token and send the request once. Every answer is kept
 * (`ignoreHttpStatusErrors`), so an error's plain-text body or reason phrase is not lost and a 401
 * is ours to handle, not n8n's second resend.
 */
async function send(
	this: InEventContext,
	options: IHttpRequestOptions,
	credential: ICredentialsDecrypted,
): Promise<InEventHttpResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(
		this,
		'inEventApi',
		{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true },
		{ credentialsDecrypted: credential },
	)) as InEventHttpResponse;
}

/** An answer, with the token generation it was sent with and its place in the window. */
interface Sent {
	response: InEventHttpResponse;
	token: string;
	generation: number;
	stamp: Stamp;
	/** Sent right after a sign-in: a 401 then means "not allowed", not "expired". */
	signedIn: boolean;
}

/**
 * A call refused with 401 joins (or starts) a token refresh at most once per token it was refused
 * with, and at most this many times: a call resent with a fresh token can find that token revoked
 * too (seen in the fault soak: two revocations a second apart).
 */
const MAX_REFRESH_ROUNDS = 2;

/** What InEvent asks after a 429: its Retry-After, else exponential backoff (0.5 s, 1 s … 30 s). */
function rateLimitWaitMs(retryAfterMs: number | undefined, attempt: number): number {
	return retryAfterMs ?? Math.min(30_000, 500 * 2 ** (attempt - 1));
}

/** Up to 25% more, so calls told to wait do not come back in lockstep. */
function withJitter(ms: number, random: () => number = Math.random): number {
	return Math.round(ms * (1 + random() * 0.25));
}

/** How long one call waits after a 429: InEvent's wait plus jitter. */
export function retryDelayMs(
	response: InEventHttpResponse,
	attempt: number,
	random: () => number = Math.random,
): number {
	return withJitter(rateLimitWaitMs(retryAfterMsOf(response.headers), attempt), random);
}

/** The account pauses for InEvent's wait; the refused call itself sleeps that plus jitter, then goes first. */
async function waitOutRateLimit(account: InEventAccount, waitMs: number, sentAt: number): Promise<void> {
	account.pace.blocked(waitMs, sentAt);
	await sleep(withJitter(waitMs));
}

/**
 * Signs in (n8n's preAuthentication, through the emptied token) and sends the request once:
 * on the wire, one sign-in and one request. A sign-in InEvent refuses for load is waited out (a
 * 429, as long as it takes) or tried again (a 5xx or the network, Options › Retries times); a
 * refused username or password is final, tried once, and remembered for the callers waiting.
 */
async function signInAndSend(
	this: InEventContext,
	account: InEventAccount,
	scheduler: RequestScheduler,
	options: IHttpRequestOptions,
	action: string,
	itemIndex?: number,
): Promise<Sent> {
	const node = this.getNode();
	for (let failures = 0, rateLimited = 0; ; ) {
		const credential = account.withToken('');
		const generation = account.session.generation;
		try {
			return await scheduler.run(
				account.pace,
				async (stamp) => {
					const response = await send.call(this, options, credential);
					return { response, token: tokenIn(credential) ?? '', generation, stamp, signedIn: true };
				},
				{ signsIn: true, first: true },
			);
		} catch (error) {
			const failure = signInFailureOf(error);
			if (!failure || tokenIn(credential) !== undefined) throw inEventTransportError(node, action, error, itemIndex);
			if (failure.rejected) {
				account.session.remember(failure, account.passwordKey);
				throw inEventSignInError(node, failure, itemIndex);
			}
			if (failure.rateLimited) {
				rateLimited++;
				await waitOutRateLimit(account, rateLimitWaitMs(failure.retryAfterMs, rateLimited), Date.now());
				continue;
			}
			failures++;
			if (failures > transportSettingsFor(this).retries) {
				const final = { rejected: false, message: `${failure.message} (after ${failures} tries)` };
				account.session.remember(final, account.passwordKey);
				throw inEventSignInError(node, final, itemIndex);
			}
			await sleep(backoffMs(failures));
		} finally {
			const token = tokenIn(credential);
			if (token !== undefined) account.session.setToken(token);
		}
	}
}

/** The token n8n's sign-in wrote into the credential handed over, if it signed in. */
function tokenIn(credential: ICredentialsDecrypted): string | undefined {
	const token = credential.data?.tokenId;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * After a 401: takes a newer token from n8n's database when another process stored one, else
 * signs in and resends this call. Returns undefined when the caller should resend on its own.
 */
async function refresh(
	this: InEventContext,
	account: InEventAccount,
	scheduler: RequestScheduler,
	options: IHttpRequestOptions,
	action: string,
	refused: string,
	itemIndex?: number,
): Promise<Sent | undefined> {
	const stored = await storedTokenOf(this);
	if (stored !== undefined && stored !== refused && !account.session.isRetired(stored)) {
		account.session.setToken(stored);
		return undefined;
	}
	return await signInAndSend.call(this, account, scheduler, options, action, itemIndex);
}

/**
 * Sends with the token in use when the turn comes. While a sign-in is under way the turn is
 * given back unused (undefined), and the caller waits for the new token instead of being refused.
 */
async function sendWithToken(
	this: InEventContext,
	account: InEventAccount,
	scheduler: RequestScheduler,
	options: IHttpRequestOptions,
	first: boolean,
	cancelled: () => boolean,
): Promise<Sent | undefined> {
	return await scheduler.run(
		account.pace,
		async (stamp) => {
			const { token, generation } = account.session;
			if (account.session.busy || token === undefined || cancelled()) {
				stamp.at = -Infinity;
				return undefined;
			}
			const response = await send.call(this, options, account.withToken(token));
			return { response, token, generation, stamp, signedIn: false };
		},
		{ first },
	);
}

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
	const account = await accountOf(this).catch((error: unknown) => {
		throw inEventTransportError(node, action, error, itemIndex);
	});
	const scheduler = schedulerFor(this);
	const { session } = account;
	let refreshRounds = 0;
	let refusedWith = -1;
	let rateLimited = 0;
	for (;;) {
		if (cancelled()) throw inEventCancelledError(node, action, itemIndex);
		const failure = await session.ready(account.passwordKey);
		if (failure) throw inEventSignInError(node, failure, itemIndex);
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
			const waitMs = rateLimitWaitMs(retryAfterMsOf(sent.response.headers), rateLimited);
			await waitOutRateLimit(account, waitMs, sent.stamp.at);
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
