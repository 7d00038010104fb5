import type { INodeProperties } from 'n8n-workflow';

import { inferredNotice } from '../inferredNotice';

import * as checkIn from './checkIn.operation';
import * as checkOut from './checkOut.operation';
import * as getAll from './getAll.operation';

export { checkIn, checkOut, getAll };

export const description: INodeProperties[] = [
	inferredNotice('checkIn', 'its check-in API'),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkIn'] } },
		options: [
			{
				name: 'Check In',
				value: 'checkIn',
				description: 'Record that an attendee arrived at the event or a session (by badge code or person ID)',
				action: 'Check in an attendee by person ID or badge code',
			},
			{
				name: 'Check Out',
				value: 'checkOut',
				description: 'Record that an attendee left the event or a session (by badge code or person ID)',
				action: 'Check out an attendee by person ID or badge code',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the event's check-in and check-out scans",
				action: 'Get many check ins and check outs of an event',
			},
		],
		default: 'checkIn',
	},
	...checkIn.description,
	...checkOut.description,
	...getAll.description,
];
