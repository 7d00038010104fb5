import { inEventApiRequest } from '../../transport';
import type { InEventContext, InEventEnvelope } from '../../transport';

/** A scan already logged for this badge, place, direction and second (exactly-once check-ins). */
export async function findScan(
	this: InEventContext,
	scan: { eventId: string; code: string; date: string; sessionId?: string; direction: 'in' | 'out' },
	itemIndex?: number,
): Promise<InEventEnvelope | undefined> {
	const { data } = await inEventApiRequest.call(this, 'checklog.find', {
		qs: {
			eventID: scan.eventId,
			selection: scan.direction,
			key: 'code',
			query: scan.code,
			sort: 'date',
			sortDirection: 'desc',
			limit: 100,
		},
		itemIndex,
	});
	const match = data.find(
		(row) =>
			String(row.date) === scan.date &&
			String(row.activityID ?? '0') === (scan.sessionId ?? '0') &&
			String(row.type) === scan.direction,
	);
	return match ? { count: 1, data: [match] } : undefined;
}
