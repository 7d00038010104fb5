import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { applyEditsOneByOne } from '../../helpers/fieldEdits';
import type { FieldEdit } from '../../helpers/fieldEdits';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { invalidInput } from '../../helpers/validation';
import { inEventApiRequest } from '../../transport';
import { eventLocator, optionsCollection, sessionLocator } from '../common.descriptions';
import { SESSION_FIELD_TYPES, SESSION_FIELDS, sessionFieldProperty } from './session.fields';
import { sessionValue } from './sessionValues';

const updateFieldOptions: INodeProperties[] = SESSION_FIELDS.map(sessionFieldProperty).sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

const properties: INodeProperties[] = [
	eventLocator,
	sessionLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFieldOptions,
	},
	optionsCollection([
		{
			displayName: 'Notify Attendees',
			name: 'push',
			type: 'boolean',
			default: false,
			description:
				"Whether InEvent should notify the session's attendees of the change (the `push` flag, sent once with the last field)",
		},
	]),
];

export const description = showOnlyFor('activity', 'update', properties);

/**
 * Changes session fields with `activity.edit`, one key per call like every InEvent edit. When both
 * times move, the order of the two calls keeps the session valid in between (start never after end).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const sessionId = getIdParameter.call(this, 'activityId', 'Session ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const edits: FieldEdit[] = SESSION_FIELDS.filter(({ key }) => key in fields).map((field) => ({
		key: field.key,
		value: sessionValue(node, itemIndex, field, fields[field.key]),
	}));
	if (edits.length === 0)
		throw invalidInput(node, itemIndex, 'Update Fields is empty: add at least one field to update');
	const begin = edits.find(({ key }) => key === 'dateBegin');
	const end = edits.find(({ key }) => key === 'dateEnd');
	if (begin && end) {
		if (Number(end.value) < Number(begin.value)) throw invalidInput(node, itemIndex, 'End must not be before Start');
		// Moving later: the end goes first; moving earlier: the start goes first.
		const current = (await inEventApiRequest.call(this, 'activity.get', { qs: { activityID: sessionId }, itemIndex }))
			.data[0];
		const startsAfterCurrentEnd = Number(begin.value) > Number(current?.dateEnd ?? 0);
		const [first, second] = startsAfterCurrentEnd ? [end, begin] : [begin, end];
		edits.splice(edits.indexOf(begin), 1);
		edits.splice(edits.indexOf(end), 1);
		edits.push(first, second);
	}
	const notify = getOptions.call(this, itemIndex).push === true;
	const lastEdit = edits[edits.length - 1];

	// Attendees are notified once, with the last edit, not once per field.
	const last = await applyEditsOneByOne(edits, async (edit) =>
		inEventApiRequest.call(this, 'activity.edit', {
			qs: { activityID: sessionId, key: edit.key, push: notify && edit === lastEdit ? '1' : undefined },
			body: { value: edit.value },
			itemIndex,
		}),
	);
	let latest = last?.data ?? [];
	if (latest.length === 0)
		({ data: latest } = await inEventApiRequest.call(this, 'activity.get', {
			qs: { activityID: sessionId },
			itemIndex,
		}));
	return toOutputItems.call(this, latest.slice(0, 1), itemIndex, SESSION_FIELD_TYPES);
}
