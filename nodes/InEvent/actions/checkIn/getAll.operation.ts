import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions, getPageLimit } from '../../helpers/parameters';
import { invalidInput, requireNumericId } from '../../helpers/validation';
import { inEventApiRequestAllItems } from '../../transport';
import type { InEventValue } from '../../transport';
import { eventLocator, limitProperty, optionsCollection, returnAllProperty } from '../common.descriptions';
import { SCAN_FIELD_TYPES } from './checkIn.fields';

/** `checklog.find` takes one `key` + `query` pair: these are the keys the node offers (inferred). */
const MATCH_KEYS: ReadonlyArray<{ parameter: string; key: string; label: string; numeric: boolean }> = [
	{ parameter: 'personId', key: 'personID', label: 'Attendee ID', numeric: true },
	{ parameter: 'activityId', key: 'activityID', label: 'Session ID', numeric: true },
	{ parameter: 'code', key: 'code', label: 'Badge Code', numeric: false },
];

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Scans',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Check-Ins Only', value: 'in' },
			{ name: 'Check-Outs Only', value: 'out' },
		],
		default: 'all',
	},
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filter',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'InEvent filters the log by one of these at a time (the filter keys are inferred)',
		options: MATCH_KEYS.map(({ parameter, label }) => ({
			displayName: label,
			name: parameter,
			type: 'string' as const,
			default: '',
			description:
				parameter === 'activityId'
					? 'Only scans at this session; 0 means scans at the event itself'
					: `Only scans of this ${label.toLowerCase()}`,
		})),
	},
	optionsCollection([
		{
			displayName: 'Newest First',
			name: 'newestFirst',
			type: 'boolean',
			default: false,
			description: 'Whether to return the latest scans first (by default the oldest come first)',
		},
	]),
];

export const description = showOnlyFor('checkIn', 'getAll', properties);

/** Reads the event's check-in log (`checklog.find`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const direction = this.getNodeParameter('direction', itemIndex, 'all') as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const newestFirst = getOptions.call(this, itemIndex).newestFirst === true;

	const chosen = MATCH_KEYS.filter(({ parameter }) => String(filters[parameter] ?? '').trim() !== '');
	if (chosen.length > 1) {
		throw invalidInput(
			node,
			itemIndex,
			`Filter: InEvent filters the log by one field at a time; keep one of ${chosen.map(({ label }) => label).join(', ')}`,
		);
	}
	const qs: Record<string, InEventValue> = {
		eventID: eventId,
		selection: direction,
		sort: 'date',
		sortDirection: newestFirst ? 'desc' : 'asc',
	};
	const [match] = chosen;
	if (match) {
		const raw = filters[match.parameter];
		qs.key = match.key;
		qs.query = match.numeric ? requireNumericId(node, itemIndex, match.label, raw) : String(raw).trim();
	}

	const scans = await inEventApiRequestAllItems.call(
		this,
		'checklog.find',
		{ qs, itemIndex },
		getPageLimit.call(this, itemIndex, 'checklogID'),
	);
	return toOutputItems.call(this, scans, itemIndex, SCAN_FIELD_TYPES);
}
