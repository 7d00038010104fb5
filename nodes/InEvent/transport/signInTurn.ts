import { sleep } from 'n8n-workflow';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { storedTokenOf } from './accounts';
import type { InEventAccount } from './accounts';
import type { InEventContext } from './envelope';
import { inEventTransportError } from './errors';
import { executionSettingsOf } from './execution';
import { waitOutRateLimit } from './rateLimitWait';
import { backoffMs } from './retryPolicy';
import type { RequestScheduler } from './scheduler';
import { send, tokenIn } from './send';
import type { Sent } from './send';
import { SignInFailure, signInFailureOf } from './signInFailure';

/**
 * Signs in (n8n's preAuthentication, through the emptied token) and sends the request once:
 * on the wire, one sign-in and one request. A sign-in InEvent refuses for load is waited out (a
 * 429, as long as it takes) or tried again (a 5xx or the network, Options › Retries times); a
 * refused username or password is final, tried once, and remembered for the callers waiting.
 */
export async function signInAndSend(
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
			if (failure.kind === 'rejected') {
				account.session.remember(failure, account.passwordKey);
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
				account.session.remember(final, account.passwordKey);
				throw final.toNodeApiError(node, itemIndex);
			}
			await sleep(backoffMs(failures));
		} finally {
			const token = tokenIn(credential);
			if (token !== undefined) account.session.setToken(token);
		}
	}
}

/**
 * After a 401: takes a newer token from n8n's database when another process stored one, else
 * signs in and resends this call. Returns undefined when the caller should resend on its own.
 */
export async function refresh(
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
