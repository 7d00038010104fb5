import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions, getPageLimit } from '../../helpers/parameters';
import { stackSelection } from '../../helpers/selection';
import { toUnixSeconds } from '../../helpers/types';
import { inEventApiRequestAllItems } from '../../transport';
import type { InEventValue } from '../../transport';
import {
	eventLocator,
	limitProperty,
	optionsCollection,
	returnAllProperty,
	selectionProperty,
	simplifyProperty,
} from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES, ATTENDEE_SELECTIONS, ATTENDEE_SIMPLE } from './attendee.fields';
import { tagIdsOf } from './tags';

const properties: INodeProperties[] = [
	eventLocator,
	selectionProperty(ATTENDEE_SELECTIONS),
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Part of the attendee name' },
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTags', loadOptionsDependsOn: ['eventId.value'] },
				default: [],
				description:
					'Attendees with any of these tags (the list comes from tag.find: inferred). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfterDate',
				type: 'dateTime',
				default: '',
				description: "Attendees changed after this date (InEvent's dateUpdated)",
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBeforeDate',
				type: 'dateTime',
				default: '',
				description: 'Attendees changed before this date',
			},
			{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		],
	},
	simplifyProperty,
	optionsCollection([
		{
			displayName: 'Full Profile',
			name: 'fullProfile',
			type: 'boolean',
			default: false,
			description: 'Whether to include the full profile, custom fields included (turn Simplify off to see it)',
		},
		{ displayName: 'Order By', name: 'order', type: 'string', default: '', placeholder: 'e.g. name' },
		{
			displayName: 'Order Direction',
			name: 'orderDirection',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			default: 'asc',
		},
	]),
];

export const description = showOnlyFor('attendee', 'getAll', properties);

function attendeeFilterQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): Record<string, InEventValue> {
	const node = this.getNode();
	const qs: Record<string, InEventValue> = {};
	for (const key of ['name', 'email', 'username'] as const) {
		if (typeof filters[key] === 'string' && filters[key] !== '') qs[key] = String(filters[key]).trim();
	}
	if (filters.updatedAfterDate)
		qs.updatedAfterDate = toUnixSeconds(node, itemIndex, 'Updated After', filters.updatedAfterDate);
	if (filters.updatedBeforeDate)
		qs.updatedBeforeDate = toUnixSeconds(node, itemIndex, 'Updated Before', filters.updatedBeforeDate);
	return qs;
}

function selectionOf(this: IExecuteFunctions, filters: IDataObject, itemIndex: number): string {
	const presets = [...(this.getNodeParameter('selection', itemIndex, ['all']) as string[])];
	const tags = tagIdsOf(this.getNode(), itemIndex, 'Filters › Tag Names or IDs', filters.tags);
	if (tags.length > 0) presets.push(`tags:${tags.join(',')}`);
	return stackSelection(presets);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = getOptions.call(this, itemIndex);
	const qs: Record<string, InEventValue> = {
		eventID: eventId,
		selection: selectionOf.call(this, filters, itemIndex),
		...attendeeFilterQuery.call(this, filters, itemIndex),
	};
	if (options.fullProfile === true) qs.fullProfile = '1';
	if (options.order) {
		qs.order = String(options.order);
		qs.orderDirection = String(options.orderDirection ?? 'asc');
	}
	const attendees = await inEventApiRequestAllItems.call(
		this,
		'event.person.find',
		{ qs, itemIndex },
		getPageLimit.call(this, itemIndex, 'personID'),
	);
	return toOutputItems.call(this, attendees, itemIndex, ATTENDEE_FIELD_TYPES, ATTENDEE_SIMPLE);
}
