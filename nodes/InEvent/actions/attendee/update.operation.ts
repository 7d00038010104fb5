import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter, getOptions } from '../../helpers/parameters';
import { invalidInput } from '../../helpers/validation';
import { attendeeLocator, eventLocator, optionsCollection } from '../common.descriptions';
import { ATTENDEE_FIELD_TYPES } from './attendee.fields';
import { attendeeEditsOf, attendeeFieldOptions, ignoreEmptyValuesOption, ignoresEmptyValues } from './attendeeEdits';
import { writeAttendeeChanges } from './attendeeWrites';
import { customFieldsProperty, readCustomFieldAnswers } from './customFields';
import { tagChangeOf } from './tags';

export const multiFieldOption: INodeProperties = {
	displayName: 'Send All Fields in One Request',
	name: 'multiField',
	type: 'boolean',
	default: true,
	description:
		'Whether to send several fields in one event.person.operate call (InEvent\'s multi-field form, a JSON "content" body: the fewest calls; inferred, so each answer is checked and the documented one-field-per-call form takes over when InEvent refuses it or does not apply it) instead of one call per field',
};

const properties: INodeProperties[] = [
	eventLocator,
	attendeeLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: attendeeFieldOptions(),
	},
	customFieldsProperty,
	optionsCollection([ignoreEmptyValuesOption, multiFieldOption]),
];

export const description = showOnlyFor('attendee', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const eventId = getIdParameter.call(this, 'eventId', 'Event ID', itemIndex);
	const personId = getIdParameter.call(this, 'personId', 'Person ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const ignoreEmpty = ignoresEmptyValues.call(this, itemIndex);
	const edits = attendeeEditsOf.call(this, fields, itemIndex, ignoreEmpty);
	const tags = tagChangeOf(node, itemIndex, fields);
	const answers = await readCustomFieldAnswers.call(this, eventId, itemIndex, ignoreEmpty);
	if (edits.length === 0 && answers.length === 0 && !tags)
		throw invalidInput(node, itemIndex, 'Update Fields and Custom Fields are empty: add at least one field to update');
	const { attendee, form } = await writeAttendeeChanges.call(
		this,
		{ eventId, personId },
		{ edits, answers, tags },
		{ itemIndex, multiField: getOptions.call(this, itemIndex).multiField !== false },
	);
	return toOutputItems.call(this, [{ ...attendee, updateForm: form }], itemIndex, ATTENDEE_FIELD_TYPES);
}
