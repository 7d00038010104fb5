import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import type { InEventContext } from './context';
import type { InEventEnvelope } from './envelope';
import { executionSettingsOf } from './execution';
import { inEventApiRequest } from './request';
import type { InEventRequest } from './request';

/** InEvent serves at most 100 items a page (inevent-api.md §6). */
export const INEVENT_MAX_PAGE_SIZE = 100;

export interface PageLimit {
	returnAll: boolean;
	limit?: number;
	/** The record's ID field (personID, eventID): an item seen on an earlier page is not repeated. */
	idKey?: string;
	/** Items without that ID are all kept, identical ones too, instead of being told apart by their content. */
	keepIdentical?: boolean;
}

interface PendingPage {
	offset: number;
	size: number;
	answer: Promise<InEventEnvelope>;
}

/** How a paged read ended: at the end of the list (a short page), or at its limit or when told to stop. */
export interface PagedRead {
	/** Items handed over (after de-duplication). */
	read: number;
	/** Whether a short page showed the end of the list. */
	ended: boolean;
}

/**
 * Reads a `find` action with `limit`/`offset`, always at the largest page InEvent serves. After a
 * first full page, the next offsets are asked for ahead of time (as many as the execution may have
 * in flight, Options › Max Concurrent Requests; the account's shared pace decides when each starts),
 * so a list goes at InEvent's rate rather than its latency. Pages are read in offset order; reading
 * stops at the first short page (the pages already asked for beyond it are the only waste, fewer
 * than those in flight), and with `limit` no page beyond `ceil(limit / 100)` is asked for. A failed
 * page is retried by the transport; one that still fails fails the list, naming its offset. Items
 * are de-duplicated by ID, so a list that shifts while it is read repeats nothing.
 */
export async function inEventApiRequestAllItems(
	this: InEventContext,
	action: string,
	request: InEventRequest,
	limit: PageLimit,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	await inEventApiReadPages.call(this, action, request, limit, (page) => {
		for (const item of page) items.push(item);
	});
	return items;
}

/**
 * The same paged read, handing each page's new items to `visit` as it arrives (in offset order) and
 * keeping none of them itself, so a caller can keep only what it needs of a long list. `visit`
 * returning false stops the read (pages asked for ahead and not yet sent are not sent); a `visit`
 * that returns a promise (writing the page to a file) is awaited before the next page is handed over.
 */
export async function inEventApiReadPages(
	this: InEventContext,
	action: string,
	request: InEventRequest,
	{ returnAll, limit, idKey, keepIdentical = false }: PageLimit,
	visit: (page: IDataObject[]) => boolean | void | Promise<boolean | void>,
): Promise<PagedRead> {
	const wanted = returnAll ? Infinity : Math.max(1, Math.floor(limit ?? 50));
	const ahead = Math.max(1, executionSettingsOf(this).maxInFlight);
	const seen = new Set<string>();
	const pending: PendingPage[] = [];
	let read = 0;
	let nextOffset = 0;
	let ended = false;
	let done = false;
	const cancelled = (): boolean => done;

	const ask = (): void => {
		const size = Math.min(INEVENT_MAX_PAGE_SIZE, wanted - nextOffset);
		const offset = nextOffset;
		const answer = inEventApiRequest.call(this, action, {
			...request,
			qs: { ...request.qs, limit: size, offset },
			cancelled,
		});
		answer.catch(() => undefined); // awaited in order below; a page abandoned after a short one must not go unhandled
		pending.push({ offset, size, answer });
		nextOffset += size;
	};

	const readInOrder = async (): Promise<void> => {
		while (pending.length > 0) {
			const page = pending.shift() as PendingPage;
			const { data } = await page.answer.catch((error: unknown) => {
				throw pageError(this, action, page.offset, error, request.itemIndex);
			});
			const fresh: IDataObject[] = [];
			for (const item of data) {
				const key =
					idKey && item[idKey] !== undefined ? String(item[idKey]) : keepIdentical ? undefined : JSON.stringify(item);
				if ((key !== undefined && seen.has(key)) || read >= wanted) continue;
				if (key !== undefined) seen.add(key);
				fresh.push(item);
				read++;
			}
			if ((await visit(fresh)) === false) return;
			if (data.length < page.size) {
				ended = true;
				return;
			}
			if (read >= wanted) return;
			if (fresh.length === 0) {
				const message = `InEvent returned the same page twice for ${action} at offset ${page.offset}`;
				throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, itemIndex: request.itemIndex });
			}
			// The first page went alone: a list that fits in one page costs one call, as before.
			while (pending.length < ahead && nextOffset < wanted) ask();
		}
	};

	ask();
	try {
		await readInOrder();
		return { read, ended };
	} finally {
		// Pages read ahead of the end: those not started are not sent; none outlives the list.
		done = true;
		await Promise.allSettled(pending.map(async (page) => await page.answer));
	}
}

function pageError(
	context: InEventContext,
	action: string,
	offset: number,
	error: unknown,
	itemIndex?: number,
): NodeApiError {
	const failure = new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
	failure.message = `${failure.message} (reading ${action} at offset ${offset}; no partial list was returned)`;
	return failure;
}
