import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { inEventApiRequest } from './request';
import type { InEventContext, InEventRequest } from './request';

/** InEvent serves at most 100 items a page (inevent-api.md §6). */
export const INEVENT_MAX_PAGE_SIZE = 100;

export interface PageLimit {
	returnAll: boolean;
	limit?: number;
	/** The record's ID field (personID, eventID): an item seen on an earlier page is not repeated. */
	idKey?: string;
}

/**
 * Reads a `find` action page by page with `limit`/`offset` (offset = items already read), always at
 * the largest page InEvent serves, and stops on the first short page or when `limit` is reached.
 * A failed page is retried by the transport; items are de-duplicated by ID, so a list that shifts
 * while it is read repeats nothing.
 */
export async function inEventApiRequestAllItems(
	this: InEventContext,
	action: string,
	request: InEventRequest,
	{ returnAll, limit, idKey }: PageLimit,
): Promise<IDataObject[]> {
	const wanted = returnAll ? Infinity : Math.max(1, Math.floor(limit ?? 50));
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	for (let offset = 0; items.length < wanted; ) {
		const pageSize = Math.min(INEVENT_MAX_PAGE_SIZE, wanted - items.length);
		const { data } = await inEventApiRequest.call(this, action, {
			...request,
			qs: { ...request.qs, limit: pageSize, offset },
		});
		offset += data.length;
		let fresh = 0;
		for (const item of data) {
			const key = idKey && item[idKey] !== undefined ? String(item[idKey]) : JSON.stringify(item);
			if (seen.has(key) || items.length >= wanted) continue;
			seen.add(key);
			items.push(item);
			fresh++;
		}
		if (data.length < pageSize) break;
		if (fresh === 0) {
			const message = `InEvent returned the same page twice for ${action} at offset ${offset - data.length}`;
			throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, itemIndex: request.itemIndex });
		}
	}
	return items;
}
