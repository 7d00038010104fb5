import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter } from '../../helpers/parameters';
import { attendeeLocator, eventLocator, optionsCollection } from '../common.descriptions';
import { removeFromEvent } from './removal';

const properties: INodeProperties[] = [eventLocator, attendeeLocator, optionsCollection([], { typedOutput: false })];

export const description = showOnlyFor('attendee', 'delete', properties);

/** Removes the person from the event (`event.person.dismiss`); the InEvent account itself stays. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
	await removeFromEvent.call(this, eventId, personId, itemIndex);
	return [{ json: { personId, eventId, removed: true }, pairedItem: { item: itemIndex } }];
}
