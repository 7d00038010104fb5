import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { inEventApiRequest } from './request';
import type { InEventContext, InEventRequest } from './request';

/** InEvent serves at most 100 items a page (inevent-api.md §6). */
export const INEVENT_MAX_PAGE_SIZE = 100;

export interface PageLimit {
	returnAll: boolean;
	limit?: number;
}

function fingerprint(item: IDataObject | undefined): string {
	return item ? JSON.stringify(item) : '';
}

/**
 * Reads a `find` action page by page with `limit`/`offset` (offset = items already read), always at
 * the largest page InEvent serves, and stops on the first short page or when `limit` is reached.
 */
export async function inEventApiRequestAllItems(
	this: InEventContext,
	action: string,
	request: InEventRequest,
	{ returnAll, limit }: PageLimit,
): Promise<IDataObject[]> {
	const wanted = returnAll ? Infinity : Math.max(1, Math.floor(limit ?? 50));
	const items: IDataObject[] = [];
	let previousFirst = '';
	while (items.length < wanted) {
		const pageSize = Math.min(INEVENT_MAX_PAGE_SIZE, wanted - items.length);
		const { data } = await inEventApiRequest.call(this, action, {
			...request,
			qs: { ...request.qs, limit: pageSize, offset: items.length },
		});
		const first = fingerprint(data[0]);
		if (data.length > 0 && items.length > 0 && first === previousFirst) {
			const message = `InEvent returned the same page twice for ${action} at offset ${items.length}`;
			throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, itemIndex: request.itemIndex });
		}
		previousFirst = first;
		items.push(...data.slice(0, wanted - items.length));
		if (data.length < pageSize) break;
	}
	return items;
}
