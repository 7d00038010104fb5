import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { stackSelection } from '../InEvent/helpers/selection';
import { requireNumericId, requireTagIds } from '../InEvent/helpers/validation';
import { INEVENT_MAX_PAGE_SIZE, inEventApiRequest, inEventApiRequestAllItems } from '../InEvent/transport';
import { advance, byId, byVersion, secondsOf, unseen } from './cursor';
import type { Cursor, KeyOf, TimeOf } from './cursor';

export type TriggerOn = 'attendeeRegistered' | 'attendeeUpdated' | 'attendeeCheckedIn' | 'eventCreated';

/** What a trigger keeps between polls, in the workflow's static data. */
interface TriggerState extends IDataObject {
	cursors?: Record<string, Cursor>;
	/** Attendee IDs already reported as checked in (so a later profile edit does not fire again). */
	checkedIn?: Record<string, string[]>;
}

const dateUpdated: TimeOf = (record) => secondsOf(record.dateUpdated);
const dateCreated: TimeOf = (record) => secondsOf(record.dateCreated);
const enrollmentDate: TimeOf = (record) => secondsOf(record.enrollmentDate ?? record.dateCreated);

function stateOf(this: IPollFunctions): TriggerState {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	state.cursors ??= {};
	state.checkedIn ??= {};
	return state;
}

function idParameter(this: IPollFunctions, name: string, label: string): string {
	return requireNumericId(this.getNode(), 0, label, this.getNodeParameter(name, '', { extractValue: true }));
}

/** The newest record of a list (used for the manual "Fetch Test Event" and the first cursor). */
async function newest(
	this: IPollFunctions,
	action: string,
	qs: IDataObject,
	order: string,
): Promise<IDataObject | undefined> {
	const { data } = await inEventApiRequest.call(this, action, {
		qs: { ...qs, order, orderDirection: 'desc', limit: 1, offset: 0 },
	});
	return data[0];
}

async function attendeesChangedSince(this: IPollFunctions, qs: IDataObject, since: number): Promise<IDataObject[]> {
	return await inEventApiRequestAllItems.call(
		this,
		'event.person.find',
		{ qs: { ...qs, updatedAfterDate: since } as Record<string, string | number> },
		{ returnAll: true, idKey: 'personID' },
	);
}

/** How each attendee trigger tells what is new: the time it reads and how it remembers a record. */
const ATTENDEE_CLOCKS: Record<Exclude<TriggerOn, 'eventCreated'>, { timeOf: TimeOf; keyOf: KeyOf; order: string }> = {
	// A registration is news once: by the time the person joined the event, remembered by ID.
	attendeeRegistered: { timeOf: enrollmentDate, keyOf: byId('personID'), order: 'enrollmentDate' },
	// Any change is news: by dateUpdated, remembered by ID and version.
	attendeeUpdated: { timeOf: dateUpdated, keyOf: byVersion('personID'), order: 'dateUpdated' },
	attendeeCheckedIn: { timeOf: dateUpdated, keyOf: byVersion('personID'), order: 'dateUpdated' },
};

