import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as attendee from './actions/attendee/Attendee.resource';
import * as event from './actions/event/Event.resource';
import { router } from './actions/router';
import { listSearch } from './methods';

export class InEvent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InEvent',
		name: 'inEvent',
		icon: { light: 'file:inevent.svg', dark: 'file:inevent.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage InEvent events and attendees',
		defaults: { name: 'InEvent' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'inEventApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Attendee', value: 'attendee' },
					{ name: 'Event', value: 'event' },
				],
				default: 'event',
			},
			...attendee.description,
			...event.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
