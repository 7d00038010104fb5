import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { toZeroOne } from '../../helpers/types';
import { requireEmail, requireLevel, requireText } from '../../helpers/validation';
import type { InEventValue } from '../../transport';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES, ATTENDEE_LEVELS } from './attendee.fields';
import { emailProperty, fullNameProperty } from './attendeeEdits';
import { writeAttendeeChanges } from './attendeeWrites';
import { customFieldsProperty, readCustomFieldAnswers } from './customFields';
import { registerAttendee } from './registration';

const properties: INodeProperties[] = [
	eventLocator,
	fullNameProperty,
	emailProperty("The attendee's email, also used as username unless a username is given"),
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
	customFieldsProperty,
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
	const answers = await readCustomFieldAnswers.call(this, eventId, itemIndex);
	let attendee = await registerAttendee.call(this, eventId, email, body, answers, itemIndex);
	if (answers.length > 0) {
		// Answers the registration did not show are written in a documented form (values shown are skipped).
		({ attendee } = await writeAttendeeChanges.call(
			this,
			{ eventId, personId: String(attendee.personID) },
			{ edits: [], answers },
			{ itemIndex, multiField: true, current: attendee },
		));
	}
	return toOutputItems.call(this, [attendee], itemIndex, ATTENDEE_FIELD_TYPES);
}
