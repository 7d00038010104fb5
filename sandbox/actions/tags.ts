import { findEvent, requireEventAdmin, resolveEventAccess } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext, ActionTable } from '../server/context';
import type { PlainValue } from '../server/envelope';
import { badRequest } from '../server/errors';
import { paginate, readPage } from '../server/paging';
import { parseIdList, requireBody, requireId, requireQuery } from '../server/params';
import type { TagRecord } from '../store/records';
import { assertSelectionAll } from '../server/selection';
import type { SandboxStore } from '../store/store';
import { tagView } from '../store/views';
import {
	openEventCall,
	requireSelfOrAdmin,
	showAttendee,
	targetAttendee,
	type Attendee,
	type EventCall,
} from './attendeeTarget';
import { webhookFiring } from '../webhooks/change';

/** Attendee tags of an event (§13.6: `tag.create`/`tag.find` with `eventID`, `person.tag.bind`/`dismiss`). */

export function findTag(store: SandboxStore, tagID: string): TagRecord {
	const tag = store.tags.get(tagID);
	if (!tag) throw badRequest("Couldn't find the tagID");
	return tag;
}

/**
 * A comma-separated `tagIDs` value (attendee key, §10.2): numeric IDs, each a tag of the event (else 400
 * naming the first unknown one). Inferred: duplicates are kept once, in the order first given.
 */
export function eventTagIds(store: SandboxStore, eventID: string, value: string): string[] {
	const ids = [...new Set(parseIdList(value, 'tagIDs'))];
	const unknown = ids.find((id) => store.tags.get(id)?.eventID !== eventID);
	if (unknown !== undefined) throw badRequest(`Couldn't find the tagID ${unknown}`);
	return ids;
}

const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

/** The tag named by `tagID`, the caller's access to its event and the attendee (`personID`, or the caller). */
function openPersonTag(ctx: ActionContext): { tag: TagRecord; call: EventCall; target: Attendee } {
	const caller = requireCaller(ctx);
	const tag = findTag(ctx.store, requireId(ctx.request.query, 'tagID'));
	const call: EventCall = { caller, access: resolveEventAccess(ctx.store, caller, findEvent(ctx.store, tag.eventID)) };
	const target = targetAttendee(ctx, call, { byEmail: false });
	requireSelfOrAdmin(call, target);
	return { tag, call, target };
}

export const tagActions: ActionTable = {
	/** Inferred: any caller who reaches the event; `selection=all` only; by tagID; paged. */
	'tag.find': (ctx): PlainValue[] => {
		const call = openEventCall(ctx);
		const { query } = ctx.request;
		assertSelectionAll(requireQuery(query, 'selection'));
		const page = readPage(query);
		return paginate(ctx.store.tagsOf(call.access.event.eventID), page).map(tagView);
	},

	/**
	 * Inferred: event Admin; `name` and `color` (`#rrggbb`) required (the SDK sends both); a name already
	 * used by a tag of the event (case-insensitive, trimmed) → 400, so a name picks one tag.
	 */
	'tag.create': (ctx) => {
		const call = openEventCall(ctx);
		requireEventAdmin(call.access);
		const { body } = ctx.request;
		const name = requireBody(body, 'name').trim();
		const color = requireBody(body, 'color').trim();
		if (!COLOR_PATTERN.test(color)) throw badRequest('color must be a hex colour like #1e88e5');
		const eventID = call.access.event.eventID;
		const taken = ctx.store.tagsOf(eventID).some((tag) => tag.name.toLowerCase() === name.toLowerCase());
		if (taken) throw badRequest(`tag ${name} already exists`);
		const tag: TagRecord = {
			tagID: ctx.store.allocateTagId(),
			eventID,
			name,
			color: color.toLowerCase(),
			dateCreated: ctx.clock.nowSeconds(),
		};
		ctx.store.addTag(tag);
		return [tagView(tag)];
	},

	/**
	 * Adds one tag to an attendee of the tag's event: Admin, or the attendee themself (no `personID`).
	 * Inferred: already tagged → success, nothing changes; otherwise the tag goes last and the link's
	 * `dateUpdated` moves (and `eventEnrollmentUpdate` fires unless `bypassWebhook=1`). Answers the attendee with
	 * the full profile.
	 */
	'person.tag.bind': (ctx) => {
		const { tag, target } = openPersonTag(ctx);
		const hooks = webhookFiring(ctx);
		const { membership } = target;
		if (membership.tagIDs.includes(tag.tagID)) return [showAttendee(ctx.store, target, true)];
		membership.tagIDs = [...membership.tagIDs, tag.tagID];
		membership.dateUpdated = ctx.clock.nowSeconds();
		const row = showAttendee(ctx.store, target, true);
		hooks.fire('eventEnrollmentUpdate', tag.eventID, row);
		return [row];
	},

	/** Removes one tag; the attendee not having it → 400 "Couldn't find the tagID" (inferred, like other dismisses). */
	'person.tag.dismiss': (ctx) => {
		const { tag, target } = openPersonTag(ctx);
		const { membership } = target;
		if (!membership.tagIDs.includes(tag.tagID)) throw badRequest("Couldn't find the tagID");
		const hooks = webhookFiring(ctx);
		membership.tagIDs = membership.tagIDs.filter((id) => id !== tag.tagID);
		membership.dateUpdated = ctx.clock.nowSeconds();
		const row = showAttendee(ctx.store, target, true);
		hooks.fire('eventEnrollmentUpdate', tag.eventID, row);
		return [row];
	},
};
