import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an event in a company',
				action: 'Create an event in a company',
			},
			{ name: 'Get', value: 'get', description: 'Get an event by ID', action: 'Get an event by event ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the events of a company',
				action: 'Get many events of a company by name or date',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update fields of an event',
				action: 'Update the fields of an event',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
