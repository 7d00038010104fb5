import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const INEVENT_REGION_URLS = {
	na: 'https://api.inevent.com/',
	eu: 'https://api.inevent.uk/',
} as const;

/** The InEvent API root for the credential's region, always with one trailing slash. */
export function inEventBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = credentials.region ?? 'na';
	if (region === 'na' || region === 'eu') return INEVENT_REGION_URLS[region];
	const custom = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^\s/]+/i.test(custom)) {
		throw new InEventSignInError(
			'The InEvent credential uses a custom region but its Base URL is not an http(s) URL. Set Base URL, e.g. https://api.inevent.com/',
		);
	}
	return custom.endsWith('/') ? custom : `${custom}/`;
}

export const SIGN_IN_FAILURE_DESCRIPTION = 'The InEvent credential could not sign in.';

export const SIGN_IN_BUSY_DESCRIPTION =
	'InEvent could not take the sign-in just now (load or network); it is tried again.';

/**
 * Why a sign-in failed: `rejected` (the username, password, scope or account: final, tried once,
 * since InEvent locks accounts after repeated wrong passwords) or `busy` (a 429, a 5xx or the
 * network: says nothing about the password, so it may be tried again after a wait).
 */
export type SignInFailureKind = 'rejected' | 'busy';

/**
 * A sign-in failure. It deliberately carries no HTTP `response`: n8n re-runs `preAuthentication`
 * when an error with a 401 response escapes it, and a wrong password must cost one attempt only.
 */
export class InEventSignInError extends Error {
	/** n8n keeps `description` when it wraps this error, so the transport can recognise it. */
	readonly description: string;

	constructor(
		message: string,
		readonly kind: SignInFailureKind = 'rejected',
		/** For a 429: how long InEvent asked to wait (its Retry-After), when it said. */
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'InEventSignInError';
		this.description = kind === 'busy' ? SIGN_IN_BUSY_DESCRIPTION : SIGN_IN_FAILURE_DESCRIPTION;
	}
}

interface HttpFailure {
	message?: string;
	code?: string;
	response?: { status?: number; statusText?: string; data?: unknown; headers?: Record<string, unknown> };
}

