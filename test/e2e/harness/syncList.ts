/**
 * A contact list synced into an event with Attendee › Create or Update, as an admin keeps an event in
 * line with a CRM: built from what the sandbox stores (so "as stored" really is), with a known number of
 * changed, new and re-cased contacts spread through it in a fixed pseudo-random order, the workflow that
 * sends it, and what the event must look like afterwards.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry, Sandbox } from '../../../sandbox';
import { mulberry32 } from '../../../sandbox/faults/random';
import { tokenOf, webhookNode } from '../../../tools/n8n/webhookBurst';

export interface Contact {
	name: string;
	email: string;
	company: string;
	role: string;
}

/**
 * - `same`: exactly as stored;
 * - `changed`: a new name, a new company, or both;
 * - `recased`: the stored email upper-cased (or capitalised) with spaces around, nothing else changed;
 * - `new`: an email the event does not have.
 */
export type ContactKind = 'same' | 'changed' | 'recased' | 'new';

export interface ListShape {
	changed: number;
	fresh: number;
	recased: number;
	/** Attendees of the event left out of the list (they must stay untouched). */
	omitted: number;
}

export interface SyncList {
	eventId: string;
	contacts: Contact[];
	kinds: ContactKind[];
	/** The stored attendee each contact stands for; undefined for new contacts. */
	personIds: Array<string | undefined>;
}

/** How the store identifies a person's email: trimmed, case-insensitive. */
export const emailKey = (email: unknown): string =>
	String(email ?? '')
		.trim()
		.toLowerCase();

/** The writes Create or Update may make. */
export const WRITE_ACTIONS = ['event.person.bind', 'event.person.operate', 'feedback.respond'];

/** A fixed pseudo-random order (Fisher–Yates with the sandbox's seeded PRNG). */
function shuffled<T>(values: T[], seed: number): T[] {
	const random = mulberry32(seed);
	const out = [...values];
	for (let index = out.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[out[index], out[other]] = [out[other], out[index]];
	}
	return out;
}

/**
 * The list for an event whose attendees the sandbox generated: every attendee but `omitted` of them,
 * `changed` and `recased` among those, plus `fresh` new people (`<prefix>.<n>@example.test`), in an
 * order that mixes all kinds. Deterministic for a given store, shape and seed.
 */
export function buildSyncList(
	sandbox: Sandbox,
	eventId: string,
	shape: ListShape,
	{ seed = 20261204, newPrefix = 'sync.new' } = {},
): SyncList {
	const members = [...(sandbox.store.memberships.get(eventId)?.keys() ?? [])];
	const roles: Array<ContactKind | 'omitted'> = [
		...Array<'omitted'>(shape.omitted).fill('omitted'),
		...Array<'changed'>(shape.changed).fill('changed'),
		...Array<'recased'>(shape.recased).fill('recased'),
	];
	if (roles.length > members.length)
		throw new Error(`the event has ${members.length} attendees, fewer than ${roles.length}`);
	const assigned = shuffled([...roles, ...Array<'same'>(members.length - roles.length).fill('same')], seed);
	const entries: Array<{ contact: Contact; kind: ContactKind; personId?: string }> = [];
	let changedSoFar = 0;
	let recasedSoFar = 0;
	members.forEach((personId, index) => {
		const role = assigned[index];
		if (role === 'omitted') return;
		const person = sandbox.store.persons.get(personId);
		if (!person) throw new Error(`the store lost person ${personId}`);
		const contact: Contact = { name: person.name, email: person.email, company: person.company, role: person.role };
		if (role === 'changed') {
			const variant = changedSoFar++ % 3;
			if (variant !== 1) contact.name = `${person.name} Sync${changedSoFar}`;
			if (variant !== 0) contact.company = `Changed Co ${changedSoFar}`;
		} else if (role === 'recased') {
			const upper = recasedSoFar++ % 2 === 0;
			const email = upper ? person.email.toUpperCase() : `${person.email[0].toUpperCase()}${person.email.slice(1)}`;
			contact.email = upper ? `  ${email} ` : ` ${email}  `;
		}
		entries.push({ contact, kind: role, personId });
	});
	for (let index = 1; index <= shape.fresh; index++) {
		entries.push({
			contact: {
				name: `Sync Newcomer ${index}`,
				email: `${newPrefix}.${index}@example.test`,
				company: `NewCo ${index % 5}`,
				role: index % 2 === 0 ? 'Guest' : '',
			},
			kind: 'new',
		});
	}
	const ordered = shuffled(entries, seed + 1);
	return {
		eventId,
		contacts: ordered.map((entry) => entry.contact),
		kinds: ordered.map((entry) => entry.kind),
		personIds: ordered.map((entry) => entry.personId),
	};
}

export const SYNC_NODE = 'Create or Update Attendee';

