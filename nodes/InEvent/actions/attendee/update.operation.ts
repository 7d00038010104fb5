import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { applyEditsOneByOne } from '../../helpers/fieldEdits';
import type { FieldEdit } from '../../helpers/fieldEdits';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { toZeroOne } from '../../helpers/types';
import { invalidInput, requireEmail, requireLevel, requireNumericId } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport/request';
import { attendeeLocator, eventLocator, optionsCollection } from '../common.descriptions';
import type { AttendeeEditKind } from './attendee.fields';
import { ATTENDEE_EDIT_KEYS, ATTENDEE_FIELD_TYPES, ATTENDEE_LEVELS } from './attendee.fields';

function fieldFor(key: string, label: string, kind: AttendeeEditKind, description?: string): INodeProperties {
	const base = { displayName: label, name: key, ...(description ? { description } : {}) };
	if (kind === 'boolean') return { ...base, type: 'boolean', default: false };
	if (kind === 'level') return { ...base, type: 'options', options: [...ATTENDEE_LEVELS], default: '1' };
	if (kind === 'password') return { ...base, type: 'string', typeOptions: { password: true }, default: '' };
	if (kind === 'email') return { ...base, type: 'string', placeholder: 'name@email.com', default: '' };
	return { ...base, type: 'string', default: '' };
}

const properties: INodeProperties[] = [
	eventLocator,
	attendeeLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: ATTENDEE_EDIT_KEYS.map(({ key, label, kind, description }) =>
			fieldFor(key, label, kind, description),
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection([
		{
			displayName: 'Send All Fields in One Request',
			name: 'multiField',
			type: 'boolean',
			default: true,
			description:
				'Whether to send every field in one event.person.operate call (InEvent\'s multi-field form, a JSON "content" body: the fewest calls) instead of one call per field',
		},
	]),
];

export const description = showOnlyFor('attendee', 'update', properties);

function attendeeEdits(this: IExecuteFunctions, fields: IDataObject, itemIndex: number): FieldEdit[] {
	const node = this.getNode();
	const edits: FieldEdit[] = [];
	for (const { key, label, kind } of ATTENDEE_EDIT_KEYS) {
		if (!(key in fields)) continue;
		const raw = fields[key];
		let value: string;
		if (kind === 'boolean') value = toZeroOne(raw);
		else if (kind === 'level') value = requireLevel(node, itemIndex, raw);
		else if (kind === 'email') value = requireEmail(node, itemIndex, label, raw);
		else if (kind === 'id') value = requireNumericId(node, itemIndex, label, raw);
		else value = String(raw ?? '');
		if ((key === 'name' || key === 'password') && value.trim() === '')
			throw invalidInput(node, itemIndex, `${label} must not be empty`);
		edits.push({ key, value });
	}
	return edits;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
	const edits = attendeeEdits.call(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (edits.length === 0)
		throw invalidInput(this.getNode(), itemIndex, 'Update Fields is empty: add at least one field to update');
	const options = getOptions.call(this, itemIndex);
	const qs = { eventID: eventId, personID: personId };

	let latest: IDataObject[] = [];
	if (options.multiField !== false) {
		// The multi-field form's `content` format is inferred from the iOS SDK (inevent-api.md §10.2): a JSON object.
		const content = JSON.stringify(Object.fromEntries(edits.map(({ key, value }) => [key, value])));
		({ data: latest } = await inEventApiRequest.call(this, 'event.person.operate', {
			qs,
			body: { content },
			itemIndex,
		}));
	} else {
		const last = await applyEditsOneByOne(edits, async ({ key, value }) =>
			inEventApiRequest.call(this, 'event.person.operate', { qs: { ...qs, key }, body: { value }, itemIndex }),
		);
		latest = last?.data ?? [];
	}
	if (latest.length === 0)
		({ data: latest } = await inEventApiRequest.call(this, 'event.person.get', { qs, itemIndex }));
	return toOutputItems.call(this, latest.slice(0, 1), itemIndex, ATTENDEE_FIELD_TYPES);
}
