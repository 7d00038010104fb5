import type { INodeProperties } from 'n8n-workflow';

import { inferredNotice } from '../inferredNotice';

import * as getAttendees from './getAttendees.operation';
import * as getColumns from './getColumns.operation';

export { getAttendees, getColumns };

export const description: INodeProperties[] = [
	inferredNotice('report', 'its spreadsheet-report API'),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get Attendee Report',
				value: 'getAttendees',
				description: "Export an event's attendee spreadsheet as a CSV file or as items, with the columns you choose",
				action: 'Get the attendee report of an event',
			},
			{
				name: 'Get Report Columns',
				value: 'getColumns',
				description: 'List the columns the attendee report of an event can hold',
				action: 'Get the columns of the attendee report',
			},
		],
		default: 'getAttendees',
	},
	...getAttendees.description,
	...getColumns.description,
];
