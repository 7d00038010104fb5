import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { eventLocator, optionsCollection, simplifyProperty } from '../common.descriptions';
import { EVENT_FIELD_TYPES, EVENT_SIMPLE } from './event.fields';

const properties: INodeProperties[] = [eventLocator, simplifyProperty, optionsCollection()];

export const description = showOnlyFor('event', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const { data } = await inEventApiRequest.call(this, 'event.get', { qs: { eventID: eventId }, itemIndex });
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, EVENT_FIELD_TYPES, EVENT_SIMPLE);
}
