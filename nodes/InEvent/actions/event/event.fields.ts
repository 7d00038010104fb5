import type { SimplifySpec } from '../../helpers/simplify';
import type { FieldTypes } from '../../helpers/types';

/** Field types of InEvent's event object (inevent-api.md §9.1–§9.2), for "Typed output". */
export const EVENT_FIELD_TYPES: FieldTypes = {
	booleans: [
		'visible',
		'public',
		'automaticEnrollment',
		'presential',
		'archived',
		'isTemplate',
		'welcomeOverlay',
		'emailDNS',
	],
	timestamps: ['dateCreated', 'dateUpdated', 'dateBegin', 'dateEnd', 'enrollmentBegin', 'enrollmentEnd', 'accessEnd'],
	numbers: ['eventDays', 'latitude', 'longitude', 'attendeesCount'],
};

/** What Get and Get Many keep of an event with Simplify on (`attendeesCount` only where InEvent sends it). */
export const EVENT_SIMPLE: SimplifySpec = {
	fields: [
		'eventID',
		'name',
		'nickname',
		'dateBegin',
		'dateEnd',
		'city',
		'address',
		'timezone',
		'companyID',
		'attendeesCount',
	],
};

export type EventEditKind = 'text' | 'date' | 'boolean' | 'number';

/** The keys `event.edit` accepts (inevent-api.md §9.2), in the order updates are sent. */
export const EVENT_EDIT_KEYS: ReadonlyArray<{ key: string; label: string; kind: EventEditKind }> = [
	{ key: 'name', label: 'Name', kind: 'text' },
	{ key: 'nickname', label: 'Nickname', kind: 'text' },
	{ key: 'email', label: 'Email', kind: 'text' },
	{ key: 'description', label: 'Description', kind: 'text' },
	{ key: 'cover', label: 'Cover', kind: 'text' },
	{ key: 'dateBegin', label: 'Date Begin', kind: 'date' },
	{ key: 'dateEnd', label: 'Date End', kind: 'date' },
	{ key: 'enrollmentBegin', label: 'Enrollment Begin', kind: 'date' },
	{ key: 'enrollmentEnd', label: 'Enrollment End', kind: 'date' },
	{ key: 'latitude', label: 'Latitude', kind: 'number' },
	{ key: 'longitude', label: 'Longitude', kind: 'number' },
	{ key: 'address', label: 'Address', kind: 'text' },
	{ key: 'fugleman', label: 'Organization Name', kind: 'text' },
	{ key: 'website', label: 'Website', kind: 'text' },
	{ key: 'accessCode', label: 'Access Code', kind: 'text' },
	{ key: 'facebook', label: 'Facebook', kind: 'text' },
	{ key: 'twitter', label: 'Twitter', kind: 'text' },
	{ key: 'wireless', label: 'Wireless', kind: 'text' },
	{ key: 'visible', label: 'Visible', kind: 'boolean' },
	{ key: 'public', label: 'Public', kind: 'boolean' },
	{ key: 'automaticEnrollment', label: 'Automatic Enrollment', kind: 'boolean' },
];
