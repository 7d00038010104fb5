import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

export type InEventContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface InEventEnvelope {
	count: number;
	data: IDataObject[];
}

export function parseEnvelope(raw: unknown): InEventEnvelope | undefined {
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
