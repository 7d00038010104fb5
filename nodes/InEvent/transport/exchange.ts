import type { ICredentialsDecrypted, IHttpRequestOptions, INode } from 'n8n-workflow';

import { accountOf, storedTokenOf } from './accounts';
import type { InEventAccount } from './accounts';
import type { InEventContext } from './context';
import { parseEnvelope } from './envelope';
import type { InEventEnvelope } from './envelope';
import { inEventCancelledError, inEventEnvelopeError, inEventResponseError, inEventTransportError } from './errors';
import type { InEventHttpResponse } from './errors';
import { executionOf, executionSettingsOf } from './execution';
import { waitOutRateLimit } from './pace';
import type { ExecutionPace, Turn } from './pace';
import { backoffMs } from './retryPolicy';
import { retryAfterMsOf, SignInFailure, signInFailureOf } from './token';

/**
 * One exchange with InEvent, on the wire and in the pace: the sign-in a cold or refused token needs
 * (one per credential for the whole process), the call in its turn, the 401 refresh and the 429 wait.
 * `request.ts` above it decides whether a failed exchange is tried again.
 */

/**
 * A call refused with 401 joins (or starts) a token refresh at most once per token it was refused
 * with, and at most this many times: a call resent with a fresh token can find that token revoked
 * too (seen in the fault soak: two revocations a second apart).
 */
const MAX_REFRESH_ROUNDS = 2;

/** An answer, with the token generation it was sent with and its turn in the pace. */
interface Sent {
	response: InEventHttpResponse;
	token: string;
	generation: number;
	turn: Turn;
	/** Sent right after a sign-in: a 401 then means "not allowed", not "expired". */
	signedIn: boolean;
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
	const { pace } = executionOf(this);
	const account = await accountOf(this).catch((error: unknown) => {
		throw inEventTransportError(node, action, error, itemIndex);
	});
	const { token } = account;
	let refreshRounds = 0;
	let refusedWith = -1;
	let rateLimited = 0;
	for (;;) {
		if (cancelled()) throw inEventCancelledError(node, action, itemIndex);
		const failure = await token.ready(account.passwordKey);
		if (failure) throw failure.toNodeApiError(node, itemIndex);
		let sent: Sent | undefined;
		if (token.current === undefined) {
			const outcome = await token.signInOnce(token.generation, async () =>
				signInAndSend.call(this, account, pace, options, action, itemIndex),
			);
			if (outcome.resend) continue;
			sent = outcome.value;
		} else {
			sent = await sendWithToken.call(this, account, pace, options, rateLimited > 0, cancelled).catch((error: unknown) => {
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
			token.retire(sent.token);
			const refused = sent.token;
			const outcome = await token.signInOnce(sent.generation, async () =>
				refresh.call(this, account, pace, options, action, refused, itemIndex),
			);
			if (outcome.resend || !outcome.value) continue;
			sent = outcome.value;
		}
		if (sent.response.statusCode === 429) {
			rateLimited++;
			const retryAfterMs = retryAfterMsOf(sent.response.headers, account.clock.now());
			await waitOutRateLimit(account.pace, retryAfterMs, rateLimited, sent.turn);
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

/** The token n8n's sign-in wrote into the credential handed over, if it signed in. */
function tokenIn(credential: ICredentialsDecrypted): string | undefined {
	const token = credential.data?.tokenId;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Sends with the token in use when the turn comes. While a sign-in is under way the turn is
 * given back unused (undefined), and the caller waits for the new token instead of being refused.
 */
async function sendWithToken(
	this: InEventContext,
	account: InEventAccount,
	pace: ExecutionPace,
	options: IHttpRequestOptions,
	first: boolean,
	cancelled: () => boolean,
): Promise<Sent | undefined> {
	return await pace.run(
		account.pace,
		async (turn) => {
			const { current: token, generation } = account.token;
			if (account.token.busy || token === undefined || cancelled()) {
				turn.giveBack();
				return undefined;
			}
			const response = await send.call(this, options, account.withToken(token));
			return { response, token, generation, turn, signedIn: false };
		},
		{ first },
	);
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
	pace: ExecutionPace,
	options: IHttpRequestOptions,
	action: string,
	itemIndex?: number,
): Promise<Sent> {
	const node = this.getNode();
	for (let failures = 0, rateLimited = 0; ; ) {
		const credential = account.withToken('');
		const generation = account.token.generation;
		try {
			return await pace.run(
				account.pace,
				async (turn) => {
					const response = await send.call(this, options, credential);
					return { response, token: tokenIn(credential) ?? '', generation, turn, signedIn: true };
				},
				{ signsIn: true, first: true },
			);
		} catch (error) {
			const failure = signInFailureOf(error);
			if (!failure || tokenIn(credential) !== undefined) throw inEventTransportError(node, action, error, itemIndex);
			if (failure.kind === 'rejected') {
				account.token.remember(failure, account.passwordKey);
				throw failure.toNodeApiError(node, itemIndex);
			}
			if (failure.rateLimited) {
				rateLimited++;
				await waitOutRateLimit(account.pace, failure.retryAfterMs, rateLimited);
				continue;
			}
			failures++;
			if (failures > executionSettingsOf(this).retries) {
				const final = new SignInFailure(`${failure.message} (after ${failures} tries)`, 'busy');
				account.token.remember(final, account.passwordKey);
				throw final.toNodeApiError(node, itemIndex);
			}
			await account.clock.sleep(backoffMs(failures));
		} finally {
			const token = tokenIn(credential);
			if (token !== undefined) account.token.setToken(token);
		}
	}
}

/**
 * After a 401: takes a newer token from n8n's database when another process stored one, else
 * signs in and resends this call. Returns undefined when the caller should resend on its own.
 */
async function refresh(
	this: InEventContext,
	account: InEventAccount,
	pace: ExecutionPace,
	options: IHttpRequestOptions,
	action: string,
	refused: string,
	itemIndex?: number,
): Promise<Sent | undefined> {
	const stored = await storedTokenOf(this);
	if (stored !== undefined && stored !== refused && !account.token.isRetired(stored)) {
		account.token.setToken(stored);
		return undefined;
	}
	return await signInAndSend.call(this, account, pace, options, action, itemIndex);
}
