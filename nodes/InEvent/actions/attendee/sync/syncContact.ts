import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accountMemoryOf } from '../../../transport';
import { findAttendeeByEmail } from '../lookups';
import { PENDING_REGISTRATIONS } from './pendingRegistrations';
import type { InEventValue } from '../../../transport';
import { changedKeys, writeAttendeeChanges } from '../attendeeWrites';
import type { UpdateForm } from '../attendeeWrites';
import { registerAttendee } from '../registration';
import type { Contact } from './contact';
import type { Roster } from './roster';

/** Attendee keys `event.person.bind` takes with the registration itself (§10.1); the rest follow in one write. */
const BIND_KEYS = ['role', 'company', 'telephone', 'level'];

export interface SyncOutcome {
	attendee: IDataObject;
	created: boolean;
	form: UpdateForm;
}

export type Plan = 'create' | 'update' | 'unchanged';

/**
 * The contact's attendee: from the event's read when it covers the email, else by look-up (also when
 * a read could not be refreshed before registering: `confirmNew`).
 */
export async function matchContact(
	this: IExecuteFunctions,
	contact: Contact,
	roster: Roster,
	confirmNew: boolean,
): Promise<IDataObject | undefined> {
	const listed = roster.byEmail.get(contact.key);
	if (listed || (roster.complete && !confirmNew)) return listed;
	return (await findAttendeeByEmail.call(this, contact.eventId, contact.email, contact.itemIndex))?.data[0];
}

/**
 * Registers the contact if it has no attendee (once per person, also across executions of this
 * process), then writes what differs from the attendee as known (nothing when nothing differs).
 */
export async function syncContact(
	this: IExecuteFunctions,
	contact: Contact,
	known: IDataObject | undefined,
	multiField: boolean,
): Promise<SyncOutcome> {
	const { eventId, email, name, itemIndex, changes } = contact;
	let current = known;
	let created = false;
	if (!current) {
		const body: Record<string, InEventValue | undefined> = { name, username: email, email, origin: 'n8n' };
		for (const { key, value } of changes.edits) if (BIND_KEYS.includes(key)) body[key] = value;
		const registrations = (await accountMemoryOf(this)).recall(PENDING_REGISTRATIONS);
		({ attendee: current, registered: created } = await registrations.once(
			`${eventId} ${contact.key}`,
			async () => await registerAttendee.call(this, eventId, email, body, changes.answers, itemIndex),
		));
	}
	const { attendee, form } = await writeAttendeeChanges.call(
		this,
		{ eventId, personId: String(current.personID) },
		changes,
		{ itemIndex, multiField, current },
	);
	return { attendee, created, form };
}

/** Preview Only: what a run would do for this contact, and which keys it would send. */
export function planContact(contact: Contact, known: IDataObject | undefined): { plan: Plan; changes: string[] } {
	const keys = changedKeys(contact.changes, known);
	if (!known) return { plan: 'create', changes: keys };
	return { plan: keys.length === 0 ? 'unchanged' : 'update', changes: keys };
}
