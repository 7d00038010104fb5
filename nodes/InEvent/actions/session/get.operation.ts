import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { eventLocator, optionsCollection, sessionLocator, simplifyProperty } from '../common.descriptions';
import { SESSION_FIELD_TYPES, SESSION_SIMPLE } from './session.fields';

// The event is asked for only so the session list can be searched; `activity.get` needs just the session ID.
const properties: INodeProperties[] = [eventLocator, sessionLocator, simplifyProperty, optionsCollection()];

export const description = showOnlyFor('activity', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const sessionId = getIdParameter.call(this, 'activityId', 'Session ID', itemIndex);
	const { data } = await inEventApiRequest.call(this, 'activity.get', { qs: { activityID: sessionId }, itemIndex });
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, SESSION_FIELD_TYPES, SESSION_SIMPLE);
}
