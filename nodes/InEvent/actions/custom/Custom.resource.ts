import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export { call };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['custom'] } },
		options: [
			{
				name: 'Call an Action',
				value: 'call',
				description: 'Call any InEvent API action by name, at the account’s pace',
				action: 'Call any API action by name with parameters',
			},
		],
		default: 'call',
	},
	...call.description,
];