async function pollAttendees(this: IPollFunctions, on: Exclude<TriggerOn, 'eventCreated'>): Promise<IDataObject[]> {
	const eventId = idParameter.call(this, 'eventId', 'Event ID');
	const presets = [...(this.getNodeParameter('selection', ['all']) as string[])];
	const tags = this.getNodeParameter('tags', '') as string;
	if (tags) presets.push(`tags:${requireTagIds(this.getNode(), 0, tags)}`);
	const qs: IDataObject = { eventID: eventId, selection: stackSelection(presets) };
	const { timeOf, keyOf, order } = ATTENDEE_CLOCKS[on];

	if (this.getMode() === 'manual') {
		const sampleQs = on === 'attendeeCheckedIn' ? { ...qs, selection: stackSelection([...presets, 'present']) } : qs;
		const sample = await newest.call(this, 'event.person.find', sampleQs, order);
		return sample ? [sample] : [];
	}

	const state = stateOf.call(this);
	const key = `${on}:${eventId}:${String(qs.selection)}`;
	const cursor = state.cursors?.[key];
	if (!cursor) {
		// The first poll only sets the cursor: nothing that happened before activation is replayed.
		const latest = await newest.call(this, 'event.person.find', qs, order);
		const time = latest ? timeOf(latest) : 0;
		const atLatest = latest ? await attendeesChangedSince.call(this, qs, time) : [];
		state.cursors![key] = advance({ time, ids: [] }, atLatest, timeOf, keyOf);
		return [];
	}
	// Every registration or change since the cursor has dateUpdated at or after it.
	const fresh = unseen(await attendeesChangedSince.call(this, qs, cursor.time), cursor, timeOf, keyOf);
	state.cursors![key] = advance(cursor, fresh, timeOf, keyOf);
	if (on !== 'attendeeCheckedIn') return fresh;

	const reported = new Set(state.checkedIn?.[key] ?? []);
	const arrivals: IDataObject[] = [];
	for (const person of fresh) {
		const id = String(person.personID);
		if (String(person.present) !== '1') reported.delete(id);
		else if (!reported.has(id)) {
			reported.add(id);
			arrivals.push(person);
		}
	}
	state.checkedIn![key] = [...reported];
	return arrivals;
}

/** Events of the company newer than the cursor, newest first, read until an older one shows up. */
async function eventsCreatedSince(this: IPollFunctions, companyId: string, since: number): Promise<IDataObject[]> {
	const events: IDataObject[] = [];
	const seen = new Set<string>();
	for (let offset = 0; ; offset += INEVENT_MAX_PAGE_SIZE) {
		const { data } = await inEventApiRequest.call(this, 'company.event.find', {
			qs: {
				companyID: companyId,
				selection: 'all',
				order: 'dateCreated',
				orderDirection: 'desc',
				limit: INEVENT_MAX_PAGE_SIZE,
				offset,
			},
		});
		for (const event of data) {
			if (dateCreated(event) >= since && !seen.has(String(event.eventID))) {
				seen.add(String(event.eventID));
				events.push(event);
			}
		}
		if (data.length < INEVENT_MAX_PAGE_SIZE || data.some((event) => dateCreated(event) < since)) return events;
	}
}

async function pollEvents(this: IPollFunctions): Promise<IDataObject[]> {
	const companyId = idParameter.call(this, 'companyId', 'Company ID');
	if (this.getMode() === 'manual') {
		const sample = await newest.call(
			this,
			'company.event.find',
			{ companyID: companyId, selection: 'all' },
			'dateCreated',
		);
		return sample ? [sample] : [];
	}
	const state = stateOf.call(this);
	const key = `eventCreated:${companyId}`;
	const cursor = state.cursors?.[key];
	if (!cursor) {
		const latest = await newest.call(
			this,
			'company.event.find',
			{ companyID: companyId, selection: 'all' },
			'dateCreated',
		);
		const time = latest ? dateCreated(latest) : 0;
		state.cursors![key] = advance(
			{ time, ids: [] },
			latest ? await eventsCreatedSince.call(this, companyId, time) : [],
			dateCreated,
			byId('eventID'),
		);
		return [];
	}
	const fresh = unseen(
		await eventsCreatedSince.call(this, companyId, cursor.time),
		cursor,
		dateCreated,
		byId('eventID'),
	);
	state.cursors![key] = advance(cursor, fresh, dateCreated, byId('eventID'));
	return fresh.sort((a, b) => dateCreated(a) - dateCreated(b) || Number(a.eventID) - Number(b.eventID));
}

/** One poll: the new records, oldest first, or null when there is nothing new. */
export async function pollInEvent(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const on = this.getNodeParameter('event') as TriggerOn;
	const records = on === 'eventCreated' ? await pollEvents.call(this) : await pollAttendees.call(this, on);
	return records.length > 0 ? [this.helpers.returnJsonArray(records)] : null;
}
