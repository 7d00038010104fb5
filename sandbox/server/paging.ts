import { badRequest } from './errors';
import type { StringMap } from './http';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface Page {
	limit: number;
	offset: number;
}

function readNonNegativeInteger(query: StringMap, name: string): number | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer`);
	return Number(raw);
}

/**
 * `limit` defaults to 20 and "can go up to 100" (§6): larger values are capped, not refused.
 * `offset` is taken as the number of items already read (the conventional reading; §6 notes the
 * docs' wording is ambiguous). `uncapped` is for Data Collectors on event.person.find (§3.4).
 * Inferred: limit=0 is refused, since it can never page forward.
 */
export function readPage(query: StringMap, options: { uncapped?: boolean } = {}): Page {
	const requested = readNonNegativeInteger(query, 'limit');
	if (requested === 0) throw badRequest('limit must be at least 1');
	const wanted = requested ?? DEFAULT_LIMIT;
	const limit = options.uncapped ? wanted : Math.min(wanted, MAX_LIMIT);
	const offset = readNonNegativeInteger(query, 'offset') ?? 0;
	return { limit, offset };
}

export function paginate<T>(items: readonly T[], page: Page): T[] {
	return items.slice(page.offset, page.offset + page.limit);
}
