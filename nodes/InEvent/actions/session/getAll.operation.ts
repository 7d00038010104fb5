import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getPageLimit } from '../../helpers/parameters';
import { stackSelection } from '../../helpers/selection';
import { toUnixSeconds } from '../../helpers/types';
import { invalidInput, requireNumericId } from '../../helpers/validation';
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
import { SESSION_FIELD_TYPES, SESSION_SIMPLE } from './session.fields';

/** `activity.find` presets. InEvent lists none for sessions: these are inferred (sandbox/README.md). */
const SELECTIONS = [
	{ name: 'All', value: 'all' },
	{ name: 'Attendee Enrolled (Inferred)', value: 'enrolled' },
	{ name: 'Attendee Not Enrolled (Inferred)', value: 'not-enrolled' },
	{ name: 'Seats Left (Inferred)', value: 'available' },
	{ name: 'Full (Inferred)', value: 'full' },
];

const NEEDS_ATTENDEE = ['enrolled', 'not-enrolled'];

const properties: INodeProperties[] = [
	eventLocator,
	{
		...selectionProperty(SELECTIONS),
		description: 'Which sessions; several are combined with AND. The attendee presets need Filters › Attendee ID.',
	},
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
				displayName: 'Attendee ID',
				name: 'personId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1330',
				description: 'Person ID the "Attendee Enrolled" / "Attendee Not Enrolled" selections refer to',
			},
			{
				displayName: 'Starts After',
				name: 'dateBegin',
				type: 'dateTime',
				default: '',
				description: 'Only sessions that begin at or after this time (inferred: InEvent filters on the start)',
			},
			{
				displayName: 'Starts Before',
				name: 'dateEnd',
				type: 'dateTime',
				default: '',
				description: 'Only sessions that begin at or before this time (inferred: InEvent filters on the start)',
			},
		],
	},
	simplifyProperty,
	optionsCollection(),
];

export const description = showOnlyFor('activity', 'getAll', properties);

/** Lists the event's agenda (`activity.find`), in start order. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const presets = this.getNodeParameter('selection', itemIndex, ['all']) as string[];
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const qs: Record<string, InEventValue> = { eventID: eventId, selection: stackSelection(presets) };
	if (filters.personId) qs.personID = requireNumericId(node, itemIndex, 'Attendee ID', filters.personId);
	else if (presets.some((preset) => NEEDS_ATTENDEE.includes(preset))) {
		throw invalidInput(node, itemIndex, 'Attendee ID is needed for the "Attendee Enrolled / Not Enrolled" selections');
	}
	if (filters.dateBegin) qs.dateBegin = toUnixSeconds(node, itemIndex, 'Starts After', filters.dateBegin);
	if (filters.dateEnd) qs.dateEnd = toUnixSeconds(node, itemIndex, 'Starts Before', filters.dateEnd);

	const sessions = await inEventApiRequestAllItems.call(
		this,
		'activity.find',
		{ qs, itemIndex },
		getPageLimit.call(this, itemIndex, 'activityID'),
	);
	return toOutputItems.call(this, sessions, itemIndex, SESSION_FIELD_TYPES, SESSION_SIMPLE);
}
