import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { findEnrollment } from './lookups';
import { attendeeLocator, eventLocator, optionsCollection, sessionLocator } from '../common.descriptions';
import { SESSION_FIELD_TYPES } from './session.fields';

const properties: INodeProperties[] = [
	eventLocator,
	sessionLocator,
	attendeeLocator,
	optionsCollection([
		{
			displayName: 'Skip Webhooks',
			name: 'bypassWebhook',
			type: 'boolean',
			default: false,
			description: "Whether InEvent should not fire the event's webhooks for this enrollment (`bypassWebhook`)",
		},
	]),
];

export const description = showOnlyFor('activity', 'addAttendee', properties);

/** Enrolls an attendee of the event in the session (`activity.person.bind`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = getIdParameter.call(this, 'activityId', 'Session ID', itemIndex);
	const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
	const options = getOptions.call(this, itemIndex);
	const { data } = await inEventApiRequest.call(this, 'activity.person.bind', {
		qs: { activityID: sessionId, personID: personId, bypassWebhook: options.bypassWebhook === true ? '1' : undefined },
		itemIndex,
		// After an ambiguous failure: an enrollment that exists was made.
		recover: async () => await findEnrollment.call(this, sessionId, personId, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, SESSION_FIELD_TYPES);
}
