import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { customFieldsOfEvent } from '../actions/attendee/customFields';
import { reportColumns } from '../actions/report/reportSchema';
import { inEventApiRequestAllItems } from '../transport';
import { idOfNode } from './nodeParameters';

/** The attendee-report columns of the node's event (`event.report.personSchema`). */
export async function getReportColumns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const eventId = idOfNode.call(this, 'eventId');
	if (!eventId) return [];
	const columns = await reportColumns.call(this, eventId);
	return columns.map(({ key, name }) => ({ name, value: key, description: key }));
}

/** The event's custom registration fields that have an API field key (`feedback.find`, inferred). */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const eventId = idOfNode.call(this, 'eventId');
	if (!eventId) return [];
	const fields = await customFieldsOfEvent.call(this, eventId);
	return fields
		.filter(({ apiKey }) => apiKey !== '')
		.map(({ name, apiKey }) => ({ name: name || apiKey, value: apiKey, description: `API field key: ${apiKey}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The event's attendee tags (`tag.find`, inferred), by name. */
export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const eventId = idOfNode.call(this, 'eventId');
	if (!eventId) return [];
	const tags = await inEventApiRequestAllItems.call(
		this,
		'tag.find',
		{ qs: { eventID: eventId, selection: 'all' } },
		{ returnAll: true, idKey: 'tagID' },
	);
	return tags
		.map((tag) => ({
			name: String(tag.name ?? tag.tagID),
			value: String(tag.tagID),
			description: `Tag ID ${String(tag.tagID)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