function signInFailure(
	failure: HttpFailure,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
): InEventSignInError {
	const who = `user "${String(credentials.username)}"`;
	const scope =
		credentials.scope === 'event' ? `Event scope (event ID ${String(credentials.eventId)})` : 'System scope';
	const status = failure.response?.status;
	if (status === undefined) {
		return new InEventSignInError(
			`Could not reach InEvent at ${baseUrl} to sign in (${networkFailureInWords(failure.code)}). Check the credential's Region / Base URL.`,
			'busy',
		);
	}
	const said = redact(inEventMessageOf(failure.response?.data, failure.response?.statusText), credentials);
	const quoted = `HTTP ${status}${said ? `: ${said}` : ''}`;
	if (status === 429) {
		return new InEventSignInError(
			`InEvent is rate limiting the sign-in of ${who} at ${baseUrl} (${quoted}). This is load, not the password: wait a moment and try again.`,
			'busy',
			retryAfterMsOf(failure.response?.headers),
		);
	}
	if (status >= 500) {
		return new InEventSignInError(
			`InEvent failed to sign in ${who} at ${baseUrl} (${quoted}). This is a problem on InEvent's side, not the password: try again later.`,
			'busy',
		);
	}
	if (TWO_FACTOR_HINT.test(said)) return new InEventSignInError(twoFactorMessage(credentials, said));
	const hint =
		credentials.scope === 'event'
			? 'Check the username, the Event-scope password, the event ID and the region.'
			: 'Check the username, the System-scope password and the region.';
	return new InEventSignInError(
		`InEvent rejected the sign-in of ${who} with ${scope} at ${baseUrl} (${quoted}). ${hint}`,
	);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds, if there is one. */
export function retryAfterMsOf(headers: Record<string, unknown> | undefined): number | undefined {
	const header = headers?.['retry-after'];
	const value = Array.isArray(header) ? (header[0] as unknown) : header;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * InEvent can ask company admins for a code it emails (help centre; the SDK's `verifyBy`/`code`
 * sign-in variants). How the API signals it is not documented: these words or fields are inferred.
 */
const TWO_FACTOR_HINT = /two[- ]?factor|2fa|verification code|authori[sz]ation code|verifyBy|code (is )?required/i;
const TWO_FACTOR_FIELDS = ['verifyBy', 'twoFactor', 'requiresCode', 'twoFactorEnabled'];

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

/** InEvent's error text from a JSON `{error:{message}}` body, a plain-text body or the reason phrase. */
export function inEventMessageOf(data: unknown, statusText?: string): string {
	if (data && typeof data === 'object') {
		const error = (data as IDataObject).error;
		if (error && typeof error === 'object' && typeof (error as IDataObject).message === 'string') {
			return String((error as IDataObject).message).trim();
		}
		if (typeof (data as IDataObject).message === 'string') return String((data as IDataObject).message).trim();
	}
	if (typeof data === 'string') {
		const text = data.trim();
		if (text && !/^\d{3}$/.test(text)) {
			const parsed = parseJsonObject(text);
			return parsed ? inEventMessageOf(parsed, statusText) : text.slice(0, 500);
		}
	}
	return (statusText ?? '').trim();
}

function parseJsonObject(text: string): IDataObject | undefined {
	if (!text.startsWith('{')) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

function redact(text: string, credentials: ICredentialDataDecryptedObject): string {
	let out = text;
	for (const secret of [credentials.password, credentials.tokenId]) {
		if (typeof secret === 'string' && secret.length > 0) out = out.split(secret).join('[redacted]');
	}
	return out;
}

export class InEventApi implements ICredentialType {
	name = 'inEventApi';

	displayName = 'InEvent API';

	icon: Icon = { light: 'file:../icons/inevent.svg', dark: 'file:../icons/inevent.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-inevent/n8n-nodes-inevent#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'North America (api.inevent.com)', value: 'na' },
				{ name: 'Europe (api.inevent.uk)', value: 'eu' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'na',
			description: 'The InEvent data centre that hosts your company. Data and tokens are region-local.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787/',
			description: 'Root of the InEvent API: a custom domain, or a local InEvent sandbox',
			displayOptions: { show: { region: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. admin@example.com',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password of the chosen scope: System scope and Event scope have different passwords',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			options: [
				{
					name: 'System',
					value: 'system',
					description: 'Full access to your companies and their events (needed for admin operations)',
				},
				{
					name: 'Event',
					value: 'event',
					description: 'Limited to one event, with User-level rights',
				},
			],
			default: 'system',
		},
		{
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 73565',
			displayOptions: { show: { scope: ['event'] } },
			required: true,
		},
		{
			displayName: 'Send Token As',
			name: 'authTransport',
			type: 'options',
			options: [
				{ name: 'Authorization Header (Bearer)', value: 'header' },
				{ name: 'tokenID Query Parameter', value: 'query' },
			],
			default: 'header',
			description: 'How the access token travels with each request. The header keeps it out of URLs and logs.',
		},
		{
			displayName: 'n8n Processes Using This Credential',
			name: 'processes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description:
				'How many n8n processes run workflows with this credential at the same time: 1 for a single n8n; in queue mode, the number of workers (plus the main process if it runs executions too). InEvent allows 10 calls per second per sign-in; each process keeps to its share (10 divided by this number) and slows down by itself if InEvent still refuses calls.',
		},
		{
			displayName: 'Token ID',
			name: 'tokenId',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = inEventBaseUrl(credentials);
		const qs: IDataObject = { action: 'person.signIn', username: String(credentials.username ?? '').trim() };
		if (credentials.scope === 'event') {
			const eventId = String(credentials.eventId ?? '').trim();
			if (!/^\d+$/.test(eventId)) {
				throw new InEventSignInError('The InEvent credential uses Event scope but its Event ID is not a number.');
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
			throw signInFailure(error as HttpFailure, credentials, baseUrl);
		}
		const tokenId = tokenOf(response);
		if (!tokenId && asksForTwoFactor(response)) throw new InEventSignInError(twoFactorMessage(credentials));
		if (!tokenId) {
			throw new InEventSignInError(
				`InEvent accepted the sign-in of user "${String(credentials.username)}" at ${baseUrl} but returned no tokenID. Check the Region / Base URL points at the InEvent API.`,
			);
		}
		return { tokenId };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.tokenId ?? '');
		const qs: IDataObject = { ...(requestOptions.qs ?? {}) };
		const headers: IDataObject = { Accept: 'application/json', ...(requestOptions.headers ?? {}) };
		if (credentials.authTransport === 'query') {
			qs.tokenID = token;
			delete headers.Authorization;
		} else {
			headers.Authorization = `Bearer ${token}`;
			delete qs.tokenID;
		}
		if (credentials.scope === 'event' && (qs.eventID === undefined || qs.eventID === '')) {
			qs.eventID = String(credentials.eventId ?? '').trim();
		}
		const isRelative = !/^https?:\/\//i.test(requestOptions.url ?? '');
		const baseURL = requestOptions.baseURL || (isRelative ? inEventBaseUrl(credentials) : undefined);
		return { ...requestOptions, ...(baseURL ? { baseURL } : {}), qs, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.region === "custom" ? $credentials.baseUrl : ($credentials.region === "eu" ? "https://api.inevent.uk/" : "https://api.inevent.com/")}}',
			url: '/',
			method: 'POST',
			qs: { action: 'api.describe' },
		},
	};
}

function firstRecord(response: unknown): IDataObject | undefined {
	const body = typeof response === 'string' ? parseJsonObject(response.trim()) : response;
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
