import type { IExecuteFunctions } from 'n8n-workflow';

import { inEventApiRequest } from '../../transport';
import { isStillAttending } from './lookups';

/**
 * Removes the person from the event (`event.person.dismiss`, §10.3; the InEvent account stays),
 * exactly once: after an ambiguous failure, a person no longer in the event means it happened.
 */
export async function removeFromEvent(
	this: IExecuteFunctions,
	eventId: string,
	personId: string,
	itemIndex?: number,
): Promise<void> {
	await inEventApiRequest.call(this, 'event.person.dismiss', {
		qs: { eventID: eventId, personID: personId },
		itemIndex,
		recover: async () =>
			(await isStillAttending.call(this, eventId, personId, itemIndex)) ? undefined : { count: 0, data: [] },
	});
}
