import type { IExecuteFunctions } from 'n8n-workflow';

import type { ContactIdentity } from './contact';
import type { RemovalPlan } from './mirror';
import { planRemovals } from './mirror';
import type { Roster, RosterRequest } from './roster';
import { readRoster, refreshRoster } from './roster';
import type { SyncOptions } from './syncOptions';

/** One event's part of the run: what the node knows of its attendees, and its removals. */
export interface EventSync {
	roster: Roster;
	/** The read could not be refreshed: new contacts are looked up before they are registered. */
	confirmNew: boolean;
	removal?: RemovalPlan;
}

/** An event's read, or why it failed (its contacts fail with it). */
export type EventRead = { eventId: string; sync: EventSync } | { eventId: string; error: unknown };

/**
 * Starts reading every event of the input at once it is known who the contacts are (the rest of
 * each item is evaluated meanwhile): the attendees as the strategy says, then, before anyone is
 * registered, what changed since (`refreshRoster`), and the removals of a mirror run (whose share
 * guard fails the whole run). `abandoned` stops the reads when the run fails first.
 */
export function startEventReads(
	this: IExecuteFunctions,
	identities: ContactIdentity[],
	options: SyncOptions,
	fullProfile: boolean,
	abandoned: () => boolean,
): Array<Promise<EventRead>> {
	const byEvent = new Map<string, ContactIdentity[]>();
	for (const identity of identities) {
		const group = byEvent.get(identity.eventId);
		if (group) group.push(identity);
		else byEvent.set(identity.eventId, [identity]);
	}
	const requests = [...byEvent].map(
		([eventId, group]): RosterRequest => ({
			eventId,
			wanted: new Set(group.map(({ key }) => key)),
			strategy: options.matchStrategy,
			fullProfile,
			keepEveryone: options.removeMissing,
			itemIndex: group[0].itemIndex,
			abandoned,
		}),
	);
	return requests.map(async (request): Promise<EventRead> => {
		const { eventId } = request;
		let roster: Roster;
		let refreshed = true;
		try {
			roster = await readRoster.call(this, request);
			const hasNew = [...request.wanted].some((key) => !roster.byEmail.has(key));
			if (roster.complete && hasNew && !options.previewOnly)
				refreshed = await refreshRoster.call(this, roster, request);
		} catch (error) {
			return { eventId, error };
		}
		const removal = options.removeMissing
			? planRemovals.call(this, eventId, roster, request.wanted, options.maxRemovalShare)
			: undefined;
		return { eventId, sync: { roster, confirmNew: !refreshed, removal } };
	});
}
