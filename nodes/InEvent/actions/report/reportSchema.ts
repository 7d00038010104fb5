import type { FieldTypes } from '../../helpers/types';
import { inEventApiRequest } from '../../transport';
import type { InEventContext } from '../../transport';

/**
 * The attendee report is undocumented (inevent-api.md §11): the action names are known, `location`
 * = "attendees", the column rows {key, name, type} and `schema` as a JSON array are inferred —
 * see sandbox/README.md.
 */
export const REPORT_LOCATION = 'attendees';

export interface ReportColumn {
	key: string;
	name: string;
	type: string;
}

export async function reportColumns(
	this: InEventContext,
	eventId: string,
	itemIndex?: number,
): Promise<ReportColumn[]> {
	const { data } = await inEventApiRequest.call(this, 'event.report.personSchema', {
		qs: { eventID: eventId, location: REPORT_LOCATION },
		itemIndex,
	});
	return data
		.filter((row) => typeof row.key === 'string' && row.key !== '')
		.map((row) => ({ key: String(row.key), name: String(row.name ?? row.key), type: String(row.type ?? 'text') }));
}

/** Typed Output for report rows, from the column types InEvent gives; IDs stay strings, as everywhere. */
export function columnTypes(columns: readonly ReportColumn[]): FieldTypes {
	const of = (type: string) => columns.filter((column) => column.type === type).map(({ key }) => key);
	return { booleans: of('boolean'), timestamps: of('date'), numbers: of('number').filter((key) => !/ID$/.test(key)) };
}
