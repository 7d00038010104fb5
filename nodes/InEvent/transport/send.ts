import type { ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';

import type { InEventAccount } from './accounts';
import type { InEventContext } from './envelope';
import type { InEventHttpResponse } from './errors';
import type { RequestScheduler } from './scheduler';
import type { Stamp } from './startWindow';

/** An answer, with the token generation it was sent with and its place in the window. */
export interface Sent {
	response: InEventHttpResponse;
	token: string;
	generation: number;
	stamp: Stamp;
	/** Sent right after a sign-in: a 401 then means "not allowed", not "expired". */
	signedIn: boolean;
}

/**
 * One HTTP exchange through n8n's httpRequestWithAuthentication with the credential handed over
 * (`credentialsDecrypted`), carrying the process's current token: an empty one makes n8n sign in
 * first (preAuthentication), save the new token and send the request once. Every answer is kept
 * (`ignoreHttpStatusErrors`), so an error's plain-text body or reason phrase is not lost and a 401
 * is ours to handle, not n8n's second resend.
 */
export async function send(
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
export function tokenIn(credential: ICredentialsDecrypted): string | undefined {
	const token = credential.data?.tokenId;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Sends with the token in use when the turn comes. While a sign-in is under way the turn is
 * given back unused (undefined), and the caller waits for the new token instead of being refused.
 */
export async function sendWithToken(
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
