import { CATALOGUE } from './catalogue.data';

/**
 * InEvent's actions as its official SDKs send them (catalogue.data.ts, generated from both SDKs by
 * scripts/catalogue/generate.ts; inevent-api.md Appendix A). Names only: which parameters go in the query
 * and which in the body, `tokenID` left out. An action with no names is one the SDKs name no parameters
 * for (the PHP SDK never names any), not necessarily one that takes none.
 */
export interface CatalogueEntry {
	action: string;
	query: string[];
	body: string[];
}

export interface CatalogueSearchItem {
	name: string;
	value: string;
	description: string;
}

/** Longest description of a search result; longer lists end in "+N more". */
const DESCRIPTION_LENGTH = 100;

const hasOwn = (action: string): boolean => Object.prototype.hasOwnProperty.call(CATALOGUE, action);

let sortedActions: readonly string[] | undefined;

function allActions(): readonly string[] {
	sortedActions ??= Object.keys(CATALOGUE).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return sortedActions;
}

export function catalogueEntry(action: string): CatalogueEntry | undefined {
	if (!hasOwn(action)) return undefined;
	const [query, body] = CATALOGUE[action];
	return { action, query: [...query], body: [...body] };
}

/** Every action of the catalogue, sorted. */
export function catalogueActions(): string[] {
	return [...allActions()];
}

/** Whether the action pages with the `limit` and `offset` query attributes (inevent-api.md §6). */
export function pagesWithLimit(action: string): boolean {
	if (!hasOwn(action)) return false;
	const [query] = CATALOGUE[action];
	return query.includes('limit') && query.includes('offset');
}

function namesUpTo(label: string, names: readonly string[], room: number): string {
	const all = `${label}: ${names.join(', ')}`;
	if (all.length <= room) return all;
	for (let shown = names.length - 1; shown > 0; shown--) {
		const cut = `${label}: ${names.slice(0, shown).join(', ')} +${names.length - shown} more`;
		if (cut.length <= room) return cut;
	}
	return `${label}: ${names.length} names`;
}

/** E.g. `query: eventID, selection, limit, offset · body: name`. */
function describe(query: readonly string[], body: readonly string[]): string {
	if (query.length === 0 && body.length === 0) return 'no parameters named in the SDKs';
	if (body.length === 0) return namesUpTo('query', query, DESCRIPTION_LENGTH);
	if (query.length === 0) return namesUpTo('body', body, DESCRIPTION_LENGTH);
	const separator = ' · ';
	const half = Math.floor((DESCRIPTION_LENGTH - separator.length) / 2);
	const bodyPart = namesUpTo(
		'body',
		body,
		Math.max(half, DESCRIPTION_LENGTH - separator.length - `query: ${query.join(', ')}`.length),
	);
	const queryPart = namesUpTo('query', query, DESCRIPTION_LENGTH - separator.length - bodyPart.length);
	return `${queryPart}${separator}${bodyPart}`;
}

/** The actions whose name contains the filter (any case), sorted, as list-search results. */
export function searchCatalogue(filter?: string): CatalogueSearchItem[] {
	const needle = (filter ?? '').trim().toLowerCase();
	return allActions()
		.filter((action) => needle === '' || action.toLowerCase().includes(needle))
		.map((action) => {
			const [query, body] = CATALOGUE[action];
			return { name: action, value: action, description: describe(query, body) };
		});
}
