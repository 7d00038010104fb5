import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { applyEditsOneByOne } from '../../helpers/fieldEdits';
import type { FieldEdit } from '../../helpers/fieldEdits';
import { invalidInput } from '../../helpers/validation';
import { inEventApiRequest, isRefusal } from '../../transport';
import type { CustomFieldAnswer } from './customFields';
import { answersShown } from './customFields';
import { tagListOf } from './tags';
import type { TagMode } from './tags';
import { writeFormsOf } from './writeForms';
import type { WriteForms } from './writeForms';

/** What an item asks to change on an attendee. */
export interface AttendeeChanges {
	/** Attendee keys of `event.person.operate` (§10.2), validated; tags go in `tags`. */
	edits: FieldEdit[];
	answers: CustomFieldAnswer[];
	tags?: { ids: string[]; mode: TagMode };
}

/** How the item's changes reached InEvent: reported on the output item. */
export type UpdateForm = 'multiField' | 'perField' | 'unchanged';

export interface AttendeeTarget {
	eventId: string;
	personId: string;
}

interface WriteOptions {
	itemIndex: number;
	/** Options › Send All Fields in One Request (off: the documented one-field form only). */
	multiField: boolean;
	/** The attendee as InEvent just showed it (full profile): values it already has are not sent again. */
	current?: IDataObject;
}

/** One value to write: an attendee key, `f_<API field>` or `tagIDs`. */
interface Entry {
	key: string;
	value: string;
	answer?: CustomFieldAnswer;
}

/** The multi-field JSON `content` of several values (also `feedback.respond`'s object form). */
function contentOf(entries: Entry[]): string {
	return JSON.stringify(Object.fromEntries(entries.map(({ key, value }) => [key, value])));
}

function sameTags(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((tag) => b.includes(tag));
}

/** Whether an attendee InEvent answered with shows this value (what confirms an inferred write). */
function isShown(attendee: IDataObject | undefined, entry: Entry): boolean {
	if (!attendee) return false;
	if (entry.answer) return answersShown(attendee)?.get(entry.answer.apiKey) === entry.value;
	const shown = attendee[entry.key];
	if (shown === undefined || shown === null) return false;
	if (entry.key === 'tagIDs') return sameTags(tagListOf(shown), tagListOf(entry.value));
	const text = String(shown).trim();
	return entry.key === 'email' || entry.key === 'assistantEmail'
		? text.toLowerCase() === entry.value.toLowerCase()
		: text === entry.value.trim();
}

async function readAttendee(this: IExecuteFunctions, target: AttendeeTarget, itemIndex: number): Promise<IDataObject> {
	const { data } = await inEventApiRequest.call(this, 'event.person.get', {
		qs: { eventID: target.eventId, personID: target.personId },
		itemIndex,
	});
	return data[0] ?? {};
}

function entriesOf(changes: AttendeeChanges, current: IDataObject | undefined): Entry[] {
	const entries: Entry[] = changes.edits.map(({ key, value }) => ({ key, value }));
	for (const answer of changes.answers) entries.push({ key: `f_${answer.apiKey}`, value: answer.value, answer });
	if (changes.tags) {
		const { ids, mode } = changes.tags;
		const tags = mode === 'add' ? [...new Set([...tagListOf(current?.tagIDs), ...ids])] : ids;
		entries.push({ key: 'tagIDs', value: tags.join(',') });
	}
	// A password is never shown back: it is always written, in the documented form.
	return current ? entries.filter((entry) => entry.key === 'password' || !isShown(current, entry)) : entries;
}

/** The keys (attendee keys, `f_<API field>`, `tagIDs`) a write would send to an attendee shown as `current`. */
export function changedKeys(changes: AttendeeChanges, current: IDataObject | undefined): string[] {
	return entriesOf(changes, current).map(({ key }) => key);
}

/** The full profile's `feedbacks` with the answers `feedback.respond` just stored (by API key). */
function withAnswers(attendee: IDataObject, stored: Map<string, string>): IDataObject {
	if (!Array.isArray(attendee.feedbacks)) return attendee;
	const feedbacks = (attendee.feedbacks as IDataObject[]).map((entry) => {
		const value = stored.get(String(entry.apiKey ?? ''));
		return value === undefined ? entry : { ...entry, value };
	});
	return { ...attendee, feedbacks };
}

/**
 * The documented forms: attendee keys one `event.person.operate` call each (key + value, §10.2), custom
 * answers in one `feedback.respond` (the changelog's `{"f_<API field>": value}` content). Answers must
 * come back as sent, or the item fails naming them.
 */
