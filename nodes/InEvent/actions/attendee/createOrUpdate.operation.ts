import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { requireEmail, requireText } from '../../helpers/validation';
import { findAttendeeByEmail } from '../../transport/lookups';
import type { InEventValue } from '../../transport/request';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES } from './attendee.fields';
import { attendeeEditsOf, attendeeFieldOptions, emailProperty, fullNameProperty } from './attendeeEdits';
import { writeAttendeeChanges } from './attendeeWrites';
import { customFieldsProperty, readCustomFieldAnswers } from './customFields';
import { registerAttendee } from './registration';
import { tagChangeOf } from './tags';
import { multiFieldOption } from './update.operation';

/** Attendee keys `event.person.bind` takes with the registration itself (§10.1); the rest follow in one write. */
const BIND_KEYS = ['role', 'company', 'telephone', 'level'];

const properties: INodeProperties[] = [
	eventLocator,
	emailProperty(
		'Finds the attendee in the event (InEvent compares emails without regard to case; surrounding spaces are ignored). A new email registers the person, with the email as username.',
	),
	fullNameProperty,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Set on a new attendee, and updated on an existing one when they differ',
		options: attendeeFieldOptions(['name', 'email', 'password']),
	},
	customFieldsProperty,
	optionsCollection([multiFieldOption]),
];

export const description = showOnlyFor('attendee', 'upsert', properties);

/**
 * Create or Update by email: one look-up, then one write at most (a new attendee whose fields
 * `event.person.bind` does not take, or tags, gets one more). Values the attendee already has are not
 * sent again, so a list sent twice writes nothing the second time. Output says `created` and how the
 * update went (`updateForm`: multiField, perField or unchanged).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const email = requireEmail(node, itemIndex, 'Email', this.getNodeParameter('email', itemIndex));
	const name = requireText(node, itemIndex, 'Full Name', this.getNodeParameter('name', itemIndex));
	const fields = this.getNodeParameter('fields', itemIndex, {}) as IDataObject;
	const edits = [{ key: 'name', value: name }, ...attendeeEditsOf.call(this, fields, itemIndex)];
	const tags = tagChangeOf(node, itemIndex, fields);
	const answers = await readCustomFieldAnswers.call(this, eventId, itemIndex);
	const multiField = getOptions.call(this, itemIndex).multiField !== false;

	const existing = (await findAttendeeByEmail.call(this, eventId, email, itemIndex))?.data[0];
	let current = existing;
	if (!current) {
		const body: Record<string, InEventValue | undefined> = { name, username: email, email, origin: 'n8n' };
		for (const { key, value } of edits) if (BIND_KEYS.includes(key)) body[key] = value;
		current = await registerAttendee.call(this, eventId, email, body, answers, itemIndex);
	}
	const { attendee, form } = await writeAttendeeChanges.call(
		this,
		{ eventId, personId: String(current.personID) },
		{ edits, answers, tags },
		{ itemIndex, multiField, current },
	);
	return toOutputItems.call(
		this,
		[{ ...attendee, created: existing === undefined, updateForm: form }],
		itemIndex,
		ATTENDEE_FIELD_TYPES,
	);
}
