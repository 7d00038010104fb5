import type { FieldTypes } from '../../helpers/types';

/**
 * Field types of a session (`activity`) and of an enrollment row, for "Typed output". InEvent
 * documents no session pages: these names follow the SDK's `activity.create` body (inevent-api.md
 * §13.1); `enrolled` and the enrollment row are inferred (see test/sandbox/README.md).
 */
export const SESSION_FIELD_TYPES: FieldTypes = {
	booleans: ['present'],
	timestamps: ['dateBegin', 'dateEnd', 'dateCreated', 'dateUpdated'],
	numbers: ['capacity', 'enrolled'],
};

export type SessionFieldKind = 'text' | 'date' | 'capacity';

/** The session fields `activity.create` takes and `activity.edit` changes (keys inferred from create's body). */
export const SESSION_FIELDS: ReadonlyArray<{ key: string; label: string; kind: SessionFieldKind }> = [
	{ key: 'name', label: 'Name', kind: 'text' },
	{ key: 'description', label: 'Description', kind: 'text' },
	{ key: 'location', label: 'Location', kind: 'text' },
	{ key: 'dateBegin', label: 'Start', kind: 'date' },
	{ key: 'dateEnd', label: 'End', kind: 'date' },
	{ key: 'capacity', label: 'Capacity', kind: 'capacity' },
];
