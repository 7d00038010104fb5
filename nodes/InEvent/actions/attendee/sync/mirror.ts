import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { emailKey } from '../../../helpers/email';
import { asNodeError } from '../../../helpers/itemErrors';
import { removeFromEvent } from '../removal';
import type { Roster, RosterEntry } from './roster';

/** Attendees of one event a mirror run removes. */
export interface RemovalPlan {
	eventId: string;
	removals: RosterEntry[];
}

/**
 * Remove Attendees Not in the Input: the event's attendees whose email is in no input item. Attendees
 * without an email (nothing to match them by) and event admins (the staff running it) are kept. Refuses,
 * before anything is written, to remove more than `maxShare` % of the event's attendees.
 */
export function planRemovals(
	this: IExecuteFunctions,
	eventId: string,
	roster: Roster,
	inputKeys: ReadonlySet<string>,
	maxShare: number,
): RemovalPlan {
	const everyone = [...(roster.everyone?.values() ?? [])];
	const removals = everyone.filter(
		(entry) => entry.email.trim() !== '' && entry.level !== ADMIN_LEVEL && !inputKeys.has(emailKey(entry.email)),
	);
	const share = everyone.length === 0 ? 0 : (removals.length / everyone.length) * 100;
	if (share > maxShare) {
		throw new NodeOperationError(
			this.getNode(),
			`Remove Attendees Not in the Input would remove ${removals.length} of the ${everyone.length} attendees of event ${eventId} (${share.toFixed(1)}%), more than Max Share to Remove (${maxShare}%). Nothing was written. Check that the input is the whole list, or raise the share.`,
		);
	}
	return { eventId, removals };
}

/** InEvent's Admin permission level (§3.4). */
const ADMIN_LEVEL = '4';

/** What a removal reports: its own item, not paired with any input item. */
export function removalItem(entry: RosterEntry, eventId: string, preview: boolean): INodeExecutionData {
	const { personID, email, name } = entry;
	return {
		json: preview
			? { plan: 'remove', personID, email, name, eventId }
			: { personID, email, name, eventId, removed: true },
	};
}

/** Removes one planned attendee; the error names the person (removals are not input items). */
export async function removeListed(
	this: IExecuteFunctions,
	eventId: string,
	entry: RosterEntry,
): Promise<INodeExecutionData> {
	try {
		await removeFromEvent.call(this, eventId, entry.personID);
	} catch (error) {
		const failure = asNodeError(this.getNode(), error);
		failure.message = `Removing ${entry.email} (person ${entry.personID}) from event ${eventId}: ${failure.message}`;
		throw failure;
	}
	return removalItem(entry, eventId, false);
}