/**
 * Trigger → "Contacts" (a Set node holding the list as JSON) → Split Out → Create or Update (default
 * options, so the default match strategy), with Continue On Fail so that a failed item shows as an item.
 * With `webhookPath`, the trigger is a Webhook answering with every output item once the run is done.
 */
export function syncWorkflow({
	id,
	name,
	list,
	credentialId,
	credentialName,
	webhookPath,
}: {
	id: string;
	name: string;
	list: SyncList;
	credentialId: string;
	credentialName: string;
	webhookPath?: string;
}): IDataObject {
	const trigger: IDataObject = webhookPath
		? (() => {
				const hook = webhookNode(webhookPath, 'Sync Request');
				return { ...hook, parameters: { ...(hook.parameters as IDataObject), responseData: 'allEntries' } };
			})()
		: {
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
	const nodes: IDataObject[] = [
		trigger,
		{
			id: `${id}-contacts`,
			name: 'Contacts',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts: list.contacts }), options: {} },
		},
		{
			id: `${id}-split`,
			name: 'One Item Per Contact',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'contacts', options: {} },
		},
		{
			id: `${id}-sync`,
			name: SYNC_NODE,
			type: 'n8n-nodes-inevent.inEvent',
			typeVersion: 1,
			position: [600, 0],
			parameters: {
				resource: 'attendee',
				operation: 'upsert',
				eventId: { __rl: true, mode: 'id', value: list.eventId },
				email: '={{ $json.email }}',
				name: '={{ $json.name }}',
				fields: { company: '={{ $json.company }}', role: '={{ $json.role }}' },
				options: {},
			},
			credentials: { inEventApi: { id: credentialId, name: credentialName } },
			onError: 'continueRegularOutput',
		},
	];
	const connections: IDataObject = {};
	for (let index = 0; index + 1 < nodes.length; index++)
		connections[String(nodes[index].name)] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** An attendee as the store holds it, in plain values (the `dateUpdated` stamps apart). */
export interface StoredAttendee {
	person: IDataObject;
	membership: IDataObject;
	personDateUpdated: number;
	membershipDateUpdated: number;
}

/** Every attendee of the event by personID, copied (so later writes do not change it). */
export function snapshotEvent(sandbox: Sandbox, eventId: string): Map<string, StoredAttendee> {
	const out = new Map<string, StoredAttendee>();
	for (const [personId, membership] of sandbox.store.memberships.get(eventId) ?? []) {
		const person = sandbox.store.persons.get(personId);
		if (!person) throw new Error(`membership without person ${personId}`);
		const { dateUpdated: personDateUpdated, eventPasswords, ...personRest } = person;
		const { dateUpdated: membershipDateUpdated, answers, tagIDs, ...membershipRest } = membership;
		out.set(personId, {
			person: { ...personRest, eventPasswords: [...eventPasswords.entries()] } as unknown as IDataObject,
			membership: {
				...membershipRest,
				answers: [...answers.entries()],
				tagIDs: [...tagIDs],
			} as unknown as IDataObject,
			personDateUpdated,
			membershipDateUpdated,
		});
	}
	return out;
}

/** Values the list sets: the name, company and job title (role). */
const LISTED = ['name', 'company', 'role'] as const;
/** Derived from the name by the store (`splitName`). */
const FROM_NAME = ['firstName', 'lastName'];

function differences(path: string, actual: IDataObject, expected: IDataObject, skip: string[] = []): string[] {
	const out: string[] = [];
	for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
		if (skip.includes(key)) continue;
		const a = JSON.stringify(actual[key]);
		const e = JSON.stringify(expected[key]);
		if (a !== e) out.push(`${path}.${key}: ${a} (expected ${e})`);
	}
	return out;
}

export interface EventCheck {
	/** One line per difference from what the list says (empty when the event is right). */
	problems: string[];
	/** Emails (trimmed, lower-cased) held by more than one attendee of the event. */
	duplicates: string[];
	attendees: number;
}

/**
 * Compares the event with the list: every contact is an attendee exactly once (emails compared
 * trimmed and case-insensitively), with the name, company and job title the list gives; a re-cased
 * email leaves the stored email as it was; everything else of every attendee (listed or not) is as in
 * `before`. The `dateUpdated` stamps are not compared.
 */
