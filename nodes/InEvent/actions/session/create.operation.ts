import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { findSessionByNameAndStart } from '../../transport/lookups';
import { inEventApiRequest } from '../../transport/request';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { SESSION_FIELD_TYPES, SESSION_FIELDS } from './session.fields';
import { requireOrderedTimes, sessionValue } from './sessionValues';

const fieldOf = (key: string) => SESSION_FIELDS.find((field) => field.key === key)!;

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Opening Keynote',
	},
	{
		displayName: 'Start',
		name: 'dateBegin',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the session begins',
	},
	{
		displayName: 'End',
		name: 'dateEnd',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the session ends (not before Start)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Capacity',
				name: 'capacity',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How many attendees can enroll; 0 means unlimited (inferred meaning)',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Location',
				name: 'location',
				type: 'string',
				default: '',
				placeholder: 'e.g. Hall B',
				description: 'Room or place of the session',
			},
		],
	},
	optionsCollection(),
];

export const description = showOnlyFor('activity', 'create', properties);

/** Adds a session to the event's agenda (`activity.create`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const body: Record<string, string> = {};
	for (const key of ['name', 'dateBegin', 'dateEnd']) {
		body[key] = sessionValue(node, itemIndex, fieldOf(key), this.getNodeParameter(key, itemIndex));
	}
	requireOrderedTimes(node, itemIndex, body.dateBegin, body.dateEnd);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const key of ['description', 'location', 'capacity']) {
		if (additional[key] !== undefined) body[key] = sessionValue(node, itemIndex, fieldOf(key), additional[key]);
	}

	const { data } = await inEventApiRequest.call(this, 'activity.create', {
		qs: { eventID: eventId },
		body,
		itemIndex,
		// Exactly once: sessions have no unique key, so after an ambiguous failure look for this name at this start.
		recover: async () => await findSessionByNameAndStart.call(this, eventId, body.name, body.dateBegin, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, SESSION_FIELD_TYPES);
}
