import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { sessionExists } from './lookups';
import { eventLocator, optionsCollection, sessionLocator } from '../common.descriptions';

const properties: INodeProperties[] = [eventLocator, sessionLocator, optionsCollection([], { typedOutput: false })];

export const description = showOnlyFor('activity', 'delete', properties);

/** Deletes the session from the agenda (`activity.remove`), with its enrollments. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = getIdParameter.call(this, 'activityId', 'Session ID', itemIndex);
	await inEventApiRequest.call(this, 'activity.remove', {
		qs: { activityID: sessionId },
		itemIndex,
		// After an ambiguous failure: a session that is gone was deleted.
		recover: async () => ((await sessionExists.call(this, sessionId, itemIndex)) ? undefined : { count: 0, data: [] }),
	});
	return [{ json: { activityId: sessionId, deleted: true }, pairedItem: { item: itemIndex } }];
}