export function checkEventAgainstList(
	sandbox: Sandbox,
	list: SyncList,
	before: Map<string, StoredAttendee>,
): EventCheck {
	const now = snapshotEvent(sandbox, list.eventId);
	const byEmail = new Map<string, string[]>();
	for (const [personId, attendee] of now) {
		const key = emailKey(attendee.person.email);
		byEmail.set(key, [...(byEmail.get(key) ?? []), personId]);
	}
	const duplicates = [...byEmail].filter(([, ids]) => ids.length > 1).map(([email]) => email);
	const problems: string[] = [];
	const listed = new Set<string>();
	list.contacts.forEach((contact, index) => {
		const ids = byEmail.get(emailKey(contact.email)) ?? [];
		if (ids.length === 0) {
			problems.push(`contact ${index} (${contact.email.trim()}, ${list.kinds[index]}): not an attendee`);
			return;
		}
		const [personId] = ids;
		listed.add(personId);
		const stored = now.get(personId)!;
		const where = `contact ${index} (${emailKey(contact.email)}, ${list.kinds[index]})`;
		for (const key of LISTED)
			if (stored.person[key] !== contact[key])
				problems.push(`${where}.${key}: ${JSON.stringify(stored.person[key])} (sent ${JSON.stringify(contact[key])})`);
		const expectedId = list.personIds[index];
		if (expectedId === undefined) {
			if (before.has(personId)) problems.push(`${where}: new, but matched attendee ${personId}, there before`);
			if (stored.person.email !== contact.email.trim())
				problems.push(`${where}.email: ${JSON.stringify(stored.person.email)} (sent ${JSON.stringify(contact.email)})`);
			return;
		}
		if (personId !== expectedId) problems.push(`${where}: attendee ${personId}, expected ${expectedId}`);
		const was = before.get(expectedId);
		if (!was) {
			problems.push(`${where}: attendee ${expectedId} was not in the event before`);
			return;
		}
		const skip = [...LISTED, ...(stored.person.name === was.person.name ? [] : FROM_NAME)];
		problems.push(...differences(`${where}.person`, stored.person, was.person, skip));
		problems.push(...differences(`${where}.membership`, stored.membership, was.membership));
	});
	for (const [personId, was] of before) {
		if (listed.has(personId)) continue;
		const stored = now.get(personId);
		if (!stored) {
			problems.push(`unlisted attendee ${personId} (${String(was.person.email)}): no longer in the event`);
			continue;
		}
		problems.push(...differences(`unlisted ${personId}.person`, stored.person, was.person));
		problems.push(...differences(`unlisted ${personId}.membership`, stored.membership, was.membership));
	}
	for (const personId of now.keys())
		if (!before.has(personId) && !listed.has(personId))
			problems.push(
				`attendee ${personId} (${String(now.get(personId)?.person.email)}) is in no contact and was not there before`,
			);
	return { problems, duplicates, attendees: now.size };
}

/** Calls per action, in the order first seen, e.g. `event.person.get 2000, event.person.bind 40`. */
export function callsPerAction(log: RequestLogEntry[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of log) counts[entry.action] = (counts[entry.action] ?? 0) + 1;
	return counts;
}

export const formatCalls = (counts: Record<string, number>): string =>
	Object.entries(counts)
		.map(([action, count]) => `${action} ${count}`)
		.join(', ') || 'none';

/**
 * Writes that touched someone the list did not ask to change: an `event.person.operate` or
 * `feedback.respond` on an attendee outside `personIds`, or an `event.person.bind` of an email outside
 * `emails` (trimmed, lower-cased). Attendees registered by the run are looked up by personID in the
 * store afterwards, so a write right after their registration counts as theirs.
 */
export function writesOutside(
	sandbox: Sandbox,
	log: RequestLogEntry[],
	allowed: { personIds: Set<string>; emails: Set<string> },
): string[] {
	const out: string[] = [];
	for (const entry of log) {
		if (!WRITE_ACTIONS.includes(entry.action)) continue;
		if (entry.action === 'event.person.bind') {
			const email = emailKey(entry.body.email ?? entry.body.username);
			if (!allowed.emails.has(email)) out.push(`${entry.action} ${email}`);
			continue;
		}
		const personId = String(entry.query.personID ?? '');
		const email = emailKey(sandbox.store.persons.get(personId)?.email);
		if (!allowed.personIds.has(personId) && !allowed.emails.has(email))
			out.push(`${entry.action} personID ${personId} (${email}) ${entry.query.key ?? ''}`.trim());
	}
	return out;
}

/**
 * For the first `max` calls the sandbox's limiter refused (429): the same token's arrivals in the
 * second before it and the gaps between them, e.g. `429 at +83.2 s (event.person.get): 11 arrivals
 * in 1 s, gaps 104 98 12 …` (a small gap: two calls reached InEvent closer than the node released them).
 */
export function rateLimitedWindows(log: RequestLogEntry[], max = 3): string[] {
	const first = log[0]?.time ?? 0;
	return log
		.filter((entry) => entry.status === 429 && entry.fault === undefined)
		.slice(0, max)
		.map((refused) => {
			const token = tokenOf(refused);
			const window = log.filter(
				(entry) => tokenOf(entry) === token && entry.time > refused.time - 1000 && entry.time <= refused.time,
			);
			const gaps = window.slice(1).map((entry, index) => entry.time - window[index].time);
			return `429 at +${((refused.time - first) / 1000).toFixed(1)} s (${refused.action}): ${window.length} arrivals in 1 s, gaps ${gaps.join(' ')} ms`;
		});
}
