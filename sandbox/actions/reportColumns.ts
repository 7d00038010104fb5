import type { PlainObject } from '../server/envelope';
import { stringifyScalars } from '../server/envelope';
import type { MembershipRecord, PersonRecord } from '../store/records';
import { attendeeView } from '../store/views';

export type ReportColumnType = 'text' | 'number' | 'date' | 'boolean';

export interface ReportColumn {
	key: string;
	name: string;
	type: ReportColumnType;
}

/**
 * The attendee report's columns, in `personSchema` order (inferred contract). Values are read
 * from the same attendee view as `event.person.find` (standard fields plus `city`), so the two never disagree.
 */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
	{ key: 'personID', name: 'Person ID', type: 'number' },
	{ key: 'name', name: 'Name', type: 'text' },
	{ key: 'firstName', name: 'First name', type: 'text' },
	{ key: 'lastName', name: 'Last name', type: 'text' },
	{ key: 'email', name: 'Email', type: 'text' },
	{ key: 'username', name: 'Username', type: 'text' },
	{ key: 'role', name: 'Role', type: 'text' },
	{ key: 'company', name: 'Company', type: 'text' },
	{ key: 'telephone', name: 'Telephone', type: 'text' },
	{ key: 'city', name: 'City', type: 'text' },
	{ key: 'qrCode', name: 'Badge code', type: 'text' },
	{ key: 'level', name: 'Level', type: 'number' },
	{ key: 'present', name: 'Present', type: 'boolean' },
	{ key: 'rsvp', name: 'RSVP', type: 'boolean' },
	{ key: 'approved', name: 'Approved', type: 'boolean' },
	{ key: 'enrollmentDate', name: 'Enrollment date', type: 'date' },
	{ key: 'dateUpdated', name: 'Last updated', type: 'date' },
];

const COLUMNS_BY_KEY = new Map(REPORT_COLUMNS.map((column) => [column.key, column]));

export function findReportColumn(key: string): ReportColumn | undefined {
	return COLUMNS_BY_KEY.get(key);
}

/** One attendee's report values, every column as a string. */
export type ReportValues = Readonly<Record<string, string>>;

/**
 * Booleans are `"0"`/`"1"`, dates Unix seconds. Inferred: an unanswered `rsvp` is `""` (as in
 * `event.person.find`), and a column the attendee view lacks reads as `""` (so `qrCode` works
 * whether or not memberships carry one).
 */
export function reportValues(person: PersonRecord, membership: MembershipRecord): ReportValues {
	// The standard view plus the one full-profile column (city): building the full profile for every
	// attendee on every page made a 50,000-attendee report take 3 s per page.
	const view: PlainObject = { ...attendeeView(person, membership), city: person.city };
	const values: Record<string, string> = {};
	for (const { key } of REPORT_COLUMNS) {
		const value = stringifyScalars(view[key]);
		values[key] = typeof value === 'string' ? value : '';
	}
	return values;
}
