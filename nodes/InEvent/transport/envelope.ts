import type { IDataObject } from 'n8n-workflow';

/** InEvent's answer to every action: `{count, data}` (inevent-api.md §5.1). */
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
