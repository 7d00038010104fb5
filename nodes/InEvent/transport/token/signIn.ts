import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { inEventBaseUrl } from './baseUrl';
import { inEventMessageOf, jsonObjectIn, retryAfterMsOf } from './inEventAnswer';
import { redactCredentialSecrets } from './redact';
import { SignInFailure } from './signInFailure';

interface HttpFailure {
	message?: string;
	code?: string;
	response?: { status?: number; statusText?: string; data?: unknown; headers?: Record<string, unknown> };
}

/**
 * InEvent can ask company admins for a code it emails (help centre; the SDK's `verifyBy`/`code`
 * sign-in variants). How the API signals it is not documented: these words or fields are inferred.
 */
const TWO_FACTOR_HINT = /two[- ]?factor|2fa|verification code|authori[sz]ation code|verifyBy|code (is )?required/i;
const TWO_FACTOR_FIELDS = ['verifyBy', 'twoFactor', 'requiresCode', 'twoFactorEnabled'];

/**
 * The credential's `person.signIn` (its preAuthentication): the new token, or a SignInFailure that
 * says whether the password was refused (final) or InEvent was busy or unreachable (tried again).
 */
export async function signIn(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ tokenId: string }> {
	const baseUrl = inEventBaseUrl(credentials);
	const qs: IDataObject = { action: 'person.signIn', username: String(credentials.username ?? '').trim() };
	if (credentials.scope === 'event') {
		const eventId = String(credentials.eventId ?? '').trim();
		if (!/^\d+$/.test(eventId)) {
			throw new SignInFailure('The InEvent credential uses Event scope but its Event ID is not a number.');
		}
		qs.eventID = eventId;
	}
	let response: unknown;
	try {
		response = await this.helpers.httpRequest({
			method: 'POST',
			url: baseUrl,
			qs,
			body: new URLSearchParams({ password: String(credentials.password ?? '') }),
			headers: { Accept: 'application/json' },
			json: true,
		});
	} catch (error) {
		throw whySignInFailed(error as HttpFailure, credentials, baseUrl);
	}
	const tokenId = tokenOf(response);
	if (!tokenId && asksForTwoFactor(response)) throw new SignInFailure(twoFactorMessage(credentials));
	if (!tokenId) {
		throw new SignInFailure(
			`InEvent accepted the sign-in of user "${String(credentials.username)}" at ${baseUrl} but returned no tokenID. Check the Region / Base URL points at the InEvent API.`,
		);
	}
	return { tokenId };
}

/** What a refused or unanswered `person.signIn` means, in words that say what to check. */
function whySignInFailed(
	failure: HttpFailure,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): SignInFailure {
	const who = `user "${String(credentials.username)}"`;
	const scope =
		credentials.scope === 'event' ? `Event scope (event ID ${String(credentials.eventId)})` : 'System scope';
	const status = failure.response?.status;
	if (status === undefined) {
		return new SignInFailure(
			`Could not reach InEvent at ${baseUrl} to sign in (${networkFailureInWords(failure.code)}). Check the credential's Region / Base URL.`,
			'busy',
		);
	}
	const said = redactCredentialSecrets(
		inEventMessageOf(failure.response?.data, failure.response?.statusText),
		credentials,
	);
	const quoted = `HTTP ${status}${said ? `: ${said}` : ''}`;
	if (status === 429) {
		return new SignInFailure(
			`InEvent is rate limiting the sign-in of ${who} at ${baseUrl} (${quoted}). This is load, not the password: wait a moment and try again.`,
			'busy',
			retryAfterMsOf(failure.response?.headers),
		);
	}
	if (status >= 500) {
		return new SignInFailure(
			`InEvent failed to sign in ${who} at ${baseUrl} (${quoted}). This is a problem on InEvent's side, not the password: try again later.`,
			'busy',
		);
	}
	if (TWO_FACTOR_HINT.test(said)) return new SignInFailure(twoFactorMessage(credentials, said));
	const hint =
		credentials.scope === 'event'
			? 'Check the username, the Event-scope password, the event ID and the region.'
			: 'Check the username, the System-scope password and the region.';
	return new SignInFailure(`InEvent rejected the sign-in of ${who} with ${scope} at ${baseUrl} (${quoted}). ${hint}`);
}

function twoFactorMessage(credentials: ICredentialDataDecryptedObject, said?: string): string {
	return (
		`InEvent asks user "${String(credentials.username)}" for the two-factor code it sends by email${said ? ` (${said})` : ''}. ` +
		'An automation cannot type that code: sign in with an InEvent user that has two-factor authentication turned off ' +
		"(a dedicated integration user, System scope), or use the Event scope with the event's Event-scope password."
	);
}

/** n8n replaces messages that contain raw socket codes (ECONNREFUSED…) with generic text: say it in words. */
function networkFailureInWords(code: string | undefined): string {
	const words: Record<string, string> = {
		ECONNREFUSED: 'connection refused',
		ENOTFOUND: 'host not found',
		EAI_AGAIN: 'host name lookup failed',
		ETIMEDOUT: 'timed out',
		ECONNABORTED: 'timed out',
		ECONNRESET: 'connection reset',
		EHOSTUNREACH: 'host unreachable',
	};
	return (code && words[code]) || 'network failure';
}

function firstRecord(response: unknown): IDataObject | undefined {
	const body = typeof response === 'string' ? jsonObjectIn(response.trim()) : response;
	if (!body || typeof body !== 'object') return undefined;
	const data = (body as IDataObject).data;
	const first: unknown = Array.isArray(data) ? data[0] : undefined;
	return first && typeof first === 'object' ? (first as IDataObject) : undefined;
}

function asksForTwoFactor(response: unknown): boolean {
	const record = firstRecord(response);
	return (
		record !== undefined &&
		TWO_FACTOR_FIELDS.some((field) => record[field] !== undefined && record[field] !== '' && record[field] !== '0')
	);
}

function tokenOf(response: unknown): string | undefined {
	const token = firstRecord(response)?.tokenID;
	return typeof token === 'string' && token.length > 0 ? token : undefined;
}
