/**
 * The webhook switches of the runtime config and their validation. InEvent documents one type string
 * (`activityEnrollment`, §13.5); the other 17 are camelCase readings of the help centre's display names
 * (inferred), so the list is a config key a test can change.
 */

export const DEFAULT_WEBHOOK_TYPES: readonly string[] = [
	'eventCreated',
	'eventEdited',
	'eventEnrollment',
	'eventEnrollmentUpdate',
	'eventDismissal',
	'activityEnrollment',
	'activityDismissal',
	'eventCheckIn',
	'eventCheckOut',
	'activityCheckIn',
	'activityCheckOut',
	'activityCreated',
	'activityEdited',
	'activityRemoved',
	'speakerCreated',
	'speakerEdited',
	'speakerRemoved',
	'eventEnd',
];

/** Types accepted only on a company's hooks ("Event created: company level only", help centre). */
export const COMPANY_ONLY_TYPES: readonly string[] = ['eventCreated'];

/**
 * The payload's shape (both inferred): `nested` = `{webhookID, type, eventID, companyID, date, data: row}`
 * with integers outside `data`; `flat` = the row's fields at the top level plus `type` and `eventID`.
 */
export type WebhookPayloadShape = 'nested' | 'flat';

export const WEBHOOK_PAYLOAD_SHAPES: readonly WebhookPayloadShape[] = ['nested', 'flat'];

/**
 * Which changes a company's hooks hear (inferred): `allEvents` = a change in any event of the company
 * (the "V&H Advanced" plan has company-level webhooks only, so they must cover its events) and
 * `eventCreated`; `eventCreatedOnly` = only `eventCreated` (event changes reach the event's hooks alone).
 */
export type WebhookCompanyScope = 'allEvents' | 'eventCreatedOnly';

export const WEBHOOK_COMPANY_SCOPES: readonly WebhookCompanyScope[] = ['allEvents', 'eventCreatedOnly'];

export interface WebhookSettings {
	webhookPayload: WebhookPayloadShape;
	/** Extra attempts after the first one that did not get a 2xx in time. */
	webhookRetries: number;
	webhookRetryDelayMs: number;
	/** One attempt's limit, from sending to the status line. */
	webhookTimeoutMs: number;
	/** The `type` strings `webhook.create` / `webhook.edit` accept. */
	webhookTypes: string[];
	webhookCompanyScope: WebhookCompanyScope;
}

export const DEFAULT_WEBHOOK_SETTINGS: Readonly<WebhookSettings> = {
	webhookPayload: 'nested',
	webhookRetries: 0,
	webhookRetryDelayMs: 1000,
	webhookTimeoutMs: 10_000,
	webhookTypes: [...DEFAULT_WEBHOOK_TYPES],
	webhookCompanyScope: 'allEvents',
};

/** Largest retry count, delay and timeout the sandbox takes (a typo must not schedule days of retries). */
const MAX_RETRIES = 100;
const MAX_MS = 600_000;

export function isWebhookPayloadShape(value: unknown): value is WebhookPayloadShape {
	return typeof value === 'string' && (WEBHOOK_PAYLOAD_SHAPES as readonly string[]).includes(value);
}

export function assertWebhookPayloadShape(value: unknown): asserts value is WebhookPayloadShape {
	if (!isWebhookPayloadShape(value)) {
		throw new RangeError(`webhookPayload must be one of ${WEBHOOK_PAYLOAD_SHAPES.join(', ')}`);
	}
}

export function isWebhookCompanyScope(value: unknown): value is WebhookCompanyScope {
	return typeof value === 'string' && (WEBHOOK_COMPANY_SCOPES as readonly string[]).includes(value);
}

export function assertWebhookCompanyScope(value: unknown): asserts value is WebhookCompanyScope {
	if (!isWebhookCompanyScope(value)) {
		throw new RangeError(`webhookCompanyScope must be one of ${WEBHOOK_COMPANY_SCOPES.join(', ')}`);
	}
}

export function assertWebhookRetries(value: unknown): asserts value is number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES) {
		throw new RangeError(`webhookRetries must be an integer from 0 to ${MAX_RETRIES}`);
	}
}

export function assertWebhookRetryDelay(value: unknown): asserts value is number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MS) {
		throw new RangeError(`webhookRetryDelayMs must be an integer number of ms from 0 to ${MAX_MS}`);
	}
}

export function assertWebhookTimeout(value: unknown): asserts value is number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_MS) {
		throw new RangeError(`webhookTimeoutMs must be an integer number of ms from 1 to ${MAX_MS}`);
	}
}

const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;

/** A list of type strings: letters and digits (starting with a letter), each once; `[]` accepts none. */
export function assertWebhookTypes(value: unknown): asserts value is string[] {
	if (!Array.isArray(value)) throw new RangeError('webhookTypes must be an array of type strings');
	const seen = new Set<string>();
	for (const type of value) {
		if (typeof type !== 'string' || !TYPE_PATTERN.test(type)) {
			throw new RangeError(`webhookTypes: ${JSON.stringify(type)} is not a type string (letters and digits)`);
		}
		if (seen.has(type)) throw new RangeError(`webhookTypes lists ${type} twice`);
		seen.add(type);
	}
}

/** Validates every webhook key present in `partial` (RangeError on the first bad one). */
export function assertWebhookSettings(partial: Partial<WebhookSettings>): void {
	if (partial.webhookPayload !== undefined) assertWebhookPayloadShape(partial.webhookPayload);
	if (partial.webhookRetries !== undefined) assertWebhookRetries(partial.webhookRetries);
	if (partial.webhookRetryDelayMs !== undefined) assertWebhookRetryDelay(partial.webhookRetryDelayMs);
	if (partial.webhookTimeoutMs !== undefined) assertWebhookTimeout(partial.webhookTimeoutMs);
	if (partial.webhookTypes !== undefined) assertWebhookTypes(partial.webhookTypes);
	if (partial.webhookCompanyScope !== undefined) assertWebhookCompanyScope(partial.webhookCompanyScope);
}
