import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { stackSelection } from '../InEvent/helpers/selection';
import { requireNumericId, requireTagIds } from '../InEvent/helpers/validation';
import { inEventApiRequest } from '../InEvent/transport';
import { crawl, MAX_PAGES_PER_POLL, MAX_PROBES_PER_POLL } from './crawl';
import type { Crawl, CrawlLimits, SortedList } from './crawl';
import { byId, byVersion, numericId, secondsOf } from './cursor';
import type { Cursor, KeyOf, TimeOf } from './cursor';
import { unlessRunning } from './inFlight';

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

function limitsOf(context: IPollFunctions): CrawlLimits {
	// n8n 2.41 tells a poll its time budget under the durable scheduler; older versions have no such call.
	const budget = (context as { getPollBudgetMs?: () => number }).getPollBudgetMs;
	return {
		maxPages: MAX_PAGES_PER_POLL,
		maxProbes: MAX_PROBES_PER_POLL,
		budgetMs: typeof budget === 'function' ? budget.call(context) : undefined,
	};
}

/** The newest record of a list (used for the manual "Fetch Test Event" and the first cursor). */
async function newest(
	this: IPollFunctions,
	action: string,
	qs: IDataObject,
	order: string,
): Promise<IDataObject | undefined> {
	const { data } = await inEventApiRequest.call(this, action, {
		qs: { ...qs, order, orderDirection: 'desc', limit: 1, offset: 0 } as Record<string, string | number>,
	});
	return data[0];
}

/**
 * Reads on from the trigger's cursor and keeps where it stopped. The first poll only places the
 * cursor at the newest record: nothing from before activation is delivered, not even the rest of a
 * second too crowded to read in one poll.
 */
async function readOn(
	this: IPollFunctions,
	state: TriggerState,
	key: string,
	listFrom: (cursor: Cursor) => SortedList,
	newestTime: () => Promise<number>,
): Promise<Crawl & { first: boolean }> {
	const stored = state.cursors![key];
	const cursor: Cursor = stored ?? { time: await newestTime(), ids: [] };
	const read = await crawl(listFrom(cursor), cursor, limitsOf(this));
	if (!stored && !read.caughtUp && read.cursor.time === cursor.time) {
		read.cursor = { ...read.cursor, ids: [], afterId: Number.MAX_SAFE_INTEGER };
	}
	state.cursors![key] = read.cursor;
	return { ...read, first: !stored };
}

/** How each attendee trigger tells what is new: the time it reads, how it remembers a record, its order. */
const ATTENDEE_CLOCKS: Record<
	Exclude<TriggerOn, 'eventCreated'>,
	{ timeOf: TimeOf; keyOf: KeyOf; order: 'enrollmentDate' | 'dateUpdated' }
> = {
	// A registration is news once, in the order people joined: by enrollment date, remembered by ID.
	attendeeRegistered: { timeOf: enrollmentDate, keyOf: byId('personID'), order: 'enrollmentDate' },
	// Any change is news, in the order of the changes: by dateUpdated, remembered by ID and version.
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
	const listFrom = (cursor: Cursor): SortedList => {
		// Everyone changed since a second: every registration or change at or after it has dateUpdated
		// at or after it. Registrations keep the updatedAfterDate their offset was measured under.
		const since = order === 'enrollmentDate' ? (cursor.since ?? cursor.time) : cursor.time;
		return {
			since,
			timeOf,
			keyOf,
			idOf: numericId('personID'),
			read: async (offset, limit) =>
				(
					await inEventApiRequest.call(this, 'event.person.find', {
						qs: { ...qs, updatedAfterDate: since, order, orderDirection: 'asc', limit, offset } as Record<
							string,
							string | number
						>,
					})
				).data,
		};
	};
	const newestTime = async () => {
		const latest = await newest.call(this, 'event.person.find', qs, order);
		return latest ? timeOf(latest) : 0;
	};
	const { records, first } = await readOn.call(this, state, key, listFrom, newestTime);
	if (first) return [];
	if (on !== 'attendeeCheckedIn') return records;

	const reported = new Set(state.checkedIn?.[key] ?? []);
	const arrivals: IDataObject[] = [];
	for (const person of records) {
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

async function pollEvents(this: IPollFunctions): Promise<IDataObject[]> {
	const companyId = idParameter.call(this, 'companyId', 'Company ID');
	const company = { companyID: companyId, selection: 'all' };
	if (this.getMode() === 'manual') {
		const sample = await newest.call(this, 'company.event.find', company, 'dateCreated');
		return sample ? [sample] : [];
	}
	const list: SortedList = {
		timeOf: dateCreated,
		keyOf: byId('eventID'),
		idOf: numericId('eventID'),
		read: async (offset, limit) =>
			(
				await inEventApiRequest.call(this, 'company.event.find', {
					qs: { ...company, order: 'dateCreated', orderDirection: 'asc', limit, offset },
				})
			).data,
	};
	const newestTime = async () => {
		const latest = await newest.call(this, 'company.event.find', company, 'dateCreated');
		return latest ? dateCreated(latest) : 0;
	};
	const { records, first } = await readOn.call(
		this,
		stateOf.call(this),
		`eventCreated:${companyId}`,
		() => list,
		newestTime,
	);
	return first ? [] : records;
}

/** One poll: the new records, oldest first, or null when there is nothing new. */
export async function pollInEvent(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const on = this.getNodeParameter('event') as TriggerOn;
	const poll = async () => {
		const records = on === 'eventCreated' ? await pollEvents.call(this) : await pollAttendees.call(this, on);
		return records.length > 0 ? [this.helpers.returnJsonArray(records)] : null;
	};
	if (this.getMode() === 'manual') return await poll();
	const node = this.getNode();
	return await unlessRunning(`${String(this.getWorkflow().id)}:${node.id ?? node.name}`, poll, null);
}
