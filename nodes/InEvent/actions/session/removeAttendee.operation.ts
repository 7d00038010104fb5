import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { findEnrollment } from './lookups';
import { attendeeLocator, eventLocator, optionsCollection, sessionLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	eventLocator,
	sessionLocator,
	attendeeLocator,
	optionsCollection([], { typedOutput: false }),
];

export const description = showOnlyFor('activity', 'removeAttendee', properties);

/** Takes an attendee out of the session (`activity.person.dismiss`); they stay in the event. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = getIdParameter.call(this, 'activityId', 'Session ID', itemIndex);
	const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
	await inEventApiRequest.call(this, 'activity.person.dismiss', {
		qs: { activityID: sessionId, personID: personId },
		itemIndex,
		// After an ambiguous failure: no enrollment left means the removal happened.
		recover: async () =>
			(await findEnrollment.call(this, sessionId, personId, itemIndex)) ? undefined : { count: 0, data: [] },
	});
	return [{ json: { activityId: sessionId, personId, removed: true }, pairedItem: { item: itemIndex } }];
}
