import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { requireEmail } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport/request';
import { attendeeLocator, eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES } from './attendee.fields';
import { emailProperty } from './attendeeEdits';

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Find By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{ name: 'Person ID', value: 'personId' },
			{ name: 'Email', value: 'email' },
		],
		default: 'personId',
	},
	{ ...attendeeLocator, displayOptions: { show: { lookupBy: ['personId'] } } },
	{ ...emailProperty(), displayOptions: { show: { lookupBy: ['email'] } } },
	optionsCollection(),
];

export const description = showOnlyFor('attendee', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex, 'personId') as string;
	const who =
		lookupBy === 'email'
			? { email: requireEmail(this.getNode(), itemIndex, 'Email', this.getNodeParameter('email', itemIndex)) }
			: { personID: getIdParameter.call(this, 'personId', 'Person ID', itemIndex) };
	const { data } = await inEventApiRequest.call(this, 'event.person.get', {
		qs: { eventID: eventId, ...who },
		itemIndex,
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, ATTENDEE_FIELD_TYPES);
}
