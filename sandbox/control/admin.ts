import type { ServerResponse } from 'node:http';
import type { Registration, SandboxController } from './controller';
import { assertDnsRecords } from '../store/dns';
import { EMAIL_MATCH_MODES, isEmailMatchMode } from './emailMatch';
import { isErrorStyle } from '../server/errors';
import { assertFaultRules, assertFaultSeed } from '../faults/faultRules';
import { assertLatency } from '../faults/latency';
import { isOperateContentMode, OPERATE_CONTENT_MODES } from './operateContent';
import type { RateLimits } from '../limits/rateLimit';
import { SANDBOX_FIXTURES } from '../store/seed';
import { assertWebhookSettings, type WebhookSettings } from '../webhooks/settings';

/** Control endpoints for out-of-process tests. InEvent has no `/__sandbox/` path. Never logged. */
export const ADMIN_PREFIX = '/__sandbox/';

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
	const body = JSON.stringify(payload);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(body)),
	});
	res.end(body);
}

class AdminError extends Error {}

function parseJsonObject(rawBody: string): Record<string, unknown> {
	if (rawBody.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		throw new AdminError('body must be JSON');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new AdminError('body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

function readCount(payload: Record<string, unknown>, name: string): number {
	const value = payload[name];
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw new AdminError(`${name} must be a non-negative integer`);
	}
	return value;
}

function readId(payload: Record<string, unknown>, name: string): string {
	const value = payload[name];
	if (typeof value === 'number' && Number.isInteger(value)) return String(value);
	if (typeof value === 'string' && value !== '') return value;
	throw new AdminError(`${name} is required`);
}

function applyConfig(controller: SandboxController, payload: Record<string, unknown>): void {
	const webhookSettings = readWebhookSettings(payload);
	if (payload.errorStyle !== undefined) {
		if (!isErrorStyle(payload.errorStyle)) throw new AdminError('errorStyle must be json, text or reason');
		controller.setErrorStyle(payload.errorStyle);
	}
	if (payload.tokenTtlSeconds !== undefined) {
		if (typeof payload.tokenTtlSeconds !== 'number') throw new AdminError('tokenTtlSeconds must be a number');
		controller.setTokenTtl(payload.tokenTtlSeconds);
	}
	if (payload.latencyMs !== undefined) {
		const latency = payload.latencyMs;
		try {
			assertLatency(latency);
		} catch (error) {
			throw new AdminError(error instanceof Error ? error.message : String(error));
		}
		controller.setLatency(latency);
	}
	if (payload.operateContent !== undefined) {
		if (!isOperateContentMode(payload.operateContent)) {
			throw new AdminError(`operateContent must be one of ${OPERATE_CONTENT_MODES.join(', ')}`);
		}
		controller.setOperateContent(payload.operateContent);
	}
	if (payload.emailMatch !== undefined) {
		if (!isEmailMatchMode(payload.emailMatch)) {
			throw new AdminError(`emailMatch must be one of ${EMAIL_MATCH_MODES.join(', ')}`);
		}
		controller.setEmailMatch(payload.emailMatch);
	}
	applyRateLimits(controller, payload);
	applyWebhookSettings(controller, webhookSettings);
}

const WEBHOOK_KEYS = [
	'webhookPayload',
	'webhookRetries',
	'webhookRetryDelayMs',
	'webhookTimeoutMs',
	'webhookTypes',
	'webhookCompanyScope',
] as const;

/** The webhook keys present, checked (before anything of the POST is applied). */
function readWebhookSettings(payload: Record<string, unknown>): Partial<WebhookSettings> {
	const settings: Partial<WebhookSettings> = {};
	for (const key of WEBHOOK_KEYS) {
		if (payload[key] !== undefined) Object.assign(settings, { [key]: payload[key] });
	}
	try {
		assertWebhookSettings(settings);
	} catch (error) {
		throw new AdminError(error instanceof Error ? error.message : String(error));
	}
	return settings;
}

function applyWebhookSettings(controller: SandboxController, settings: Partial<WebhookSettings>): void {
	if (settings.webhookPayload !== undefined) controller.setWebhookPayload(settings.webhookPayload);
	if (settings.webhookRetries !== undefined) controller.setWebhookRetries(settings.webhookRetries);
	if (settings.webhookRetryDelayMs !== undefined) {
		controller.setWebhookRetries(controller.config.webhookRetries, settings.webhookRetryDelayMs);
	}
	if (settings.webhookTimeoutMs !== undefined) controller.setWebhookTimeout(settings.webhookTimeoutMs);
	if (settings.webhookTypes !== undefined) controller.setWebhookTypes(settings.webhookTypes);
	if (settings.webhookCompanyScope !== undefined) controller.setWebhookCompanyScope(settings.webhookCompanyScope);
}

function optionalLimit(payload: Record<string, unknown>, name: keyof RateLimits): number | undefined {
	const value = payload[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new AdminError(`${name} must be a positive integer`);
	}
	return value;
}

function applyRateLimits(controller: SandboxController, payload: Record<string, unknown>): void {
	const { rateLimits } = payload;
	if (rateLimits !== undefined && typeof rateLimits !== 'boolean') throw new AdminError('rateLimits must be a boolean');
	const limits = {
		perTokenPerSecond: optionalLimit(payload, 'perTokenPerSecond'),
		perClientPerSecond: optionalLimit(payload, 'perClientPerSecond'),
	};
	if (rateLimits === undefined && limits.perTokenPerSecond === undefined && limits.perClientPerSecond === undefined)
		return;
	controller.setRateLimits(rateLimits ?? controller.config.rateLimits, limits);
}

/** `{rules, seed?}`: replaces the rules and restarts the fault PRNG. */
function applyFaults(controller: SandboxController, payload: Record<string, unknown>): void {
	const { rules, seed } = payload;
	try {
		assertFaultRules(rules);
		if (seed !== undefined) assertFaultSeed(seed);
	} catch (error) {
		throw new AdminError(error instanceof Error ? error.message : String(error));
	}
	controller.setFaults(rules, seed);
}

/** Exactly one of `{set: seconds}`, `{advance: seconds}`, `{real: true}`; answers the new `now`. */
function applyClock(controller: SandboxController, payload: Record<string, unknown>): { now: number } {
	const keys = Object.keys(payload);
	if (keys.length !== 1) throw new AdminError('give exactly one of {set}, {advance}, {real: true}');
	const { set, advance, real } = payload;
	if (set !== undefined) {
		if (typeof set !== 'number') throw new AdminError('set must be a number of Unix seconds');
		controller.setClock(set);
	} else if (advance !== undefined) {
		if (typeof advance !== 'number') throw new AdminError('advance must be a number of seconds');
		controller.advanceClock(advance);
	} else if (real === true) {
		controller.useRealClock();
	} else {
		throw new AdminError('give exactly one of {set}, {advance}, {real: true}');
	}
	return { now: controller.clockState().now };
}

/** `{records: [{type, name, value}]}`: adds them to the sandbox's DNS (all or nothing). */
function publishDns(controller: SandboxController, payload: Record<string, unknown>): void {
	if (payload.records === undefined) throw new AdminError('records is required');
	const extra = Object.keys(payload).find((key) => key !== 'records');
	if (extra !== undefined) throw new AdminError(`${extra} is not a dns field`);
	try {
		assertDnsRecords(payload.records);
	} catch (error) {
		throw new AdminError(error instanceof Error ? error.message : String(error));
	}
	controller.publishDns(payload.records);
}

/** `{eventId, attendees?, activities?}` (at least one count; both counts are checked before seeding). */
function seedEvent(
	controller: SandboxController,
	payload: Record<string, unknown>,
): { personIds?: string[]; activityIds?: string[] } {
	const eventId = readId(payload, 'eventId');
	const withActivities = payload.activities !== undefined;
	const attendees = payload.attendees !== undefined || !withActivities ? readCount(payload, 'attendees') : undefined;
	const activities = withActivities ? readCount(payload, 'activities') : undefined;
	if (!controller.store.events.has(eventId)) throw new AdminError(`no event ${eventId}`);
	const out: { personIds?: string[]; activityIds?: string[] } = {};
	if (attendees !== undefined) out.personIds = controller.seedAttendees(eventId, attendees);
	if (activities !== undefined) out.activityIds = controller.seedActivities(eventId, activities);
	return out;
}

function route(controller: SandboxController, method: string, name: string, rawBody: string): unknown {
	const key = `${method} ${name}`;
	switch (key) {
		case 'GET log':
			return controller.requests;
		case 'POST clear-log':
			controller.clearLog();
			return { ok: true };
		case 'GET fixtures':
			return SANDBOX_FIXTURES;
		case 'POST reset':
			controller.reset();
			return { ok: true };
		case 'GET stats':
			return controller.stats();
		case 'GET config':
			return controller.config;
		case 'POST config':
			applyConfig(controller, parseJsonObject(rawBody));
			return controller.config;
		case 'GET faults':
			return controller.faultSettings();
		case 'POST faults':
			applyFaults(controller, parseJsonObject(rawBody));
			return controller.faultSettings();
		case 'GET clock':
			return controller.clockState();
		case 'POST clock':
			return applyClock(controller, parseJsonObject(rawBody));
		case 'GET dns':
			return { records: controller.dnsRecords() };
		case 'POST dns':
			publishDns(controller, parseJsonObject(rawBody));
			return { records: controller.dnsRecords() };
		case 'GET webhooks':
			return { webhooks: controller.listWebhooks() };
		case 'GET deliveries':
			return { deliveries: controller.listDeliveries() };
		case 'POST clear-deliveries':
			controller.webhooks.clearDeliveries();
			return { ok: true };
		case 'POST register': {
			const payload = parseJsonObject(rawBody);
			const eventId = readId(payload, 'eventId');
			if (!Array.isArray(payload.people)) throw new AdminError('people must be an array of {name, email}');
			return { personIds: controller.registerAttendees(eventId, payload.people as Registration[]) };
		}
		case 'POST expire-tokens':
			controller.expireAllTokens();
			return { ok: true };
		case 'POST revoke-token': {
			const payload = parseJsonObject(rawBody);
			if (typeof payload.token !== 'string') throw new AdminError('token is required');
			return { revoked: controller.revokeToken(payload.token) };
		}
		case 'POST seed': {
			const payload = parseJsonObject(rawBody);
			if (payload.eventId !== undefined) return seedEvent(controller, payload);
			if (payload.companyId !== undefined) {
				const eventIds = controller.seedEvents(readId(payload, 'companyId'), readCount(payload, 'events'));
				return { eventIds };
			}
			throw new AdminError('give {eventId, attendees and/or activities} or {companyId, events}');
		}
		default:
			return undefined;
	}
}

export function handleAdmin(
	controller: SandboxController,
	method: string,
	path: string,
	rawBody: string,
	res: ServerResponse,
): void {
	const name = path.slice(ADMIN_PREFIX.length);
	try {
		const result = route(controller, method, name, rawBody);
		if (result === undefined) sendJson(res, 404, { error: `no admin endpoint ${method} ${path}` });
		else sendJson(res, 200, result);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		sendJson(res, 400, { error: message });
	}
}
