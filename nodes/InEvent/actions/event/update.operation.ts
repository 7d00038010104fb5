import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { applyEditsOneByOne } from '../../helpers/fieldEdits';
import type { FieldEdit } from '../../helpers/fieldEdits';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { toUnixSeconds, toZeroOne } from '../../helpers/types';
import { invalidInput, requireNickname } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport';
import { eventLocator, optionsCollection } from '../common.descriptions';
import type { EventEditKind } from './event.fields';
import { EVENT_EDIT_KEYS, EVENT_FIELD_TYPES } from './event.fields';

const FIELD_DESCRIPTIONS: Record<string, string> = {
	description: 'General description (summary of the event); HTML is accepted',
	cover: 'Cover image URL',
	address: 'Address shown on the map',
	accessCode: 'Access code of a private event',
	wireless: 'Wireless network information (Wi-Fi)',
	visible: 'Whether the event is visible',
	public: 'Whether the event is public',
	automaticEnrollment: 'Whether attendees are enrolled automatically (mobile app)',
	nickname: "The event's URL path",
	email: 'Organization email',
};

function fieldType(kind: EventEditKind): INodeProperties['type'] {
	if (kind === 'date') return 'dateTime';
	if (kind === 'boolean') return 'boolean';
	if (kind === 'number') return 'number';
	return 'string';
}

const updateFieldOptions: INodeProperties[] = EVENT_EDIT_KEYS.map(({ key, label, kind }) => ({
	displayName: label,
	name: key,
	type: fieldType(kind),
	default: kind === 'boolean' ? false : kind === 'number' ? 0 : '',
	...(FIELD_DESCRIPTIONS[key] ? { description: FIELD_DESCRIPTIONS[key] } : {}),
	...(kind === 'number' ? { typeOptions: { numberPrecision: 7 } } : {}),
})).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	eventLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFieldOptions,
	},
	optionsCollection(),
];

export const description = showOnlyFor('event', 'update', properties);

/** Turns the chosen fields into `event.edit` key/value pairs, in the documented order. */
function eventEdits(this: IExecuteFunctions, fields: IDataObject, itemIndex: number): FieldEdit[] {
	const node = this.getNode();
	const edits: FieldEdit[] = [];
	for (const { key, label, kind } of EVENT_EDIT_KEYS) {
		if (!(key in fields)) continue;
		const raw = fields[key];
		let value: string;
		if (kind === 'date') value = toUnixSeconds(node, itemIndex, label, raw);
		else if (kind === 'boolean') value = toZeroOne(raw);
		else if (kind === 'number') {
			if (raw === '' || raw === null || !Number.isFinite(Number(raw)))
				throw invalidInput(node, itemIndex, `${label} must be a number`);
			value = String(Number(raw));
		} else value = String(raw ?? '');
		if (key === 'name' && value.trim() === '') throw invalidInput(node, itemIndex, 'Name must not be empty');
		if (key === 'nickname') requireNickname(node, itemIndex, value);
		edits.push({ key, value });
	}
	return edits;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const edits = eventEdits.call(this, fields, itemIndex);
	if (edits.length === 0)
		throw invalidInput(this.getNode(), itemIndex, 'Update Fields is empty: add at least one field to update');

	// InEvent edits one field per call (inevent-api.md §9.2).
	const last = await applyEditsOneByOne(edits, async ({ key, value }) =>
		inEventApiRequest.call(this, 'event.edit', { qs: { eventID: eventId, key }, body: { value }, itemIndex }),
	);
	let latest = last?.data ?? [];
	if (latest.length === 0)
		({ data: latest } = await inEventApiRequest.call(this, 'event.get', { qs: { eventID: eventId }, itemIndex }));
	return toOutputItems.call(this, latest.slice(0, 1), itemIndex, EVENT_FIELD_TYPES);
}
