import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { findSessionByNameAndStart } from './lookups';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { SESSION_FIELD_TYPES, sessionField, sessionFieldProperty } from './session.fields';
import { requireOrderedTimes, sessionValue } from './sessionValues';

const required = (key: string): INodeProperties => ({ ...sessionFieldProperty(sessionField(key)), required: true });

const properties: INodeProperties[] = [
	eventLocator,
	required('name'),
	required('dateBegin'),
	required('dateEnd'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: ['capacity', 'description', 'location'].map((key) => sessionFieldProperty(sessionField(key))),
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
		body[key] = sessionValue(node, itemIndex, sessionField(key), this.getNodeParameter(key, itemIndex));
	}
	requireOrderedTimes(node, itemIndex, body.dateBegin, body.dateEnd);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const key of ['description', 'location', 'capacity']) {
		if (additional[key] !== undefined) body[key] = sessionValue(node, itemIndex, sessionField(key), additional[key]);
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
