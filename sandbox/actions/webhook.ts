import { findCompany, findEvent, requireCompanyAdmin, requireEventAdmin, resolveEventAccess } from '../auth/access';
import { requireCaller, type Caller } from '../auth/auth';
import type { SandboxConfig } from '../control/config';
import type { ActionContext, ActionTable } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { badRequest, emptyAttribute, missingParameter, notAcceptable } from '../server/errors';
import { paginate, readPage } from '../server/paging';
import { optionalParam, requireBody, requireId, requireQuery } from '../server/params';
import type { WebhookLevel, WebhookLogRecord, WebhookRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { exampleChange } from '../webhooks/examples';
import { payloadText } from '../webhooks/payload';
import { COMPANY_ONLY_TYPES } from '../webhooks/settings';

/**
 * Webhooks (§13.5: action names and parameters seen in InEvent's SDKs; every rule here is inferred, see the
 * README "Webhooks"). A hook belongs to an event (`eventID`) or a company (`companyID`); managing it needs
 * what editing that level needs: an event Admin (as `event.edit`) or a System-scope company Admin (as
 * `company.event.bind`).
 */

interface HookLevel {
	level: WebhookLevel;
	targetID: string;
}

/** The Admin check of a level (token scope and level applied as on `event.edit` / `company.event.bind`). */
function requireLevelAdmin(store: SandboxStore, caller: Caller, level: HookLevel): void {
	if (level.level === 'event') requireEventAdmin(resolveEventAccess(store, caller, findEvent(store, level.targetID)));
	else requireCompanyAdmin(caller, findCompany(store, level.targetID));
}

/**
 * The level named by the query: exactly one of `eventID` / `companyID` (both → 400, neither → `eventID is a
 * required parameter` when `required`), found (`Couldn't find the …`) and administered by the caller.
 */
function openLevel(ctx: ActionContext, caller: Caller, required: boolean): HookLevel | undefined {
	const { query } = ctx.request;
	const byEvent = optionalParam(query, 'eventID') !== undefined;
	const byCompany = optionalParam(query, 'companyID') !== undefined;
	if (byEvent && byCompany) throw badRequest('give eventID or companyID, not both');
	let level: HookLevel;
	if (byEvent) level = { level: 'event', targetID: findEvent(ctx.store, requireId(query, 'eventID')).eventID };
	else if (byCompany) {
		level = { level: 'company', targetID: findCompany(ctx.store, requireId(query, 'companyID')).companyID };
	} else if (required) throw missingParameter('eventID');
	else return undefined;
	requireLevelAdmin(ctx.store, caller, level);
	return level;
}

/**
 * The hook named by `webhookID`. With a level it must be of that level (else `Couldn't find the webhookID`);
 * without one, the caller must administer the hook's own level.
 */
function findHook(ctx: ActionContext, caller: Caller, level: HookLevel | undefined): WebhookRecord {
	const hook = ctx.store.webhooks.get(requireId(ctx.request.query, 'webhookID'));
	if (!hook || (level && (hook.level !== level.level || hook.targetID !== level.targetID))) {
		throw badRequest("Couldn't find the webhookID");
	}
	if (!level) requireLevelAdmin(ctx.store, caller, hook);
	return hook;
}

/** One of `webhookTypes`, matched exactly; `eventCreated` only on a company's hooks. */
function checkType(config: SandboxConfig, level: WebhookLevel, value: string): string {
	const type = value.trim();
	const companyOnly = COMPANY_ONLY_TYPES.includes(type);
	if (!config.webhookTypes.includes(type) || (companyOnly && level !== 'company'))
		throw badRequest('type is not valid');
	return type;
}

/** An absolute `http:` or `https:` URL with a host; stored as sent (trimmed). */
function checkUrl(value: string): string {
	const url = value.trim();
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw badRequest('url is not valid');
	}
	if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
		throw badRequest('url is not valid');
	}
	return url;
}

function levelKey(level: WebhookLevel): 'eventID' | 'companyID' {
	return level === 'event' ? 'eventID' : 'companyID';
}

/** A hook as the API answers it: `webhookID`, `eventID` or `companyID`, `type`, `url`, `dateCreated`. */
export function webhookView(hook: WebhookRecord): PlainObject {
	return {
		webhookID: hook.webhookID,
		[levelKey(hook.level)]: hook.targetID,
		type: hook.type,
		url: hook.url,
		dateCreated: hook.dateCreated,
	};
}

