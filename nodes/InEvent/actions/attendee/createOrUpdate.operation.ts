import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cooperative } from '../../helpers/cooperative';
import { showOnlyFor } from '../../helpers/displayOptions';
import { asNodeError, errorItem, itemFailure, runFailureItem, usesErrorOutput } from '../../helpers/itemErrors';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { attendeeFieldOptions, emailProperty, fullNameProperty, ignoreEmptyValuesOption } from './attendeeEdits';
import { customFieldsProperty } from './customFields';
import type { Contact, ContactIdentity } from './sync/contact';
import { contactReader, needsFullProfile, readContact, readIdentity } from './sync/contact';
import type { EventSync } from './sync/eventReads';
import { startEventReads } from './sync/eventReads';
import { runContacts } from './sync/runContacts';
import { runRemovals } from './sync/removals';
import { syncOptionProperties, syncOptionsOf } from './sync/syncOptions';
import { multiFieldOption } from './update.operation';

const properties: INodeProperties[] = [
	eventLocator,
	emailProperty(
		'Finds the attendee in the event by email, trimmed and without regard to case. A new email registers the person, with the email (trimmed) as username.',
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
	optionsCollection([ignoreEmptyValuesOption, multiFieldOption, ...syncOptionProperties]),
];

export const description = showOnlyFor('attendee', 'upsert', properties);

/**
 * Create or Update by email, for the whole input at once. Who each item is comes first; then every
 * event of the input is read (when that is cheaper than one look-up per contact, `readRoster`) while
 * the rest of the items is evaluated; then each contact is registered or updated with only what
 * differs (an unchanged one costs no write). A contact given twice is one attendee (the later item
 * updates it). Output: one item per input item (`created`, `updateForm`), then one per attendee
 * removed (Remove Attendees Not in the Input); with Preview Only, the plan instead and nothing written.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const outputs: INodeExecutionData[][] = Array.from({ length: itemCount }, () => []);
	const fail = (itemIndex: number, error: unknown): void => {
		const failure = itemFailure(node, error, itemIndex);
		if (!continueOnFail) throw failure;
		outputs[itemIndex] = [errorItem(failure, itemIndex)];
	};
	try {
		return await syncInput.call(this, outputs, fail);
	} catch (error) {
		// A refusal of the whole run (an option, Remove Attendees Not in the Input's guards) comes before
		// any write: with the error output, each item not already failed on its own fails with it.
		if (!usesErrorOutput(node)) throw asNodeError(node, error);
		return outputs.flatMap((output, itemIndex) => (output.length > 0 ? output : [runFailureItem(error, itemIndex)]));
	}
}

/** The run itself; `fail` records an item's failure in `outputs` (or throws without Continue On Fail). */
async function syncInput(
	this: IExecuteFunctions,
	outputs: INodeExecutionData[][],
	fail: (itemIndex: number, error: unknown) => void,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const itemCount = outputs.length;
	const options = syncOptionsOf.call(this);
	const continueOnFail = this.continueOnFail();
	const pause = cooperative();
	const reader = contactReader.call(this);

	const identities: ContactIdentity[] = [];
	const unreadable: number[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		await pause();
		try {
			identities.push(readIdentity(reader, itemIndex));
		} catch (error) {
			unreadable.push(itemIndex);
			fail(itemIndex, error);
		}
	}
	if (options.removeMissing && unreadable.length > 0) {
		throw new NodeOperationError(
			node,
			`Remove Attendees Not in the Input needs every item's email, and items ${unreadable.join(', ')} could not be read (see their errors): nothing was written or removed`,
		);
	}

	let abandoned = false;
	const reads = startEventReads.call(this, identities, options, needsFullProfile.call(this), () => abandoned);
	const contacts: Contact[] = [];
	let evaluated = false;
	try {
		for (const identity of identities) {
			await pause();
			try {
				contacts.push(await readContact.call(this, reader, identity));
			} catch (error) {
				fail(identity.itemIndex, error);
			}
		}
		evaluated = true;
		identities.length = 0; // the contacts carry them on
	} finally {
		// An item failed the run (no Continue On Fail): the reads stop, and none is left running.
		if (!evaluated) {
			abandoned = true;
			await Promise.allSettled(reads);
		}
	}

	const events = new Map<string, EventSync>();
	for (const read of await Promise.all(reads)) {
		if ('sync' in read) events.set(read.eventId, read.sync);
		else for (const contact of contacts) if (contact.eventId === read.eventId) fail(contact.itemIndex, read.error);
	}
	await runContacts.call(this, contacts, events, options, outputs, fail);
	const removed = await runRemovals.call(this, events, options.previewOnly, continueOnFail);
	return [...outputs.flat(), ...removed];
}
