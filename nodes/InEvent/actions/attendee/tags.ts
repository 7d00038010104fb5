import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../helpers/validation';

/** Whether an item's tags are added to the attendee's or replace them. */
export type TagMode = 'add' | 'replace';

/** The attendee's tags, picked by name from the event's tags (`tag.find`, inferred) or given as IDs. */
export const tagsOption: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tagIDs',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTags', loadOptionsDependsOn: ['eventId.value'] },
	default: [],
	description:
		'Tags of the event, listed by tag.find (inferred); Tag Mode says whether they are added or replace the current ones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const tagModeOption: INodeProperties = {
	displayName: 'Tag Mode',
	name: 'tagMode',
	type: 'options',
	options: [
		{ name: 'Add to Current Tags', value: 'add', description: 'Keep the tags the attendee has and add these' },
		{ name: 'Replace Current Tags', value: 'replace', description: 'The attendee ends up with exactly these tags' },
	],
	default: 'add',
	description: 'Only used with Tag Names or IDs',
};

/** Tags as a list: from the picker's array, or comma-separated as InEvent's `tagIDs` and expressions give them. */
export function tagListOf(value: unknown): string[] {
	return (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((tag) => String(tag).trim())
		.filter(Boolean);
}

/** Tag IDs as n8n hands them: a list from the picker, or "1, 2" from an expression. */
export function tagIdsOf(node: INode, itemIndex: number, label: string, value: unknown): string[] {
	const parts = tagListOf(value);
	const bad = parts.find((tag) => !/^\d+$/.test(tag));
	if (bad !== undefined)
		throw invalidInput(
			node,
			itemIndex,
			`${label} must be tag IDs (numbers) or tags from the list (got "${bad.slice(0, 40)}")`,
		);
	return [...new Set(parts)];
}

/** The tag change an item asks for, or undefined when it names no tags (Replace with none clears them). */
export function tagChangeOf(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
): { ids: string[]; mode: TagMode } | undefined {
	if (!('tagIDs' in fields)) return undefined;
	const mode: TagMode = fields.tagMode === 'replace' ? 'replace' : 'add';
	const ids = tagIdsOf(node, itemIndex, 'Tag Names or IDs', fields.tagIDs);
	if (ids.length === 0 && mode === 'add') return undefined;
	return { ids, mode };
}
