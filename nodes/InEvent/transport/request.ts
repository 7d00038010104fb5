import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';

import { toInEventApiError } from './errors';

export type InEventContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A scalar InEvent accepts: every value travels as a string. */
export type InEventValue = string | number | boolean;

export interface InEventRequest {
	/** Identifiers and selectors: eventID, companyID, personID, key, selection, limit, offset, filters. */
	qs?: Record<string, InEventValue | undefined>;
	/** Data values, sent as an application/x-www-form-urlencoded body (InEvent never takes JSON). */
	body?: Record<string, InEventValue | undefined>;
	itemIndex?: number;
}

export interface InEventEnvelope {
	count: number;
	data: IDataObject[];
}

function toWire(value: InEventValue): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

function compact(values: Record<string, InEventValue | undefined> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(values ?? {})) {
		if (value !== undefined && value !== '') out[key] = toWire(value);
	}
	return out;
}

function parseEnvelope(raw: unknown): InEventEnvelope | undefined {
	let body = raw;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { count, data } = body as { count?: unknown; data?: unknown };
	if (!Array.isArray(data) || count === undefined || Number.isNaN(Number(count))) return undefined;
	if (!data.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry))) return undefined;
	return { count: Number(count), data: data as IDataObject[] };
}

/**
 * The one way this package talks to InEvent: `POST {base}?action=<action>&<qs>` with a form body,
 * through n8n's httpRequestWithAuthentication so that the credential signs in, injects the token
 * and base URL (its `authenticate` hook), and signs in again once on a 401.
 * Both official SDKs send every action as POST, reads included (inevent-api.md §4).
 */
export async function inEventApiRequest(
	this: InEventContext,
	action: string,
	request: InEventRequest = {},
): Promise<InEventEnvelope> {
	const body = compact(request.body);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: '/',
		qs: { action, ...compact(request.qs) },
		headers: { Accept: 'application/json' },
		json: true,
	};
	if (Object.keys(body).length > 0) options.body = new URLSearchParams(body);

	let raw: unknown;
	try {
		raw = await this.helpers.httpRequestWithAuthentication.call(this, 'inEventApi', options);
	} catch (error) {
		throw toInEventApiError(this.getNode(), action, error, request.itemIndex);
	}
	const envelope = parseEnvelope(raw);
	if (!envelope) {
		const message = `InEvent answered ${action} without its {count, data} envelope`;
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description: 'The response was not InEvent data. Check the credential\'s Region / Base URL points at the InEvent API.',
			itemIndex: request.itemIndex,
		});
	}
	return envelope;
}
