import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getPageLimit } from '../../helpers/parameters';
import { stackSelection } from '../../helpers/selection';
import { toUnixSeconds, toZeroOne } from '../../helpers/types';
import { invalidInput, requireTagIds } from '../../helpers/validation';
import { inEventApiRequestAllItems } from '../../transport';
import type { InEventValue } from '../../transport';
import {
	companyLocator,
	limitProperty,
	optionsCollection,
	returnAllProperty,
	selectionProperty,
	simplifyProperty,
} from '../common.descriptions';
import { EVENT_FIELD_TYPES, EVENT_SIMPLE } from './event.fields';

/** The `selection` presets of `company.event.find` (inevent-api.md §9.3), stacked with "|" (AND). */
const SELECTIONS: Array<{ name: string; value: string }> = [
	{ name: 'All', value: 'all' },
	{ name: 'Approved', value: 'approved' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Best Fit', value: 'best-fit' },
	{ name: 'Current Events', value: 'current-events' },
	{ name: 'Denied', value: 'denied' },
	{ name: 'Enrolled', value: 'enrolled' },
	{ name: 'Events I Created', value: 'my-events-created' },
	{ name: 'Events I Host', value: 'my-events' },
	{ name: 'Multi Day Events', value: 'multi-day-events' },
	{ name: 'Next Events', value: 'next-events' },
	{ name: 'Not Archived', value: 'not-archived' },
	{ name: 'Online Events', value: 'online-events' },
	{ name: 'Paid', value: 'paid' },
	{ name: 'Past Events', value: 'past-events' },
	{ name: 'Present', value: 'present' },
	{ name: 'Presential Events', value: 'presential-events' },
	{ name: 'Single Day Events', value: 'single-day-events' },
	{ name: 'Working', value: 'working' },
];

const properties: INodeProperties[] = [
	companyLocator,
	selectionProperty(SELECTIONS),
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description: 'Whether to show archived events',
			},
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{
				displayName: 'Date Begin',
				name: 'dateBegin',
				type: 'dateTime',
				default: '',
				description: 'Events beginning from this date',
			},
			{
				displayName: 'Date End',
				name: 'dateEnd',
				type: 'dateTime',
				default: '',
				description: 'Events ending by this date',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Part of the event name' },
			{
				displayName: 'Order',
				name: 'order',
				type: 'string',
				default: '',
				placeholder: 'e.g. dateBegin',
				description: 'Results order',
			},
			{
				displayName: 'Presential',
				name: 'presential',
				type: 'boolean',
				default: true,
				description: 'Whether the event is face-to-face',
			},
			{
				displayName: 'Public',
				name: 'public',
				type: 'boolean',
				default: true,
				description: 'Whether the event is public',
			},
			{
				displayName: 'Tag IDs',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. 29124,4255',
				description: 'Comma-separated tag IDs',
			},
			{ displayName: 'Template ID', name: 'templateId', type: 'string', default: '' },
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: 'Timezone in which the date filters are read',
			},
			{
				displayName: 'Visible',
				name: 'visible',
				type: 'boolean',
				default: true,
				description: 'Whether the event is visible',
			},
		],
	},
	simplifyProperty,
	optionsCollection(),
];

export const description = showOnlyFor('event', 'getAll', properties);

function eventFilterQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): Record<string, InEventValue> {
	const node = this.getNode();
	const qs: Record<string, InEventValue> = {};
	for (const key of ['name', 'city', 'order', 'timezone'] as const) {
		if (typeof filters[key] === 'string' && filters[key] !== '') qs[key] = String(filters[key]).trim();
	}
	for (const key of ['presential', 'public', 'visible', 'archived'] as const) {
		if (filters[key] !== undefined) qs[key] = toZeroOne(filters[key]);
	}
	if (filters.dateBegin) qs.dateBegin = toUnixSeconds(node, itemIndex, 'Date Begin', filters.dateBegin);
	if (filters.dateEnd) qs.dateEnd = toUnixSeconds(node, itemIndex, 'Date End', filters.dateEnd);
	if (filters.templateId) {
		const id = String(filters.templateId).trim();
		if (!/^\d+$/.test(id))
			throw invalidInput(node, itemIndex, `Template ID must be a number (got "${id.slice(0, 40)}")`);
		qs.templateID = id;
	}
	if (filters.tags) qs.tags = requireTagIds(node, itemIndex, filters.tags);
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const selection = stackSelection(this.getNodeParameter('selection', itemIndex, ['all']) as string[]);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = { companyID: companyId, selection, ...eventFilterQuery.call(this, filters, itemIndex) };

	const events = await inEventApiRequestAllItems.call(
		this,
		'company.event.find',
		{ qs, itemIndex },
		getPageLimit.call(this, itemIndex, 'eventID'),
	);
	return toOutputItems.call(this, events, itemIndex, EVENT_FIELD_TYPES, EVENT_SIMPLE);
}
