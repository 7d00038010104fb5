import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { cooperative } from '../../../helpers/cooperative';
import { runInOrder } from '../../../helpers/runInOrder';
import { toTypedOutput } from '../../../helpers/types';
import { executionSettingsOf } from '../../../transport';
import { ATTENDEE_FIELD_TYPES } from '../attendee.fields';
import type { Contact } from './contact';
import type { EventSync } from './eventReads';
import { matchContact, planContact, syncContact } from './syncContact';
import type { SyncOptions } from './syncOptions';

/** The attendee an item left for a later item of the same person. */
interface Handover {
	itemIndex: number;
	attendee: Promise<IDataObject | undefined>;
}

/**
 * Each contact in input order, several at once (the execution's Max Concurrent Requests). A contact
 * given again waits for its earlier item and takes the attendee that item left. A listed attendee's
 * record is let go once its last item is done, and becomes the output of its only item, so a big run
 * holds each record about once.
 */
export async function runContacts(
	this: IExecuteFunctions,
	contacts: Contact[],
	events: Map<string, EventSync>,
	options: SyncOptions,
	outputs: INodeExecutionData[][],
	fail: (itemIndex: number, error: unknown) => void,
): Promise<void> {
	// Each contact is let go once done: a 50,000-contact run does not hold them all to the end.
	const ready: Array<Contact | undefined> = contacts.filter(({ eventId }) => events.has(eventId));
	contacts.length = 0;
	const personOf = (contact: Contact): string => `${contact.eventId} ${contact.key}`;
	// Items left of each person given more than once (most are given once and need no count).
	const itemsLeft = repeatedPersons(ready as Contact[], personOf);
	const handovers = new Map<string, Handover>();
	const pause = cooperative();

	await runInOrder(ready.length, executionSettingsOf(this).maxInFlight, async (position) => {
		const contact = ready[position] as Contact;
		ready[position] = undefined;
		const { roster, confirmNew } = events.get(contact.eventId) as EventSync;
		const person = personOf(contact);
		const alone = !itemsLeft.has(person);
		const earlier = handovers.get(person);
		let leave: (attendee: IDataObject | undefined) => void = () => undefined;
		if (!alone) {
			handovers.set(person, { itemIndex: contact.itemIndex, attendee: new Promise((resolve) => (leave = resolve)) });
		}
		try {
			await pause();
			const left = earlier ? await earlier.attendee : undefined;
			const known = left ?? (await matchContact.call(this, contact, roster, confirmNew));
			if (options.previewOnly) {
				leave(known);
				const { plan, changes } = planContact(contact, known);
				const json: IDataObject = {
					plan,
					email: contact.email,
					name: contact.name,
					eventId: contact.eventId,
					personID: known?.personID,
					changes,
					...(earlier ? { repeatsItem: earlier.itemIndex } : {}),
				};
				outputs[contact.itemIndex] = [{ json, pairedItem: { item: contact.itemIndex } }];
				return;
			}
			const { attendee, created, form } = await syncContact.call(this, contact, known, options.multiField);
			leave(attendee);
			// The only item of its person owns the record it was given: marked in place, not copied.
			const record = alone
				? Object.assign(attendee, { created, updateForm: form })
				: { ...attendee, created, updateForm: form };
			const json = options.typedOutput ? toTypedOutput(record, ATTENDEE_FIELD_TYPES) : record;
			outputs[contact.itemIndex] = [{ json, pairedItem: { item: contact.itemIndex } }];
		} catch (error) {
			leave(undefined);
			fail(contact.itemIndex, error);
		} finally {
			const left = (itemsLeft.get(person) ?? 1) - 1;
			if (left > 0) itemsLeft.set(person, left);
			else {
				itemsLeft.delete(person);
				handovers.delete(person);
				roster.byEmail.delete(contact.key);
			}
		}
	});
}

/** How many items each person given more than once has; a person given once is not in it. */
function repeatedPersons(contacts: Contact[], personOf: (contact: Contact) => string): Map<string, number> {
	const seen = new Set<string>();
	const repeated = new Map<string, number>();
	for (const contact of contacts) {
		const person = personOf(contact);
		if (seen.has(person)) repeated.set(person, (repeated.get(person) ?? 1) + 1);
		else seen.add(person);
	}
	return repeated;
}