function webhookLogView(row: WebhookLogRecord): PlainObject {
	return {
		webhookLogID: row.webhookLogID,
		webhookID: row.webhookID,
		type: row.type,
		attempt: row.attempt,
		status: row.status,
		date: row.date,
		payload: row.payload,
	};
}

/** The edit keys: the create fields (inferred), each validated as on create. */
const HOOK_EDITORS: Readonly<Record<string, (hook: WebhookRecord, value: string, config: SandboxConfig) => void>> = {
	type: (hook, value, config) => {
		hook.type = checkType(config, hook.level, value);
	},
	url: (hook, value) => {
		hook.url = checkUrl(value);
	},
};

export const webhookActions: ActionTable = {
	/**
	 * Query `eventID` or `companyID`; body `type`, `url`. The same type and URL twice make two hooks (InEvent is
	 * not known to refuse it). Answers the new hook.
	 */
	'webhook.create': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, true) as HookLevel;
		const { body } = ctx.request;
		const rawType = requireBody(body, 'type');
		const rawUrl = requireBody(body, 'url');
		const hook: WebhookRecord = {
			webhookID: '',
			level: level.level,
			targetID: level.targetID,
			type: checkType(ctx.config, level.level, rawType),
			url: checkUrl(rawUrl),
			dateCreated: ctx.clock.nowSeconds(),
		};
		hook.webhookID = ctx.store.allocateWebhookId();
		ctx.store.webhooks.set(hook.webhookID, hook);
		return [webhookView(hook)];
	},

	/** Query `eventID` or `companyID`: that level's hooks (not the company's on an event), by webhookID; paged. */
	'webhook.find': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, true) as HookLevel;
		const page = readPage(ctx.request.query);
		return paginate(ctx.store.webhooksOf(level.level, level.targetID), page).map(webhookView);
	},

	/** Query `webhookID` and `eventID` (or `companyID` for a company hook). Answers the removed hook. */
	'webhook.remove': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, true);
		const hook = findHook(ctx, caller, level);
		ctx.store.webhooks.delete(hook.webhookID);
		return [webhookView(hook)];
	},

	/**
	 * Query `webhookID`, `key` (optional `eventID` / `companyID`, then the hook must be of it); body `value`.
	 * Keys `type` and `url` (another → 406), validated as on create; an empty value → `<key> cannot be empty`.
	 */
	'webhook.edit': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, false);
		const hook = findHook(ctx, caller, level);
		const key = requireQuery(ctx.request.query, 'key');
		const editor = Object.prototype.hasOwnProperty.call(HOOK_EDITORS, key) ? HOOK_EDITORS[key] : undefined;
		if (!editor) throw notAcceptable(`${key} field doesn't exist`);
		const value = ctx.request.body.value;
		if (value === undefined) throw missingParameter('value');
		if (value.trim() === '') throw emptyAttribute(key);
		const draft = { ...hook };
		editor(draft, value, ctx.config);
		Object.assign(hook, draft);
		return [webhookView(hook)];
	},

	/**
	 * Query `eventID` or `companyID`: every delivery attempt of that level's hooks (removed hooks' too), newest
	 * first, paged. `status` is the HTTP status, `0` for no answer in time; `payload` the JSON text sent.
	 */
	'webhook.log.find': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, true) as HookLevel;
		const page = readPage(ctx.request.query);
		const rows = ctx.store.webhookLogs
			.filter((row) => row.level === level.level && row.targetID === level.targetID)
			.sort((a, b) => Number(b.webhookLogID) - Number(a.webhookLogID));
		return paginate(rows, page).map(webhookLogView);
	},

	/**
	 * Query `webhookID` (optional `eventID` / `companyID`): one row `webhookID, type, payload`, `payload` being
	 * the JSON text a delivery of this hook would send now, in the current `webhookPayload` shape, with made-up
	 * records (see `webhooks/examples.ts`). Nothing is sent.
	 */
	'webhook.requestExample': (ctx) => {
		const caller = requireCaller(ctx);
		const level = openLevel(ctx, caller, false);
		const hook = findHook(ctx, caller, level);
		const change = exampleChange(ctx.store, hook, ctx.clock.nowSeconds());
		return [
			{ webhookID: hook.webhookID, type: hook.type, payload: payloadText(ctx.config.webhookPayload, hook, change) },
		];
	},
};
