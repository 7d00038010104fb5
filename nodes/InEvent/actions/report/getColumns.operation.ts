import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter } from '../../helpers/parameters';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { reportColumns } from './reportSchema';

const properties: INodeProperties[] = [eventLocator, optionsCollection([], { typedOutput: false })];

export const description = showOnlyFor('report', 'getColumns', properties);

/** The columns the attendee report can hold (`event.report.personSchema`): one item per column. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const columns = await reportColumns.call(this, eventId, itemIndex);
	return this.helpers.constructExecutionMetaData(
		this.helpers.returnJsonArray(columns.map((column) => ({ ...column }))),
		{ itemData: { item: itemIndex } },
	);
}
