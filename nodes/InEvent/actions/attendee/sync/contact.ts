import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { emailKey } from '../../../helpers/email';
import { getIdParameter } from '../../../helpers/parameters';
import { requireEmail, requireText } from '../../../helpers/validation';
import { attendeeEditsOf } from '../attendeeEdits';
import type { AttendeeChanges } from '../attendeeWrites';
import { readCustomFieldAnswers } from '../customFields';
import { tagChangeOf } from '../tags';

/** One input item of Create or Update, checked: who it is and what it asks the attendee to be. */
export interface Contact {
	itemIndex: number;
	eventId: string;
	/** Trimmed, as given: what a new attendee is registered with. */
	email: string;
	/** The email as the node compares it (trimmed, lower case). */
	key: string;
	name: string;
	changes: AttendeeChanges;
}

/** Reads and checks one item's parameters (reads the event's custom fields once per execution). */
export async function readContact(this: IExecuteFunctions, itemIndex: number): Promise<Contact> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const email = requireEmail(node, itemIndex, 'Email', this.getNodeParameter('email', itemIndex));
	const name = requireText(node, itemIndex, 'Full Name', this.getNodeParameter('name', itemIndex));
	const fields = this.getNodeParameter('fields', itemIndex, {}) as IDataObject;
	const edits = [{ key: 'name', value: name }, ...attendeeEditsOf.call(this, fields, itemIndex)];
	const tags = tagChangeOf(node, itemIndex, fields);
	const answers = await readCustomFieldAnswers.call(this, eventId, itemIndex);
	return { itemIndex, eventId, email, key: emailKey(email), name, changes: { edits, answers, tags } };
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
 * Whether comparing these contacts needs the full profile (`fullProfile=1`): custom answers, tags or
 * keys the standard list may not carry. A value a record does not show is written, never assumed.
 */
export function needsFullProfile(contacts: readonly Contact[]): boolean {
	return contacts.some(
		({ changes }) =>
			changes.answers.length > 0 ||
			changes.tags !== undefined ||
			changes.edits.some(({ key }) => key !== 'password' && !LISTED_KEYS.has(key)),
	);
}
