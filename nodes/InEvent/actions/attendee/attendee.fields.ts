import type { SimplifySpec } from '../../helpers/simplify';
import type { FieldTypes } from '../../helpers/types';
import { withCustomFieldsByName } from './customFields';

/** Field types of InEvent's attendee (event.person) object, for "Typed output". */
export const ATTENDEE_FIELD_TYPES: FieldTypes = {
	booleans: ['approved', 'rsvp', 'present', 'private', 'speaker', 'createSpeaker', 'printed', 'nfcSynced'],
	timestamps: ['dateCreated', 'dateUpdated', 'enrollmentDate', 'date', 'lastLogin'],
	numbers: ['level'],
	reshape: withCustomFieldsByName,
};

/** What Get and Get Many keep of an attendee with Simplify on. */
export const ATTENDEE_SIMPLE: SimplifySpec = {
	fields: [
		'personID',
		'name',
		'firstName',
		'lastName',
		'email',
		'company',
		'role',
		'telephone',
		'level',
		'approved',
		'present',
		'enrollmentDate',
		'dateUpdated',
	],
};

/** Permission levels (inevent-api.md §3.4); Interpreter's value is not documented. */
export const ATTENDEE_LEVELS = [
	{ name: 'Admin', value: '4' },
	{ name: 'Data Collector', value: '256' },
	{ name: 'Presenter', value: '128' },
	{ name: 'Staff', value: '64' },
	{ name: 'User', value: '1' },
] as const;

export type AttendeeEditKind = 'text' | 'email' | 'boolean' | 'level' | 'id' | 'password';

/**
 * The keys `event.person.operate` accepts (inevent-api.md §10.2), in the order updates are sent.
 * `tagIDs` is not here: Tag Names or IDs and Tag Mode (`tags.ts`) write it.
 */
export const ATTENDEE_EDIT_KEYS: ReadonlyArray<{
	key: string;
	label: string;
	kind: AttendeeEditKind;
	description?: string;
}> = [
	{ key: 'name', label: 'Full Name', kind: 'text' },
	{ key: 'firstName', label: 'First Name', kind: 'text' },
	{ key: 'lastName', label: 'Last Name', kind: 'text' },
	{ key: 'email', label: 'Email', kind: 'email' },
	{ key: 'password', label: 'Password', kind: 'password' },
	{ key: 'role', label: 'Job Title', kind: 'text' },
	{ key: 'company', label: 'Company', kind: 'text' },
	{ key: 'summary', label: 'Bio', kind: 'text' },
	{ key: 'image', label: 'Profile Picture URL', kind: 'text' },
	{ key: 'telephone', label: 'Telephone', kind: 'text' },
	{ key: 'city', label: 'City', kind: 'text' },
	{ key: 'facebook', label: 'Facebook', kind: 'text' },
	{ key: 'linkedin', label: 'LinkedIn', kind: 'text' },
	{ key: 'twitter', label: 'Twitter', kind: 'text' },
	{ key: 'instagram', label: 'Instagram', kind: 'text' },
	{ key: 'website', label: 'Website', kind: 'text' },
	{ key: 'message', label: 'Itinerary Message', kind: 'text', description: 'Needs an admin (System-scope) credential' },
	{ key: 'language', label: 'Language', kind: 'text', description: 'Preferred language, ISO 639-1 (e.g. en)' },
	{
		key: 'private',
		label: 'Private Profile',
		kind: 'boolean',
		description: 'Whether the profile is private for chats',
	},
	{ key: 'rsvp', label: 'RSVP', kind: 'boolean', description: 'Whether the attendee accepted the invitation' },
	{ key: 'present', label: 'Present', kind: 'boolean', description: 'Whether the attendee is present in person' },
	{ key: 'level', label: 'Level', kind: 'level' },
	{ key: 'nfc', label: 'NFC Tag', kind: 'text', description: 'NFC tag, base64' },
	{ key: 'ticketID', label: 'Ticket ID', kind: 'id', description: 'Ticket in use (admin only)' },
	{
		key: 'profileID',
		label: 'Permission Profile ID',
		kind: 'id',
		description: 'Custom permission profile (admin only)',
	},
	{
		key: 'assistantEmail',
		label: 'Assistant Email',
		kind: 'email',
		description: 'Assistant the attendee gets emails from (admin only)',
	},
];

/** The `selection` presets of `event.person.find` (inevent-api.md §10.4), stacked with "|" (AND). */
export const ATTENDEE_SELECTIONS: Array<{ name: string; value: string }> = [
	{ name: 'Absent In Person', value: 'not-present' },
	{ name: 'Absent Online', value: 'not-virtual' },
	{ name: 'Admins', value: 'admin' },
	{ name: 'All', value: 'all' },
	{ name: 'All but Admins', value: 'not-admin' },
	{ name: 'App Downloaded', value: 'downloaded' },
	{ name: 'App Not Downloaded', value: 'not-downloaded' },
	{ name: 'Badge Not Printed', value: 'not-printed' },
	{ name: 'Badge Printed', value: 'printed' },
	{ name: 'Custom List', value: 'custom-list' },
	{ name: 'Emails Not Sent', value: 'without-email' },
	{ name: 'Emails Sent', value: 'with-email' },
	{ name: 'Enrollment Approved', value: 'approved' },
	{ name: 'Enrollment Denied', value: 'denied' },
	{ name: 'Favorited', value: 'favorited' },
	{ name: 'Incomplete Profile', value: 'incomplete-profile' },
	{ name: 'Lead Retrieval Collectors', value: 'collector' },
	{ name: 'NFC Not Synced', value: 'nfc-not-synced' },
	{ name: 'NFC Synced', value: 'nfc-synced' },
	{ name: 'Online Now', value: 'now-virtual' },
	{ name: 'Present In Person', value: 'present' },
	{ name: 'Present Online', value: 'virtual' },
	{ name: 'Private for Chats', value: 'private' },
	{ name: 'Public for Chats', value: 'public' },
	{ name: 'RSVP Accepted', value: 'accepted-rsvp' },
	{ name: 'RSVP Declined', value: 'declined-rsvp' },
	{ name: 'RSVP Waiting', value: 'waiting-rsvp' },
	{ name: 'Speakers', value: 'speakers' },
	{ name: 'Specific Event Power', value: 'permission' },
	{ name: 'Standard Users', value: 'standard-users' },
];
