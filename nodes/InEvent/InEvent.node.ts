import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as attendee from './actions/attendee/Attendee.resource';
import * as checkIn from './actions/checkIn/CheckIn.resource';
import * as custom from './actions/custom/Custom.resource';
import * as customDomain from './actions/customDomain/CustomDomain.resource';
import * as event from './actions/event/Event.resource';
import * as report from './actions/report/Report.resource';
import { router } from './actions/router';
import * as session from './actions/session/Session.resource';
import { listSearch, loadOptions } from './methods';

export class InEvent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InEvent',
		name: 'inEvent',
		icon: { light: 'file:inevent.svg', dark: 'file:inevent.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage InEvent events, attendees, sessions, check-ins, custom domains and attendee reports, or call any custom action of its API',
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
					{ name: 'Attendee', value: 'attendee', description: 'People registered in an event' },
					{ name: 'Check-In', value: 'checkIn', description: 'Arrivals and departures at an event or session' },
					{ name: 'Custom Action', value: 'custom', description: 'Any action of InEvent’s API, by name' },
					{ name: 'Custom Domain', value: 'customDomain', description: "A company's own domain for InEvent pages" },
					{ name: 'Event', value: 'event' },
					{ name: 'Report', value: 'report', description: 'Attendee spreadsheet reports' },
					{ name: 'Session', value: 'activity', description: "Talks, workshops and other slots of an event's agenda" },
				],
				default: 'event',
			},
			...attendee.description,
			...checkIn.description,
			...custom.description,
			...customDomain.description,
			...event.description,
			...report.description,
			...session.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
