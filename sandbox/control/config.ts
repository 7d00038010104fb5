import { DEFAULT_EMAIL_MATCH, type EmailMatchMode } from './emailMatch';
import type { ErrorStyle } from '../server/errors';
import type { LatencySetting } from '../faults/latency';
import type { OperateContentMode } from './operateContent';
import { DOCUMENTED_RATE_LIMITS } from '../limits/rateLimit';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks/settings';

/** Runtime knobs that tests may change while the server runs. */
/** The webhook keys (`webhookPayload`, `webhookRetries`, …) are documented in `webhooks/settings.ts`. */
export interface SandboxConfig extends WebhookSettings {
	errorStyle: ErrorStyle;
	/** Lifetime given to newly minted tokens; fractions are allowed so tests can wait briefly. */
	tokenTtlSeconds: number;
	/** Delay added before every answer (not admin endpoints): fixed, or drawn per request from a range. */
	latencyMs: LatencySetting;
	/** Whether the §7 limits are enforced (429 when exceeded). */
	rateLimits: boolean;
	perTokenPerSecond: number;
	perClientPerSecond: number;
	/** How `event.person.operate` treats `content` (multi-field form): see `operateContent.ts`. */
	operateContent: OperateContentMode;
	/** How a person is matched by email or username (case-insensitive or exact): see `emailMatch.ts`. */
	emailMatch: EmailMatchMode;
}

export const DEFAULT_CONFIG: SandboxConfig = {
	errorStyle: 'json',
	tokenTtlSeconds: 3600,
	latencyMs: 0,
	rateLimits: false,
	...DOCUMENTED_RATE_LIMITS,
	operateContent: 'accepted',
	emailMatch: DEFAULT_EMAIL_MATCH,
	...DEFAULT_WEBHOOK_SETTINGS,
	webhookTypes: [...DEFAULT_WEBHOOK_SETTINGS.webhookTypes],
};
