import { findCompany, findEvent, requireCompanyAdmin, requireEventAdmin, resolveEventAccess } from '../auth/access';
import { optionalCaller, requireCaller } from '../auth/auth';
import type { ActionTable } from '../server/context';
import { badRequest, missingParameter, notAcceptable, unauthorized } from '../server/errors';
import type { StringMap } from '../server/http';
import { optionalFlag, optionalParam, requireBody, requireId, requireQuery } from '../server/params';
import { newEvent, type EventRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { eventView } from '../store/views';
import { assertNickname, EVENT_EDITORS } from './eventEditKeys';
import { findEvents } from './eventFind';
import { webhookFiring } from '../webhooks/change';

/** `siblingID` / `templateID` must name an event of the same company (inferred → 400 otherwise). */
function sourceEvent(
	store: SandboxStore,
	query: StringMap,
	companyID: string,
	name: 'siblingID' | 'templateID',
): EventRecord | undefined {
	if (optionalParam(query, name) === undefined) return undefined;
	const id = requireId(query, name);
	const event = store.events.get(id);
	if (!event || event.companyID !== companyID) throw badRequest(`Couldn't find the ${name}`);
	if (name === 'templateID' && event.isTemplate !== 1) throw badRequest(`event ${id} is not a template`);
	return event;
}

/**
 * Inferred: "copy data from a previous event" (siblingID) and "create from a template"
 * (templateID) copy content and settings, not identity, dates or attendees.
 */
function copyContent(target: EventRecord, source: EventRecord): void {
	const { eventID, companyID, name, nickname, creatorID, ownerID, dateCreated, dateUpdated } = target;
	const { dateBegin, dateEnd, enrollmentBegin, enrollmentEnd, accessEnd } = target;
	Object.assign(target, source, { tagIDs: [...source.tagIDs] });
	Object.assign(target, { eventID, companyID, name, nickname, creatorID, ownerID, dateCreated, dateUpdated });
	Object.assign(target, { dateBegin, dateEnd, enrollmentBegin, enrollmentEnd, accessEnd });
	target.archived = 0;
	target.isTemplate = 0;
	target.templateID = '';
	target.siblingID = '';
}

export const eventActions: ActionTable = {
	/**
	 * `company.event.bind` (§9.1): System-scope company Admin; body `name`, `nickname`. Fires `eventCreated` (the
	 * company's hooks) unless `bypassWebhook=1`.
	 */
	'company.event.bind': (ctx) => {
		const { query, body } = ctx.request;
		const caller = requireCaller(ctx);
		const company = findCompany(ctx.store, requireId(query, 'companyID'));
		requireCompanyAdmin(caller, company);
		const name = requireBody(body, 'name').trim();
		const nickname = requireBody(body, 'nickname').trim();
		assertNickname(ctx.store, company.companyID, nickname);
		const sibling = sourceEvent(ctx.store, query, company.companyID, 'siblingID');
		const template = sourceEvent(ctx.store, query, company.companyID, 'templateID');
		const isTemplate = optionalFlag(query, 'isTemplate') ?? 0;
		const hooks = webhookFiring(ctx);

		const event = newEvent({
			eventID: ctx.store.allocateEventId(),
			companyID: company.companyID,
			name,
			nickname,
			creatorID: caller.person.personID,
			now: ctx.clock.nowSeconds(),
		});
		if (template) {
			copyContent(event, template);
			event.templateID = template.eventID;
		}
		if (sibling) {
			copyContent(event, sibling);
			event.siblingID = sibling.eventID;
			if (template) event.templateID = template.eventID;
		}
		event.isTemplate = isTemplate;
		ctx.store.addEvent(event);
		const row = eventView(event);
		hooks.fire('eventCreated', event.eventID, row);
		return [row];
	},

	'company.event.find': findEvents,

	/**
	 * `event.get`. The SDK has a token-less variant for public data (§9.3), so without a token a
	 * public event (`public` = 1) is returned and a private one refused with 401 (inferred).
	 */
	'event.get': (ctx) => {
		const event = findEvent(ctx.store, requireId(ctx.request.query, 'eventID'));
		const caller = optionalCaller(ctx);
		if (caller) resolveEventAccess(ctx.store, caller, event);
		else if (event.public !== 1) throw unauthorized('tokenID is a required parameter');
		return [eventView(event)];
	},

	/** `event.edit` (§9.2): one documented key per call; other keys → 406; returns the event; fires `eventEdited`. */
	'event.edit': (ctx) => {
		const { query, body } = ctx.request;
		const caller = requireCaller(ctx);
		const event = findEvent(ctx.store, requireId(query, 'eventID'));
		requireEventAdmin(resolveEventAccess(ctx.store, caller, event));
		const key = requireQuery(query, 'key');
		const editor = Object.prototype.hasOwnProperty.call(EVENT_EDITORS, key) ? EVENT_EDITORS[key] : undefined;
		if (!editor) throw notAcceptable(`${key} field doesn't exist`);
		const value = body.value;
		if (value === undefined) throw missingParameter('value');
		const hooks = webhookFiring(ctx);
		editor(event, value, ctx.store);
		event.dateUpdated = ctx.clock.nowSeconds();
		const row = eventView(event);
		hooks.fire('eventEdited', event.eventID, row);
		return [row];
	},
};
