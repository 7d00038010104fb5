import type { Clock } from '../control/clock';
import type { WebhookRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import type { WebhookChange } from './change';
import { WebhookDispatcher, type AttemptResult } from './dispatcher';
import { payloadText } from './payload';
import { COMPANY_ONLY_TYPES, type WebhookSettings } from './settings';

/** A hook as `sandbox.webhooks()` lists it: `eventID` for an event's hook, `companyID` for a company's. */
export interface SandboxWebhook {
	webhookID: string;
	eventID?: string;
	companyID?: string;
	type: string;
	url: string;
	/** Unix seconds, sandbox clock. */
	dateCreated: number;
}

/** One delivery attempt as `sandbox.deliveries()` lists it (a test's view; `webhook.log.find` is InEvent's). */
export interface WebhookDelivery {
	/** The row of `webhook.log.find` this attempt wrote. */
	webhookLogID: string;
	webhookID: string;
	type: string;
	url: string;
	/** 1 for the first send, 2 for the first retry, … */
	attempt: number;
	/** HTTP status answered; 0 for no answer in time (refused, reset, timed out). */
	status: number;
	/** From sending to the status line (or to giving up), real ms. */
	ms: number;
	/** The JSON text sent (the same for every attempt of a delivery). */
	body: string;
	/** When the attempt was sent, real epoch ms. */
	sentAt: number;
}

/**
 * Webhooks at run time: which hooks hear a change, their payloads, and the attempts made (written to the
 * store's `webhook.log.find` rows and to `deliveries`, in the order attempts end).
 */
export class WebhookService {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly dispatcher: WebhookDispatcher;

	constructor(
		private readonly store: SandboxStore,
		private readonly settings: () => WebhookSettings,
		clock: Clock,
	) {
		this.dispatcher = new WebhookDispatcher(
			() => clock.nowSeconds(),
			(result) => this.record(result),
		);
	}

	/**
	 * Starts the deliveries of these changes, every hook at once. The hooks are those of the change's event and,
	 * unless `webhookCompanyScope` is `eventCreatedOnly`, of its company; `eventCreated` goes to the company's.
	 */
	dispatch(changes: readonly WebhookChange[]): void {
		if (changes.length === 0 || this.store.webhooks.size === 0) return;
		const settings = this.settings();
		for (const change of changes) {
			for (const hook of this.hooksFor(change, settings)) {
				this.dispatcher.deliver({
					webhookID: hook.webhookID,
					level: hook.level,
					targetID: hook.targetID,
					type: change.type,
					url: hook.url,
					body: payloadText(settings.webhookPayload, hook, change),
					timeoutMs: settings.webhookTimeoutMs,
					retries: settings.webhookRetries,
					retryDelayMs: settings.webhookRetryDelayMs,
				});
			}
		}
	}

	private hooksFor(change: WebhookChange, settings: WebhookSettings): WebhookRecord[] {
		const companyOnly = COMPANY_ONLY_TYPES.includes(change.type);
		const companyHears = companyOnly || settings.webhookCompanyScope === 'allEvents';
		const hooks: WebhookRecord[] = [];
		for (const hook of this.store.webhooks.values()) {
			if (hook.type !== change.type) continue;
			if (
				hook.level === 'event'
					? !companyOnly && hook.targetID === change.eventID
					: companyHears && hook.targetID === change.companyID
			) {
				hooks.push(hook);
			}
		}
		return hooks.sort((a, b) => Number(a.webhookID) - Number(b.webhookID));
	}

	private record(result: AttemptResult): void {
		const { job } = result;
		const webhookLogID = this.store.allocateWebhookLogId();
		this.store.webhookLogs.push({
			webhookLogID,
			webhookID: job.webhookID,
			level: job.level,
			targetID: job.targetID,
			type: job.type,
			attempt: result.attempt,
			status: result.status,
			date: result.date,
			payload: job.body,
		});
		this.deliveries.push({
			webhookLogID,
			webhookID: job.webhookID,
			type: job.type,
			url: job.url,
			attempt: result.attempt,
			status: result.status,
			ms: result.ms,
			body: job.body,
			sentAt: result.sentAt,
		});
	}

	settled(): Promise<void> {
		return this.dispatcher.settled();
	}

	clearDeliveries(): void {
		this.deliveries.length = 0;
	}

	/** Drops in-flight deliveries and pending retries (unreported) and forgets `deliveries` (reset). */
	abort(): void {
		this.dispatcher.abort();
		this.clearDeliveries();
	}

	close(): void {
		this.dispatcher.close();
	}
}
