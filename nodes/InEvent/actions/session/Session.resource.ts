import type { INodeProperties } from 'n8n-workflow';

import { inferredNotice } from '../inferredNotice';

import * as addAttendee from './addAttendee.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeAttendee from './removeAttendee.operation';
import * as update from './update.operation';

export { addAttendee, create, del as delete, get, getAll, removeAttendee, update };

export const description: INodeProperties[] = [
	inferredNotice('activity', 'its session (agenda) API'),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [
			{
				name: 'Add Attendee',
				value: 'addAttendee',
				description: 'Enroll an attendee of the event in a session',
				action: 'Add an attendee to a session',
			},
			{
				name: 'Create',
				value: 'create',
				description: "Add a session (talk, workshop, slot) to an event's agenda",
				action: 'Create a session in an event',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a session from the agenda',
				action: 'Delete a session of an event',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one session by ID',
				action: 'Get a session by session ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List an event's sessions, optionally by time range or an attendee's enrollments",
				action: 'Get many sessions of an event',
			},
			{
				name: 'Remove Attendee',
				value: 'removeAttendee',
				description: 'Take an attendee out of a session; they stay in the event',
				action: 'Remove an attendee from a session',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, times, place, description or capacity of a session',
				action: 'Update the fields of a session',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...addAttendee.description,
	...removeAttendee.description,
];
