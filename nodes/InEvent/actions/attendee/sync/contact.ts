import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { emailKey } from '../../../helpers/email';
import type { ItemParameters } from '../../../helpers/itemParameters';
import { itemParameters } from '../../../helpers/itemParameters';
import { requireEmail, requireNumericId, requireText } from '../../../helpers/validation';
import { attendeeEditsOf, ignoreEmptyValuesIn } from '../attendeeEdits';
import type { AttendeeChanges } from '../attendeeWrites';
import { readCustomFieldAnswers } from '../customFields';
import { tagChangeOf } from '../tags';

/** Who an input item of Create or Update is: enough to read the event for it. */
export interface ContactIdentity {
	itemIndex: number;
	eventId: string;
	/** Trimmed, as given: what a new attendee is registered with. */
	email: string;
	/** The email as the node compares it (trimmed, lower case). */
	key: string;
}

/** One input item, checked: who it is and what it asks the attendee to be. */
export interface Contact extends ContactIdentity {
	name: string;
	changes: AttendeeChanges;
}

/** What reading the items of one run shares: the node, and its parameters read item by item. */
export interface ContactReader {
	node: INode;
	parameters: ItemParameters;
}

export function contactReader(this: IExecuteFunctions): ContactReader {
	return { node: this.getNode(), parameters: itemParameters.call(this) };
}

export function readIdentity(reader: ContactReader, itemIndex: number): ContactIdentity {
	const { node, parameters } = reader;
	const eventId = requireNumericId(node, itemIndex, 'Event ID', parameters.locatorValue('eventId', itemIndex));
	const email = requireEmail(node, itemIndex, 'Email', parameters.get('email', itemIndex));
	return { itemIndex, eventId, email, key: emailKey(email) };
}

/** Reads and checks the rest of the item (reads the event's custom fields once per execution). */
export async function readContact(
	this: IExecuteFunctions,
	reader: ContactReader,
	identity: ContactIdentity,
): Promise<Contact> {
	const { itemIndex, eventId } = identity;
	const { node, parameters } = reader;
	const name = requireText(node, itemIndex, 'Full Name', parameters.get('name', itemIndex));
	const fields = parameters.get('fields', itemIndex, {}) as IDataObject;
	const ignoreEmpty = ignoreEmptyValuesIn(parameters.get('options', itemIndex, {}) as IDataObject);
	const edits = [{ key: 'name', value: name }, ...attendeeEditsOf.call(this, fields, itemIndex, ignoreEmpty)];
	const tags = tagChangeOf(node, itemIndex, fields);
	const answers = await readCustomFieldAnswers.call(this, eventId, itemIndex, ignoreEmpty, parameters);
	return { ...identity, name, changes: { edits, answers, tags } };
}

/** Attendee keys InEvent's standard attendee list carries (inferred from third-party code, §10.4). */
const LISTED_KEYS = new Set([
	'name',
	'firstName',
	'lastName',
	'email',
	'username',
	'image',
	'role',
	'company',
	'telephone',
	'level',
	'rsvp',
	'present',
]);

/**
 * Whether comparing needs the full profile (`fullProfile=1`): custom answers, tags or keys the
 * standard list may not carry. Decided from the node's parameters as set in the editor (which fields
 * are set is the same for every item; only their values vary), so the read can start before every
 * item is evaluated. A value a record does not show is written, never assumed.
 */
export function needsFullProfile(this: IExecuteFunctions): boolean {
	const { fields, customFields } = this.getNode().parameters as { fields?: IDataObject; customFields?: IDataObject };
	const answers = customFields?.field;
	if (Array.isArray(answers) ? answers.length > 0 : answers !== undefined) return true;
	return Object.keys(fields ?? {}).some((key) => key !== 'password' && key !== 'tagMode' && !LISTED_KEYS.has(key));
}
