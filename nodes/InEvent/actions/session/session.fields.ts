import type { INodeProperties } from 'n8n-workflow';

import type { SimplifySpec } from '../../helpers/simplify';
import type { FieldTypes } from '../../helpers/types';

/**
 * Field types of a session (`activity`) and of an enrollment row, for "Typed output". InEvent
 * documents no session pages: these names follow the SDK's `activity.create` body (inevent-api.md
 * §13.1); `enrolled` and the enrollment row are inferred (see sandbox/README.md).
 */
export const SESSION_FIELD_TYPES: FieldTypes = {
	booleans: ['present'],
	timestamps: ['dateBegin', 'dateEnd', 'dateCreated', 'dateUpdated'],
	numbers: ['capacity', 'enrolled'],
};

/** What Get and Get Many keep of a session with Simplify on; the description is cut to 300 characters. */
export const SESSION_SIMPLE: SimplifySpec = {
	fields: ['activityID', 'eventID', 'name', 'dateBegin', 'dateEnd', 'location', 'capacity', 'enrolled', 'description'],
	maxLength: { description: 300 },
};

export type SessionFieldKind = 'text' | 'date' | 'capacity';

export interface SessionField {
	key: string;
	label: string;
	kind: SessionFieldKind;
	/** What the editor shows for the field, the same in Create and Update. */
	property?: Partial<INodeProperties>;
}

/** The session fields `activity.create` takes and `activity.edit` changes (keys inferred from create's body). */
export const SESSION_FIELDS: readonly SessionField[] = [
	{ key: 'name', label: 'Name', kind: 'text', property: { placeholder: 'e.g. Opening Keynote' } },
	{ key: 'description', label: 'Description', kind: 'text', property: { typeOptions: { rows: 3 } } },
	{
		key: 'location',
		label: 'Location',
		kind: 'text',
		property: { placeholder: 'e.g. Hall B', description: 'Room or place of the session' },
	},
	{ key: 'dateBegin', label: 'Start', kind: 'date', property: { description: 'When the session begins' } },
	{ key: 'dateEnd', label: 'End', kind: 'date', property: { description: 'When the session ends (not before Start)' } },
	{
		key: 'capacity',
		label: 'Capacity',
		kind: 'capacity',
		property: {
			typeOptions: { minValue: 0 },
			description: 'How many attendees can enroll; 0 means unlimited (inferred meaning)',
		},
	},
];

export function sessionField(key: string): SessionField {
	const field = SESSION_FIELDS.find((candidate) => candidate.key === key);
	if (!field) throw new Error(`no session field ${key}`);
	return field;
}

/** The editor property of a session field, for Create's fields and Update's collection alike. */
export function sessionFieldProperty({ key, label, kind, property }: SessionField): INodeProperties {
	return {
		displayName: label,
		name: key,
		type: kind === 'date' ? 'dateTime' : kind === 'capacity' ? 'number' : 'string',
		default: kind === 'capacity' ? 0 : '',
		...property,
	};
}
