import type { Sandbox } from '../../sandbox';

/**
 * InEvent changes these attendees itself (an import, a bulk edit in its web app): each gets new
 * content and the sandbox clock's second as its dateUpdated, as a write through InEvent would.
 */
export function touchAttendees(sandbox: Sandbox, eventId: string, personIds: string[], message: string): void {
	for (const personId of personIds) {
		const membership = sandbox.store.getMembership(eventId, personId);
		if (!membership) throw new Error(`no attendee ${personId} in event ${eventId}`);
		membership.message = message;
		membership.dateUpdated = sandbox.now();
	}
}
