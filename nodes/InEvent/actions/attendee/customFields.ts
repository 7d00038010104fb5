import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../helpers/itemParameters';
import { invalidInput, isBlank } from '../../helpers/validation';
import { inEventApiRequestAllItems } from '../../transport';
import type { InEventContext } from '../../transport';

/** A custom registration-form field of an event (`feedback.find`, inevent-api.md §13.6; shape inferred). */
export interface CustomField {
	feedbackId: string;
	/** The "API Field" key (changelog 2021-10-01); '' when the event's admins gave it none. */
	apiKey: string;
	name: string;
}

/** One answer to write: the field's API key (without `f_`) and its value. */
export interface CustomFieldAnswer {
	apiKey: string;
	name: string;
	value: string;
}

export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description:
		"Answers to the event's registration-form questions, sent as f_&lt;API field&gt; (inferred). Only fields with an API field key can be written.",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'key',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields', loadOptionsDependsOn: ['eventId.value'] },
					default: '',
					description:
						'The question, by its API field key. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'The answer; empty clears it (inferred)',
				},
			],
		},
	],
};

const fieldsByContext = new WeakMap<object, Map<string, Promise<CustomField[]>>>();

async function readCustomFields(this: InEventContext, eventId: string, itemIndex?: number): Promise<CustomField[]> {
	const records = await inEventApiRequestAllItems.call(
		this,
		'feedback.find',
		{ qs: { eventID: eventId, selection: 'all' }, itemIndex },
		{ returnAll: true, idKey: 'feedbackID' },
	);
	return records.map((record) => ({
		feedbackId: String(record.feedbackID ?? ''),
		apiKey: String(record.apiKey ?? '').trim(),
		name: String(record.text ?? '').trim(),
	}));
}

/** The event's custom fields, read once per execution (or editor look-up) and event. */
export async function customFieldsOfEvent(
	this: InEventContext,
	eventId: string,
	itemIndex?: number,
): Promise<CustomField[]> {
	let perEvent = fieldsByContext.get(this);
	if (!perEvent) {
		perEvent = new Map();
		fieldsByContext.set(this, perEvent);
	}
	let fields = perEvent.get(eventId);
	if (!fields) {
		fields = readCustomFields.call(this, eventId, itemIndex);
		perEvent.set(eventId, fields);
		fields.catch(() => perEvent.delete(eventId));
	}
	return await fields;
}

/** A key as users write it: `dietary_needs` or `f_dietary_needs`. */
function apiKeyOf(raw: unknown): string {
	const key = String(raw ?? '').trim();
	return key.startsWith('f_') ? key.slice(2) : key;
}

/**
 * The item's Custom Fields, checked against the event's fields: each must be a field with an API key
 * (compared exactly, as InEvent's keys are case-sensitive), given once. No fields → no call to InEvent.
 */
export async function readCustomFieldAnswers(
	this: IExecuteFunctions,
	eventId: string,
	itemIndex: number,
	ignoreEmpty = false,
	parameters?: ItemParameters,
): Promise<CustomFieldAnswer[]> {
	const collection = (
		parameters ? parameters.get('customFields', itemIndex, {}) : this.getNodeParameter('customFields', itemIndex, {})
	) as IDataObject;
	const all = (collection.field ?? []) as IDataObject[];
	const entries = ignoreEmpty ? all.filter((entry) => !isBlank(entry.value)) : all;
	if (entries.length === 0) return [];
	const node = this.getNode();
	const fields = await customFieldsOfEvent.call(this, eventId, itemIndex);
	const answers: CustomFieldAnswer[] = [];
	for (const [position, entry] of entries.entries()) {
		const apiKey = apiKeyOf(entry.key);
		const label = `Custom Fields › entry ${position + 1}`;
		if (apiKey === '') throw invalidInput(node, itemIndex, `${label}: choose a field or give its API field key`);
		const field = fields.find((candidate) => candidate.apiKey !== '' && candidate.apiKey === apiKey);
		if (!field) {
			const known = fields.filter(({ apiKey: key }) => key !== '').map(({ apiKey: key }) => key);
			throw invalidInput(
				node,
				itemIndex,
				`${label}: "${apiKey}" is not a custom field of event ${eventId} (its API field keys: ${known.join(', ') || 'none'})`,
			);
		}
		if (answers.some((answer) => answer.apiKey === apiKey))
			throw invalidInput(node, itemIndex, `${label}: the field "${field.name}" (${apiKey}) is given twice`);
		answers.push({ apiKey, name: field.name, value: String(entry.value ?? '').trim() });
	}
	return answers;
}

/** The answers an attendee's full profile shows (`feedbacks`, inferred shape), by API key. */
export function answersShown(attendee: IDataObject | undefined): Map<string, string> | undefined {
	const feedbacks = attendee?.feedbacks;
	if (!Array.isArray(feedbacks)) return undefined;
	const shown = new Map<string, string>();
	for (const entry of feedbacks as IDataObject[]) {
		const apiKey = String(entry.apiKey ?? '');
		if (apiKey !== '') shown.set(apiKey, String(entry.value ?? '').trim());
	}
	return shown;
}

/**
 * Typed Output: the full profile's `feedbacks` become `customFields`, answers under their field names
 * (a name two fields share gets the API key, or the feedbackID, in brackets).
 */
export function withCustomFieldsByName(attendee: IDataObject): IDataObject {
	const feedbacks = attendee.feedbacks;
	if (!Array.isArray(feedbacks)) return attendee;
	const entries = feedbacks as IDataObject[];
	const nameOf = (entry: IDataObject): string => String(entry.text ?? '').trim() || String(entry.apiKey ?? '');
	const counts = new Map<string, number>();
	for (const entry of entries) counts.set(nameOf(entry), (counts.get(nameOf(entry)) ?? 0) + 1);
	const byName: IDataObject = {};
	for (const entry of entries) {
		const name = nameOf(entry);
		const unique = (counts.get(name) ?? 0) > 1 ? `${name} (${String(entry.apiKey || entry.feedbackID)})` : name;
		byName[unique] = String(entry.value ?? '');
	}
	const reshaped: IDataObject = { ...attendee, customFields: byName };
	delete reshaped.feedbacks;
	return reshaped;
}
