import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldEdit } from '../../helpers/fieldEdits';
import { getOptions } from '../../helpers/parameters';
import { toZeroOne } from '../../helpers/types';
import { invalidInput, isBlank, requireEmail, requireLevel, requireNumericId } from '../../helpers/validation';
import type { AttendeeEditKind } from './attendee.fields';
import { ATTENDEE_EDIT_KEYS, ATTENDEE_LEVELS } from './attendee.fields';
import { tagModeOption, tagsOption } from './tags';

/** The attendee's full name, required to register. */
export const fullNameProperty: INodeProperties = {
	displayName: 'Full Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Ada Lovelace',
};

/** The attendee's email (required), with what it is used for. */
export function emailProperty(description?: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		...(description ? { description } : {}),
	};
}

function fieldFor(key: string, label: string, kind: AttendeeEditKind, description?: string): INodeProperties {
	const base = { displayName: label, name: key, ...(description ? { description } : {}) };
	if (kind === 'boolean') return { ...base, type: 'boolean', default: false };
	if (kind === 'level') return { ...base, type: 'options', options: [...ATTENDEE_LEVELS], default: '1' };
	if (kind === 'password') return { ...base, type: 'string', typeOptions: { password: true }, default: '' };
	if (kind === 'email') return { ...base, type: 'string', placeholder: 'name@email.com', default: '' };
	return { ...base, type: 'string', default: '' };
}

/** The collection's fields: the operate keys (except `skip`), the tags and their mode, by name. */
export function attendeeFieldOptions(skip: readonly string[] = []): INodeProperties[] {
	return [
		...ATTENDEE_EDIT_KEYS.filter(({ key }) => !skip.includes(key)).map(({ key, label, kind, description }) =>
			fieldFor(key, label, kind, description),
		),
		tagsOption,
		tagModeOption,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Options › Ignore Empty Values of the operations that change an attendee. */
export const ignoreEmptyValuesOption: INodeProperties = {
	displayName: 'Ignore Empty Values',
	name: 'ignoreEmptyValues',
	type: 'boolean',
	default: false,
	description:
		'Whether a field or custom field whose value is empty is left as the attendee has it, instead of being cleared (e.g. a CRM column that is blank, or a field an AI model did not fill)',
};

export function ignoresEmptyValues(this: IExecuteFunctions, itemIndex: number): boolean {
	return ignoreEmptyValuesIn(getOptions.call(this, itemIndex));
}

/** Whether Options (as read for an item) has Ignore Empty Values on. */
export function ignoreEmptyValuesIn(options: IDataObject): boolean {
	return options.ignoreEmptyValues === true;
}

/**
 * The collection's operate keys as InEvent takes them, in the documented order, each checked. With
 * `ignoreEmpty`, a text field left empty is not an edit.
 */
export function attendeeEditsOf(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
	ignoreEmpty = false,
): FieldEdit[] {
	const node = this.getNode();
	const edits: FieldEdit[] = [];
	for (const { key, label, kind } of ATTENDEE_EDIT_KEYS) {
		if (!(key in fields)) continue;
		const raw = fields[key];
		if (ignoreEmpty && kind !== 'boolean' && isBlank(raw)) continue;
		let value: string;
		if (kind === 'boolean') value = toZeroOne(raw);
		else if (kind === 'level') value = requireLevel(node, itemIndex, raw);
		else if (kind === 'email') value = requireEmail(node, itemIndex, label, raw);
		else if (kind === 'id') value = requireNumericId(node, itemIndex, label, raw);
		else if (kind === 'password') value = String(raw ?? '');
		else value = String(raw ?? '').trim();
		if ((key === 'name' || key === 'password') && value.trim() === '')
			throw invalidInput(node, itemIndex, `${label} must not be empty`);
		edits.push({ key, value });
	}
	return edits;
}
