import type { FieldTypes } from '../../helpers/types';

/** Field types of a check-log row (row shape inferred: see sandbox/README.md). */
export const SCAN_FIELD_TYPES: FieldTypes = {
	booleans: [],
	timestamps: ['date', 'dateCreated'],
	numbers: [],
};
