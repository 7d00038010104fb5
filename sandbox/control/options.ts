import type { NetworkClock } from './clock';
import { DEFAULT_CONFIG, type SandboxConfig } from './config';
import { assertEmailMatchMode, type EmailMatchMode } from './emailMatch';
import { isErrorStyle, type ErrorStyle } from '../server/errors';
import { assertLatency, copyLatency, type LatencySetting } from '../faults/latency';
import type { FaultRule } from '../faults/faultRules';
import { assertOperateContentMode, type OperateContentMode } from './operateContent';
import { assertRateLimit } from '../limits/rateLimit';
import {
	assertWebhookSettings,
	DEFAULT_WEBHOOK_SETTINGS,
	type WebhookCompanyScope,
	type WebhookPayloadShape,
} from '../webhooks/settings';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	errorStyle?: ErrorStyle;
	tokenTtlSeconds?: number;
	/** Extra generated events in the fixture company. */
	seedEvents?: number;
	/** Extra generated attendees in fixture eventA. */
	seedAttendees?: number;
	/** Fixed ms, or `{min, max}` (integers) drawn per request. Default 0. */
	latencyMs?: LatencySetting;
	/** Seed of the PRNG that draws ranged latencies (default 1), so runs are repeatable. */
	seed?: number;
	/** Enforce the §7 rate limits. Default false here (unit tests hammer the sandbox); the CLI turns them on. */
	rateLimits?: boolean;
	/** Default 10. */
	perTokenPerSecond?: number;
	/** Default 100. */
	perClientPerSecond?: number;
	/** Faults injected on purpose (none by default); see README, "Fault injection". */
	faults?: FaultRule[];
	/** Seed of the PRNG that decides rated faults (default 1). */
	faultSeed?: number;
	/** `event.person.operate`'s multi-field form: `accepted` (default), `refused` or `ignored`. */
	operateContent?: OperateContentMode;
	/** How a person is matched by email or username: `caseInsensitive` (default) or `exact` (case-sensitive). */
	emailMatch?: EmailMatchMode;
	/** Webhook payload shape: `nested` (default) or `flat`; see README "Webhooks". */
	webhookPayload?: WebhookPayloadShape;
	/** Extra attempts of a delivery not answered 2xx in time (default 0). */
	webhookRetries?: number;
	/** Wait before each retry, ms (default 1000). */
	webhookRetryDelayMs?: number;
	/** One delivery attempt's limit, ms (default 10000). */
	webhookTimeoutMs?: number;
	/** The type strings `webhook.create`/`webhook.edit` accept (default the 18 of README "Webhooks"). */
	webhookTypes?: string[];
	/** Which changes a company's hooks hear: `allEvents` (default) or `eventCreatedOnly`. */
	webhookCompanyScope?: WebhookCompanyScope;
	/**
	 * The network's time (rate limits, latency, hangs, the request log's `time`): the real wall clock
	 * by default; tests hand a virtual one. Not the data clock (`setClock`). No CLI flag.
	 */
	networkClock?: NetworkClock;
}

export const DEFAULT_SEED = 1;

export function assertTtl(seconds: number): void {
	if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError('tokenTtlSeconds must be a positive number');
}

export function configFromOptions(options: SandboxOptions): SandboxConfig {
	const config: SandboxConfig = {
		errorStyle: options.errorStyle ?? DEFAULT_CONFIG.errorStyle,
		tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_CONFIG.tokenTtlSeconds,
		latencyMs: options.latencyMs ?? DEFAULT_CONFIG.latencyMs,
		rateLimits: options.rateLimits ?? DEFAULT_CONFIG.rateLimits,
		perTokenPerSecond: options.perTokenPerSecond ?? DEFAULT_CONFIG.perTokenPerSecond,
		perClientPerSecond: options.perClientPerSecond ?? DEFAULT_CONFIG.perClientPerSecond,
		operateContent: options.operateContent ?? DEFAULT_CONFIG.operateContent,
		emailMatch: options.emailMatch ?? DEFAULT_CONFIG.emailMatch,
		webhookPayload: options.webhookPayload ?? DEFAULT_WEBHOOK_SETTINGS.webhookPayload,
		webhookRetries: options.webhookRetries ?? DEFAULT_WEBHOOK_SETTINGS.webhookRetries,
		webhookRetryDelayMs: options.webhookRetryDelayMs ?? DEFAULT_WEBHOOK_SETTINGS.webhookRetryDelayMs,
		webhookTimeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_SETTINGS.webhookTimeoutMs,
		webhookTypes: options.webhookTypes ?? DEFAULT_WEBHOOK_SETTINGS.webhookTypes,
		webhookCompanyScope: options.webhookCompanyScope ?? DEFAULT_WEBHOOK_SETTINGS.webhookCompanyScope,
	};
	if (!isErrorStyle(config.errorStyle)) throw new RangeError(`unknown errorStyle ${String(config.errorStyle)}`);
	assertTtl(config.tokenTtlSeconds);
	assertLatency(config.latencyMs);
	config.latencyMs = copyLatency(config.latencyMs);
	assertRateLimit('perTokenPerSecond', config.perTokenPerSecond);
	assertRateLimit('perClientPerSecond', config.perClientPerSecond);
	assertOperateContentMode(config.operateContent);
	assertEmailMatchMode(config.emailMatch);
	assertWebhookSettings(config);
	config.webhookTypes = [...config.webhookTypes];
	if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
	return config;
}
