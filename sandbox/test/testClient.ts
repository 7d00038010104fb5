import type { ApiObject } from '../server/envelope';
import type { Sandbox } from '../index';

/** A small fetch client for the sandbox's own tests (not a test file itself). */

export type Params = Record<string, string>;

export interface CallOptions {
	query?: Params;
	/** Sent as application/x-www-form-urlencoded unless `rawBody` is given. */
	body?: Params;
	rawBody?: string;
	contentType?: string;
	method?: 'GET' | 'POST' | 'PUT';
	/** Sent as the `tokenID` query attribute (URL-encoded). */
	token?: string;
	/** Sent as `Authorization: Bearer …`. */
	bearer?: string;
	/** To give up on an answer (e.g. `AbortSignal.timeout(300)`). */
	signal?: AbortSignal;
}

export interface CallResult {
	status: number;
	statusText: string;
	contentType: string;
	headers: Headers;
	text: string;
	json: ResponseJson | undefined;
}

/** A decoded answer: the success envelope or the JSON error object. */
export interface ResponseJson {
	count?: number;
	data?: ApiObject[];
	error?: { message?: string };
}

export function actionUrl(sandbox: Sandbox, action: string | undefined, query: Params = {}): string {
	const params = new URLSearchParams();
	if (action !== undefined) params.set('action', action);
	for (const [key, value] of Object.entries(query)) params.set(key, value);
	return `${sandbox.url}?${params.toString()}`;
}

export async function call(
	sandbox: Sandbox,
	action: string | undefined,
	options: CallOptions = {},
): Promise<CallResult> {
	const query = { ...(options.query ?? {}) };
	if (options.token !== undefined) query.tokenID = options.token;
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (options.bearer !== undefined) headers.Authorization = `Bearer ${options.bearer}`;
	let body: string | undefined;
	if (options.rawBody !== undefined) {
		body = options.rawBody;
		if (options.contentType) headers['Content-Type'] = options.contentType;
	} else if (options.body !== undefined) {
		body = new URLSearchParams(options.body).toString();
		headers['Content-Type'] = options.contentType ?? 'application/x-www-form-urlencoded';
	}
	const method = options.method ?? (body === undefined ? 'GET' : 'POST');
	const res = await fetch(actionUrl(sandbox, action, query), { method, headers, body, signal: options.signal });
	const text = await res.text();
	let json: ResponseJson | undefined;
	try {
		json = text === '' ? undefined : (JSON.parse(text) as ResponseJson);
	} catch {
		json = undefined;
	}
	return {
		status: res.status,
		statusText: res.statusText,
		contentType: res.headers.get('content-type') ?? '',
		headers: res.headers,
		text,
		json,
	};
}

export async function signIn(
	sandbox: Sandbox,
	username: string,
	password: string,
	eventID?: string,
): Promise<CallResult> {
	const query: Params = { username };
	if (eventID !== undefined) query.eventID = eventID;
	return call(sandbox, 'person.signIn', { query, body: { password } });
}

/** Signs in and returns the token; fails the test if sign-in fails. */
export async function tokenFor(
	sandbox: Sandbox,
	username: string,
	password: string,
	eventID?: string,
): Promise<string> {
	const result = await signIn(sandbox, username, password, eventID);
	if (result.status !== 200) throw new Error(`sign-in failed: ${result.status} ${result.text}`);
	return str(rowsOf(result)[0], 'tokenID');
}

/** The `data` rows of a successful answer; throws (failing the test) with the error otherwise. */
export function rowsOf(result: CallResult): ApiObject[] {
	if (result.status !== 200 || !result.json?.data) {
		throw new Error(`expected 200 with data, got ${result.status} ${errorMessage(result)}`);
	}
	return result.json.data;
}

/** A string field of a row; throws if it is missing or not a string. */
export function str(row: ApiObject, key: string): string {
	const value = row[key];
	if (typeof value !== 'string') throw new Error(`field ${key} is not a string: ${JSON.stringify(value)}`);
	return value;
}

/** The error message whatever the style (JSON body, text body or reason phrase). */
export function errorMessage(result: CallResult): string {
	if (result.json?.error?.message) return result.json.error.message;
	return result.text || result.statusText;
}

/** Walks a JSON value and lists the paths of scalars that are not strings. */
export function nonStringScalars(value: unknown, path = 'data'): string[] {
	if (typeof value === 'string') return [];
	if (Array.isArray(value)) return value.flatMap((item, index) => nonStringScalars(item, `${path}[${index}]`));
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, member]) => nonStringScalars(member, `${path}.${key}`));
	}
	return [`${path}: ${JSON.stringify(value)}`];
}

/** A call that may get no answer at all (socket destroyed, or given up via `signal`): the error instead. */
export async function attempt(
	sandbox: Sandbox,
	action: string | undefined,
	options: CallOptions = {},
): Promise<CallResult | Error> {
	try {
		return await call(sandbox, action, options);
	} catch (error) {
		if (error instanceof Error) return error;
		// An abort arrives as a DOMException, which is not an Error in every realm (jest's, for one).
		const failure = new Error(String(error));
		if (error !== null && typeof error === 'object' && 'name' in error && typeof error.name === 'string') {
			failure.name = error.name;
		}
		return failure;
	}
}
