import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { toZeroOne } from '../../helpers/types';
import { requireEmail, requireLevel, requireText } from '../../helpers/validation';
import { findAttendeeByEmail } from '../../transport/lookups';
import { inEventApiRequest } from '../../transport/request';
import type { InEventValue } from '../../transport/request';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES, ATTENDEE_LEVELS } from './attendee.fields';

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Full Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Ada Lovelace',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: "The attendee's email, also used as username unless a username is given",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Company', name: 'company', type: 'string', default: '' },
			{
				displayName: 'Create Speaker Profile',
				name: 'createSpeaker',
				type: 'boolean',
				default: false,
				description: 'Whether to create a speaker profile for the attendee too',
			},
			{ displayName: 'Job Title', name: 'role', type: 'string', default: '' },
			{
				displayName: 'Level',
				name: 'level',
				type: 'options',
				options: [...ATTENDEE_LEVELS],
				default: '1',
				description: 'Permission level in the event',
			},
			{
				displayName: 'Origin',
				name: 'origin',
				type: 'string',
				default: 'n8n',
				description: 'Where the attendee came from, for your reports',
			},
			{ displayName: 'Telephone', name: 'telephone', type: 'string', default: '' },
			{
				displayName: 'Username',
				name: 'username',
				type: 'string',
				default: '',
				description: 'Sign-in name when it differs from the email',
			},
		],
	},
	optionsCollection(),
];

export const description = showOnlyFor('attendee', 'create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const name = requireText(node, itemIndex, 'Full Name', this.getNodeParameter('name', itemIndex));
	const email = requireEmail(node, itemIndex, 'Email', this.getNodeParameter('email', itemIndex));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const username = String(additional.username ?? '').trim() || email;
	const body: Record<string, InEventValue | undefined> = {
		name,
		username,
		email,
		role: additional.role as string | undefined,
		company: additional.company as string | undefined,
		telephone: additional.telephone as string | undefined,
		origin: additional.origin === undefined ? 'n8n' : String(additional.origin),
		createSpeaker: additional.createSpeaker === undefined ? undefined : toZeroOne(additional.createSpeaker),
		level: additional.level === undefined ? undefined : requireLevel(node, itemIndex, additional.level),
	};
	const { data } = await inEventApiRequest.call(this, 'event.person.bind', {
		qs: { eventID: eventId },
		body,
		itemIndex,
		// Exactly once: after an ambiguous failure, an attendee with this email may already be there.
		recover: async () => await findAttendeeByEmail.call(this, eventId, email, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, ATTENDEE_FIELD_TYPES);
}
