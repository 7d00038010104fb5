import { badRequest } from './errors';
import { parseIdList } from './params';

/** One preset of a `selection`, e.g. `next-events` or `tags:1,2` (name `tags`, argument `1,2`). */
export interface SelectionPart {
	name: string;
	argument: string | undefined;
}

/** `selection` presets stack with `|` and combine as AND (§6). */
export function parseSelection(selection: string): SelectionPart[] {
	return selection.split('|').map((raw) => {
		const part = raw.trim();
		if (part === '') throw badRequest('selection contains an empty preset');
		const colon = part.indexOf(':');
		return colon === -1
			? { name: part, argument: undefined }
			: { name: part.slice(0, colon), argument: part.slice(colon + 1) };
	});
}

/** Tag IDs from `tags:1,2`, or from the `tags` query attribute when the preset is bare. */
export function tagArgument(part: SelectionPart, tagsQuery: string | undefined): string[] {
	const source = part.argument ?? tagsQuery;
	if (source === undefined || source === '') {
		throw badRequest('selection tags needs tag IDs, e.g. tags:1,2');
	}
	return parseIdList(source, 'tags');
}

export function hasAnyTag(tagIDs: readonly string[], wanted: readonly string[]): boolean {
	return wanted.some((tag) => tagIDs.includes(tag));
}

export type SortDirection = 'asc' | 'desc';

export function readDirection(value: string | undefined): SortDirection {
	if (value === undefined || value === '') return 'asc';
	const lower = value.toLowerCase();
	if (lower === 'asc' || lower === 'desc') return lower;
	throw badRequest('orderDirection must be asc or desc');
}

/** Numeric-aware comparison so IDs ("9" < "10") and timestamps sort as numbers. */
export function compareValues(a: string | number, b: string | number): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const as = String(a);
	const bs = String(b);
	if (/^\d+$/.test(as) && /^\d+$/.test(bs)) return Number(as) - Number(bs);
	return as.localeCompare(bs, 'en', { sensitivity: 'base' });
}

/**
 * For finds whose presets are undocumented (`feedback.find`, `tag.find`): `selection` is required (the SDK
 * always sends it) and only `all` is known (inferred); anything else → 400.
 */
export function assertSelectionAll(selection: string): void {
	for (const part of parseSelection(selection)) {
		if (part.name !== 'all' || part.argument !== undefined) {
			throw badRequest(
				`selection ${part.argument === undefined ? part.name : `${part.name}:${part.argument}`} is not valid`,
			);
		}
	}
}
