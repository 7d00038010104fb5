import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { invalidInput, requireEmail } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport';
import { findAttendeeByEmail } from './lookups';
import type { InEventEnvelope } from '../../transport';
import { attendeeLocator, eventLocator, optionsCollection, simplifyProperty } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES, ATTENDEE_SIMPLE } from './attendee.fields';
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
	simplifyProperty,
	optionsCollection(),
];

export const description = showOnlyFor('attendee', 'get', properties);

/** By person ID, or by email matched trimmed and without regard to case (`findAttendeeByEmail`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex, 'personId') as string;
	let found: InEventEnvelope | undefined;
	if (lookupBy === 'email') {
		const email = requireEmail(node, itemIndex, 'Email', this.getNodeParameter('email', itemIndex));
		found = await findAttendeeByEmail.call(this, eventId, email, itemIndex);
		if (!found) throw invalidInput(node, itemIndex, `Couldn't find the email ${email} at event ${eventId}`);
	} else {
		const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
		found = await inEventApiRequest.call(this, 'event.person.get', {
			qs: { eventID: eventId, personID: personId },
			itemIndex,
		});
	}
	return toOutputItems.call(this, found.data.slice(0, 1), itemIndex, ATTENDEE_FIELD_TYPES, ATTENDEE_SIMPLE);
}
