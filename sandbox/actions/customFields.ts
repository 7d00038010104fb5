import { badRequest, emptyAttribute } from '../server/errors';
import type { StringMap } from '../server/http';
import type { FeedbackRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { isJsonObject, jsonScalar, parseJsonAttribute } from './jsonContent';

/**
 * Custom registration fields and their answers (changelog 2021-10-01: a field is answered by
 * `feedbackID` or, through its "API Field" key, as `f_<key>`). The rest is the README's inferred contract.
 */
export const CUSTOM_FIELD_PREFIX = 'f_';

export function isCustomFieldKey(key: string): boolean {
	return key.startsWith(CUSTOM_FIELD_PREFIX);
}

/** One answer to write: the field and the value as sent. */
export interface Answer {
	field: FeedbackRecord;
	value: string;
}

/** `f_<apiKey>` → the event's field with exactly that API key; otherwise 400 naming the key. */
export function fieldByKey(store: SandboxStore, eventID: string, key: string): FeedbackRecord {
	const apiKey = key.slice(CUSTOM_FIELD_PREFIX.length);
	const field =
		isCustomFieldKey(key) && apiKey !== ''
			? store.feedbacksOf(eventID).find((candidate) => candidate.apiKey === apiKey)
			: undefined;
	if (!field) throw badRequest(`Couldn't find the custom field ${key}`);
	return field;
}

/** A feedbackID of the event's fields; another event's or an unknown one → 400 naming it. */
export function fieldById(store: SandboxStore, eventID: string, feedbackID: string): FeedbackRecord {
	const field = store.feedbacks.get(feedbackID);
	if (!field || field.eventID !== eventID) throw badRequest(`Couldn't find the feedbackID ${feedbackID}`);
	return field;
}

/** Writes answers into an answer map (feedbackID → value): trimmed; an empty value clears the answer. */
export function applyAnswers(answers: Map<string, string>, list: readonly Answer[]): void {
	for (const { field, value } of list) {
		const trimmed = value.trim();
		if (trimmed === '') answers.delete(field.feedbackID);
		else answers.set(field.feedbackID, trimmed);
	}
}

/** The `f_<apiKey>` attributes of a form body (`event.person.bind`), each resolved (unknown → 400). */
export function answersInBody(store: SandboxStore, eventID: string, body: StringMap): Answer[] {
	return Object.entries(body)
		.filter(([key]) => isCustomFieldKey(key))
		.map(([key, value]) => ({ field: fieldByKey(store, eventID, key), value }));
}

const CONTENT_FORMS =
	'content must be a JSON array of {"feedbackID", "value"} objects or a JSON object of f_<API field> keys';

function answerFromItem(store: SandboxStore, eventID: string, item: unknown, index: number): Answer {
	const where = `content[${index}]`;
	if (!isJsonObject(item) || item.feedbackID === undefined || item.value === undefined) {
		throw badRequest(`${where} must be an object with feedbackID and value`);
	}
	const id = jsonScalar(item.feedbackID, `${where}.feedbackID`).trim();
	if (!/^\d+$/.test(id)) throw badRequest(`${where}.feedbackID must be a numeric ID`);
	return { field: fieldById(store, eventID, id), value: jsonScalar(item.value, `${where}.value`) };
}

/**
 * `feedback.respond`'s `content` in either documented form: `[{"feedbackID":123,"value":"abc"}, …]` or
 * `{"f_<key>":"abc", …}`. Every entry is resolved before anything is written; a field twice → 400.
 */
export function answersInContent(store: SandboxStore, eventID: string, raw: string | undefined): Answer[] {
	if (raw === undefined || raw.trim() === '') throw emptyAttribute('content');
	const parsed = parseJsonAttribute(raw, CONTENT_FORMS);
	let answers: Answer[];
	if (Array.isArray(parsed)) {
		answers = parsed.map((item: unknown, index) => answerFromItem(store, eventID, item, index));
	} else if (isJsonObject(parsed)) {
		answers = Object.entries(parsed).map(([key, value]) => ({
			field: fieldByKey(store, eventID, key),
			value: jsonScalar(value, `content.${key}`),
		}));
	} else {
		throw badRequest(CONTENT_FORMS);
	}
	if (answers.length === 0) throw emptyAttribute('content');
	const seen = new Set<string>();
	for (const { field } of answers) {
		if (seen.has(field.feedbackID)) throw badRequest(`content lists feedbackID ${field.feedbackID} twice`);
		seen.add(field.feedbackID);
	}
	return answers;
}
