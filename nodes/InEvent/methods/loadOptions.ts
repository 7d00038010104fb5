import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { reportColumns } from '../actions/report/reportSchema';

/** The attendee-report columns of the node's event (`event.report.personSchema`). */
export async function getReportColumns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const eventId = this.getCurrentNodeParameter('eventId', { extractValue: true });
	if (typeof eventId !== 'string' || !/^\d+$/.test(eventId)) return [];
	const columns = await reportColumns.call(this, eventId);
	return columns.map(({ key, name }) => ({ name, value: key, description: key }));
}
