import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { errorItem, itemFailure } from '../../helpers/itemErrors';
import { toOutputItems } from '../../helpers/output';
import { runInOrder } from '../../helpers/runInOrder';
import { schedulerFor } from '../../transport/scheduler';
import { eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES } from './attendee.fields';
import { attendeeFieldOptions, emailProperty, fullNameProperty } from './attendeeEdits';
import { customFieldsProperty } from './customFields';
import type { Contact } from './sync/contact';
import { needsFullProfile, readContact } from './sync/contact';
import type { RemovalPlan } from './sync/mirror';
import { planRemovals, removalItem, removeListed } from './sync/mirror';
import type { Roster, RosterRequest } from './sync/roster';
import { readRoster, refreshRoster } from './sync/roster';
import { matchContact, planContact, syncContact } from './sync/syncContact';
import type { SyncOptions } from './sync/syncOptions';
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
	optionsCollection([multiFieldOption, ...syncOptionProperties]),
];

export const description = showOnlyFor('attendee', 'upsert', properties);

/** One event's part of the run: its contacts, what the node knows of its attendees, its removals. */
interface EventSync {
	roster: Roster;
	/** The read could not be refreshed: new contacts are looked up before they are registered. */
	confirmNew: boolean;
	removal?: RemovalPlan;
}

/**
 * Create or Update by email, for the whole input at once: every item is checked first; then, per
 * event, the attendees are read once when that is cheaper than one look-up per contact (`readRoster`),
 * and each contact is registered or updated with only what differs (an unchanged one costs no write).
 * A contact given twice is one attendee (the later item updates it). Output: one item per input item
 * (`created`, `updateForm`), then one per attendee removed (Remove Attendees Not in the Input); with
 * Preview Only, the plan instead and nothing written.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const itemCount = this.getInputData().length;
	const options = syncOptionsOf.call(this);
	const continueOnFail = this.continueOnFail();
	const outputs: INodeExecutionData[][] = Array.from({ length: itemCount }, () => []);
	const fail = (itemIndex: number, error: unknown): void => {
		const failure = itemFailure(node, error, itemIndex);
		if (!continueOnFail) throw failure;
		outputs[itemIndex] = [errorItem(failure, itemIndex)];
	};

	const contacts: Contact[] = [];
	const unreadable: number[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			contacts.push(await readContact.call(this, itemIndex));
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

	const events = await prepareEvents.call(this, contacts, options, fail);
	await syncContacts.call(this, contacts, events, options, outputs, fail);
	const removed: INodeExecutionData[] = [];
	for (const [eventId, { removal }] of events) {
		if (!removal) continue;
		if (options.previewOnly) {
			removed.push(...removal.removals.map((entry) => removalItem(entry, eventId, true)));
			continue;
		}
		const results = await runInOrder(removal.removals.length, schedulerFor(this).limits.maxInFlight, async (index) => {
			try {
				return await removeListed.call(this, eventId, removal.removals[index]);
			} catch (error) {
				const failure = error as NodeOperationError;
				if (!continueOnFail) throw new NodeOperationError(node, failure);
				return { json: { error: failure.message } };
			}
		});
		removed.push(...results);
	}
	return [...outputs.flat(), ...removed];
}

/** Per event: reads its attendees as the strategy says, refreshes before registering, plans removals. */
async function prepareEvents(
	this: IExecuteFunctions,
	contacts: Contact[],
	options: SyncOptions,
	fail: (itemIndex: number, error: unknown) => void,
): Promise<Map<string, EventSync>> {
	const byEvent = new Map<string, Contact[]>();
	for (const contact of contacts) {
		const group = byEvent.get(contact.eventId);
		if (group) group.push(contact);
		else byEvent.set(contact.eventId, [contact]);
	}
	const events = new Map<string, EventSync>();
	for (const [eventId, group] of byEvent) {
		const request: RosterRequest = {
			eventId,
			wanted: new Set(group.map(({ key }) => key)),
			strategy: options.matchStrategy,
			fullProfile: needsFullProfile(group),
			keepEveryone: options.removeMissing,
			itemIndex: group[0].itemIndex,
		};
		let roster: Roster;
		let refreshed = true;
		try {
			roster = await readRoster.call(this, request);
			const hasNew = group.some(({ key }) => !roster.byEmail.has(key));
			if (roster.complete && hasNew && !options.previewOnly)
				refreshed = await refreshRoster.call(this, roster, request);
		} catch (error) {
			for (const contact of group) fail(contact.itemIndex, error);
			continue;
		}
		const removal = options.removeMissing
			? planRemovals.call(this, eventId, roster, request.wanted, options.maxRemovalShare)
			: undefined;
		events.set(eventId, { roster, confirmNew: !refreshed, removal });
	}
	return events;
}

/**
 * Each contact in input order, several at once (the execution's Max Concurrent Requests). A contact
 * given again waits for its earlier item and takes the attendee that item left.
 */
async function syncContacts(
	this: IExecuteFunctions,
	contacts: Contact[],
	events: Map<string, EventSync>,
	options: SyncOptions,
	outputs: INodeExecutionData[][],
	fail: (itemIndex: number, error: unknown) => void,
): Promise<void> {
	const ready = contacts.filter(({ eventId }) => events.has(eventId));
	const latest = new Map<string, { itemIndex: number; attendee: Promise<IDataObject | undefined> }>();
	await runInOrder(ready.length, schedulerFor(this).limits.maxInFlight, async (position) => {
		const contact = ready[position];
		const { roster, confirmNew } = events.get(contact.eventId) as EventSync;
		const person = `${contact.eventId} ${contact.key}`;
		const earlier = latest.get(person);
		let leave: (attendee: IDataObject | undefined) => void = () => undefined;
		latest.set(person, { itemIndex: contact.itemIndex, attendee: new Promise((resolve) => (leave = resolve)) });
		try {
			const left = earlier ? await earlier.attendee : undefined;
			const known = left ?? (await matchContact.call(this, contact, roster, confirmNew));
			if (options.previewOnly) {
				const { plan, changes } = planContact(contact, known);
				const repeats = earlier ? { repeatsItem: earlier.itemIndex } : {};
				const json: IDataObject = {
					plan,
					email: contact.email,
					name: contact.name,
					eventId: contact.eventId,
					personID: known?.personID,
					changes,
					...repeats,
				};
				leave(known);
				outputs[contact.itemIndex] = [{ json, pairedItem: { item: contact.itemIndex } }];
				return;
			}
			const { attendee, created, form } = await syncContact.call(this, contact, known, options.multiField);
			leave(attendee);
			outputs[contact.itemIndex] = toOutputItems.call(
				this,
				[{ ...attendee, created, updateForm: form }],
				contact.itemIndex,
				ATTENDEE_FIELD_TYPES,
			);
		} catch (error) {
			leave(undefined);
			fail(contact.itemIndex, error);
		}
	});
}
