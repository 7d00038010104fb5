import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { inEventApiRequest } from '../transport';
import type { InEventContext, InEventEnvelope } from '../transport';

/**
 * InEvent's "not found": HTTP 400 "Couldn't find the personID" in its historical style (no 404 is
 * documented; inferred), or a 404 should it send one.
 */
export function isNotFound(error: unknown): boolean {
	const failure = error as { httpCode?: string | null; message?: string };
	return (
		(failure.httpCode === '400' || failure.httpCode === '404') &&
		/couldn'?t find|not found|doesn'?t exist/i.test(String(failure.message ?? ''))
	);
}

/**
 * The answer of a read, or undefined where InEvent has no such record (`isAbsent` says which
 * failures mean that: its "not found" unless the caller knows more). Any other failure is thrown.
 */
export async function readUnlessAbsent(
	this: InEventContext,
	action: string,
	qs: Record<string, string>,
	itemIndex?: number,
	isAbsent: (error: unknown) => boolean = isNotFound,
): Promise<InEventEnvelope | undefined> {
	try {
		return await inEventApiRequest.call(this, action, { qs, itemIndex });
	} catch (error) {
		if (isAbsent(error)) return undefined;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}
