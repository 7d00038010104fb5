import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as upsert from './createOrUpdate.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attendee'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register a person in an event',
				action: 'Register an attendee by name and email',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an attendee by email',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an attendee by person ID or email',
				action: 'Get an attendee by email or person ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the attendees of an event',
				action: 'Get many attendees of an event by name or email',
			},
			{
				name: 'Remove From Event',
				value: 'delete',
				description: 'Remove a person from an event',
				action: 'Remove an attendee from an event',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update fields of an attendee',
				action: 'Update the fields of an attendee',
			},
		],
		default: 'create',
	},
	...create.description,
	...upsert.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