async function writeDocumented(
	this: IExecuteFunctions,
	target: AttendeeTarget,
	entries: Entry[],
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const qs = { eventID: target.eventId, personID: target.personId };
	const answers = entries.filter((entry) => entry.answer);
	const keys = entries.filter((entry) => !entry.answer);
	const last = await applyEditsOneByOne(keys, async ({ key, value }) =>
		inEventApiRequest.call(this, 'event.person.operate', {
			qs: { ...qs, key },
			body: { value },
			keepEmpty: true,
			itemIndex,
		}),
	);
	let attendee = last?.data[0];
	if (answers.length === 0) return attendee;
	const content = contentOf(answers);
	const { data: rows } = await inEventApiRequest.call(this, 'feedback.respond', { qs, body: { content }, itemIndex });
	const stored = new Map(rows.map((row) => [String(row.apiKey ?? ''), String(row.value ?? '').trim()]));
	const missing = answers.filter(({ answer, value }) => stored.get(answer?.apiKey ?? '') !== value);
	if (missing.length > 0) {
		const names = missing.map(({ answer }) => `"${answer?.name}" (${answer?.apiKey})`).join(', ');
		const applied = keys.map(({ key }) => key).join(', ') || 'none';
		throw invalidInput(
			this.getNode(),
			itemIndex,
			`InEvent answered feedback.respond without storing the custom fields ${names}; nothing else is assumed. Attendee fields applied: ${applied}`,
		);
	}
	attendee ??= await readAttendee.call(this, target, itemIndex);
	return withAnswers(attendee, stored);
}

/**
 * Writes an item's changes to an existing attendee with the fewest calls InEvent is known to honour:
 * several values go in one multi-field `event.person.operate` (an inferred `content` form) while the
 * account's answers show it works, for attendee keys and for custom answers apart. A refusal, or an
 * answer that does not show every new value, sends what is missing in the documented forms and makes
 * the account use them from then on for that kind of value. A value the attendee already has (per
 * `current`) is not sent. Never reports a change InEvent did not make. The form reported is
 * `multiField` when the one call did all it carried and no attendee key needed a call of its own
 * (custom answers this account takes only by `feedback.respond` may follow in their own call).
 */
export async function writeAttendeeChanges(
	this: IExecuteFunctions,
	target: AttendeeTarget,
	changes: AttendeeChanges,
	{ itemIndex, multiField, current: given }: WriteOptions,
): Promise<{ attendee: IDataObject; form: UpdateForm }> {
	// Adding tags needs the ones the attendee has: a record that does not show them is read again.
	const needsTags = changes.tags?.mode === 'add' && given?.tagIDs === undefined;
	const current = needsTags ? await readAttendee.call(this, target, itemIndex) : given;
	const entries = entriesOf(changes, current);
	if (entries.length === 0 && current) return { attendee: current, form: 'unchanged' };

	const forms = await writeFormsOf(this);
	const passwords = entries.filter((entry) => entry.key === 'password');
	const values = entries.filter((entry) => entry.key !== 'password');
	const trusted = (entry: Entry): boolean => (entry.answer ? forms.answersInOperate : forms.multiFieldOperate);
	const together = multiField ? values.filter(trusted) : [];
	let pending = values;
	let latest: IDataObject | undefined;
	let refused: Entry[] = [];
	if (together.length >= 2) {
		const content = contentOf(together);
		try {
			const { data } = await inEventApiRequest.call(this, 'event.person.operate', {
				qs: { eventID: target.eventId, personID: target.personId },
				body: { content },
				itemIndex,
			});
			latest = data[0];
			pending = values.filter((entry) => !together.includes(entry) || !isShown(latest, entry));
			// InEvent said yes but did not do it all: that kind of value goes the documented way from now on.
			distrust(
				forms,
				together.filter((entry) => pending.includes(entry)),
			);
		} catch (error) {
			if (!isRefusal(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			refused = together;
		}
	}
	const documented = await writeDocumented.call(this, target, [...pending, ...passwords], itemIndex);
	// A refusal may be about a value rather than the form: only the documented form passing tells.
	distrust(forms, refused);
	latest = documented ?? latest ?? (await readAttendee.call(this, target, itemIndex));
	const allTogetherApplied = together.length >= 2 && together.every((entry) => !pending.includes(entry));
	const keysApart = pending.some((entry) => !entry.answer);
	return { attendee: latest, form: allTogetherApplied && !keysApart ? 'multiField' : 'perField' };
}

function distrust(forms: WriteForms, entries: Entry[]): void {
	if (entries.some((entry) => !entry.answer)) forms.multiFieldOperate = false;
	if (entries.some((entry) => entry.answer)) forms.answersInOperate = false;
}
