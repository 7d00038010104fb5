import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { companyLocator, eventLocator, selectionProperty } from '../InEvent/actions/common.descriptions';
import { ATTENDEE_SELECTIONS } from '../InEvent/actions/attendee/attendee.fields';
import { listSearch } from '../InEvent/methods';
import { beginExecution, DEFAULT_EXECUTION_SETTINGS } from '../InEvent/transport';
import { MAX_PAGES_PER_POLL } from './crawl';
import { pollInEvent } from './poll';

const forAttendees = { show: { event: ['attendeeRegistered', 'attendeeUpdated', 'attendeeCheckedIn'] } };

export class InEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InEvent Trigger',
		name: 'inEventTrigger',
		icon: { light: 'file:inevent.svg', dark: 'file:inevent.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node panel merges this trigger into the InEvent app and heads the app (its triggers and
		// its actions) with this description, not the action node's: so it names the whole app first.
		description:
			'Manage InEvent events, attendees, sessions, check-ins, custom domains and attendee reports, call any custom action of its API, and start workflows when attendees register, change or check in, or an event is created',
		defaults: { name: 'InEvent Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'inEventApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Attendee Checked In', value: 'attendeeCheckedIn', description: 'An attendee was marked present' },
					{ name: 'Attendee Registered', value: 'attendeeRegistered', description: 'A person joined the event' },
					{ name: 'Attendee Updated', value: 'attendeeUpdated', description: 'Anything about an attendee changed' },
					{ name: 'Event Created', value: 'eventCreated', description: 'A new event in the company' },
				],
				default: 'attendeeRegistered',
			},
			{ ...eventLocator, displayOptions: forAttendees },
			{ ...companyLocator, displayOptions: { show: { event: ['eventCreated'] } } },
			{ ...selectionProperty(ATTENDEE_SELECTIONS), displayOptions: forAttendees },
			{
				displayName: 'Tag IDs',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. 29124,4255',
				description: 'Only attendees with these tags (comma-separated IDs)',
				displayOptions: forAttendees,
			},
			{
				displayName: `Each poll delivers at most ${(MAX_PAGES_PER_POLL * 100).toLocaleString('en-US')} records, oldest first. A larger backlog (after the workflow was off, or a bulk change in InEvent) follows over the next polls, each record once.`,
				name: 'backlogNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// The trigger has no Options: each poll runs at the defaults, said here rather than assumed below.
		beginExecution(this, DEFAULT_EXECUTION_SETTINGS);
		return await pollInEvent.call(this);
	}
}
