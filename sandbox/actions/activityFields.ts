import { badRequest, emptyAttribute } from '../server/errors';
import { parseUnixSeconds } from '../server/params';
import type { ActivityRecord } from '../store/records';

/** The fields `activity.create` takes and `activity.edit` may change. */
export type ActivityFields = Pick<
	ActivityRecord,
	'name' | 'description' | 'location' | 'dateBegin' | 'dateEnd' | 'capacity'
>;

type FieldParser = (fields: ActivityFields, value: string) => void;

function nonEmpty(value: string, name: string): string {
	const trimmed = value.trim();
	if (trimmed === '') throw emptyAttribute(name);
	return trimmed;
}

function parseCapacity(value: string): number {
	const trimmed = nonEmpty(value, 'capacity');
	if (!/^\d{1,9}$/.test(trimmed)) throw badRequest('capacity must be a whole number of seats (0 = unlimited)');
	return Number(trimmed);
}

/**
 * Inferred: the editable keys are exactly the create fields (the docs name no keys for sessions);
 * `name`, `dateBegin`, `dateEnd` and `capacity` cannot be set empty, `description` and `location` can.
 */
export const ACTIVITY_FIELDS: Readonly<Record<keyof ActivityFields, FieldParser>> = {
	name: (fields, value) => {
		fields.name = nonEmpty(value, 'name');
	},
	description: (fields, value) => {
		fields.description = value.trim();
	},
	location: (fields, value) => {
		fields.location = value.trim();
	},
	dateBegin: (fields, value) => {
		fields.dateBegin = parseUnixSeconds(nonEmpty(value, 'dateBegin'), 'dateBegin');
	},
	dateEnd: (fields, value) => {
		fields.dateEnd = parseUnixSeconds(nonEmpty(value, 'dateEnd'), 'dateEnd');
	},
	capacity: (fields, value) => {
		fields.capacity = parseCapacity(value);
	},
};

export function isActivityField(key: string): key is keyof ActivityFields {
	return Object.prototype.hasOwnProperty.call(ACTIVITY_FIELDS, key);
}

/** Inferred: a session may end when it begins (zero length) but not before. */
export function assertTimeSlot(fields: ActivityFields): void {
	if (fields.dateEnd < fields.dateBegin) throw badRequest('dateEnd must not be before dateBegin');
}
