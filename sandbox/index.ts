import type { AddressInfo } from 'node:net';
import type { SandboxConfig } from './control/config';
import {
	SandboxController,
	type ClockState,
	type Registration,
	type RequestLogEntry,
	type SandboxOptions,
} from './control/controller';
import type { ApiObject } from './server/envelope';
import type { SandboxWebhook, WebhookDelivery } from './webhooks/service';
import type { WebhookCompanyScope, WebhookPayloadShape } from './webhooks/settings';
import type { DnsRecord } from './store/dns';
import type { EmailMatchMode } from './control/emailMatch';
import type { ErrorStyle } from './server/errors';
import type { FaultRule, FaultSettings } from './faults/faults';
import type { LatencySetting } from './faults/latency';
import type { OperateContentMode } from './control/operateContent';
import type { RateLimits } from './limits/rateLimit';
import { createSandboxServer } from './server/server';
import { handleInProcess, type InProcessAnswer, type InProcessRequest } from './server/inProcess';
import type { SandboxStats } from './control/stats';
import type { SandboxStore } from './store/store';

export { SANDBOX_FIXTURES } from './store/seed';
export type { ClockState, Registration, RequestLogEntry, SandboxOptions } from './control/controller';
export type { ApiObject } from './server/envelope';
export type { SandboxWebhook, WebhookDelivery } from './webhooks/service';
export type { WebhookCompanyScope, WebhookPayloadShape } from './webhooks/settings';
export { DEFAULT_WEBHOOK_TYPES } from './webhooks/settings';
export { WEBHOOK_USER_AGENT } from './webhooks/dispatcher';
export type { DnsRecord } from './store/dns';
export type { EmailMatchMode } from './control/emailMatch';
export type { ErrorStyle } from './server/errors';
export type { FaultKind, FaultRule, FaultSettings } from './faults/faults';
export type { LatencyRange, LatencySetting } from './faults/latency';
export type { OperateContentMode } from './control/operateContent';
export type { RateLimits } from './limits/rateLimit';
export type { NetworkClock } from './control/clock';
export type { InProcessAnswer, InProcessRequest } from './server/inProcess';
export type { SandboxStats } from './control/stats';
export type { SandboxStore } from './store/store';

/** A running InEvent sandbox bound to 127.0.0.1. */
export interface Sandbox {
	/** `http://127.0.0.1:<port>/` (with the trailing slash). */
	readonly url: string;
	readonly port: number;
	/** Every non-admin request, in arrival order (the same array; cleared in place). */
	readonly requests: RequestLogEntry[];
	/** Live state, for assertions. */
	readonly store: SandboxStore;
	readonly config: Readonly<SandboxConfig>;
	/** Empties the request log and zeroes the stats. */
	clearLog(): void;
	/**
	 * State back to the seed (hooks and their delivery log included), log and stats cleared, config, faults and
	 * PRNGs back to the start options, real clock; in-flight deliveries and pending retries dropped, deliveries() emptied.
	 */
	reset(): void;
	/** Counters since the last clearLog/reset (a copy). */
	stats(): SandboxStats;
	/** Turns the §7 limits on or off (optionally with new limits); forgets the calls counted so far. */
	setRateLimits(on: boolean, limits?: Partial<RateLimits>): void;
	setErrorStyle(style: ErrorStyle): void;
	/** Lifetime of tokens minted from now on, in seconds (fractions allowed). */
	setTokenTtl(seconds: number): void;
	/** Fixed ms, or `{min, max}` drawn per request from the seeded PRNG. */
	setLatency(latency: LatencySetting): void;
	/**
	 * How `event.person.operate` treats its multi-field form (`content`): `accepted` (default), `refused`
	 * (400 naming `content`) or `ignored` (200, attendee unchanged, nothing written). reset() restores the start option.
	 */
	setOperateContent(mode: OperateContentMode): void;
	/**
	 * How persons are matched by email (and username): `caseInsensitive` (default) or `exact` (case-sensitive, so
	 * two accounts may differ by case alone). RangeError on another value. reset() restores the start option.
	 */
	setEmailMatch(mode: EmailMatchMode): void;
	/** Replaces the fault rules and restarts the fault PRNG (seed: the current fault seed unless given). */
	setFaults(rules: FaultRule[], seed?: number): void;
	/** No more faults (the fault seed is kept). */
	clearFaults(): void;
	/** The current rules (a copy) and fault seed. */
	faults(): FaultSettings;
	expireAllTokens(): void;
	/** Returns false when the token is unknown. */
	revokeToken(token: string): boolean;
	/**
	 * Freezes the sandbox clock at `unixSeconds` (integer). Every record written from now on is dated
	 * with that second, tokens expire and lockouts end by it, date presets read it.
	 */
	setClock(unixSeconds: number): void;
	/** Moves the clock forward by whole seconds: a frozen clock stays frozen; real time gets an offset. */
	advanceClock(seconds: number): void;
	/** Back to real time, no offset (reset() does this too). */
	useRealClock(): void;
	/** The sandbox's current Unix seconds. */
	now(): number;
	/** `{now, frozen}`. */
	clock(): ClockState;
	/**
	 * Adds generated events to a company; returns their IDs. Created 30 days ago, or at the frozen
	 * clock's second when frozen.
	 */
	seedEvents(companyId: string, count: number): string[];
	/**
	 * Adds generated attendees to an event; returns their personIDs. Dated over the past 30 days, or
	 * all at the frozen clock's second when frozen.
	 */
	seedAttendees(eventId: string, count: number): string[];
	/**
	 * Adds generated sessions to an event; returns their activityIDs. Hourly slots from the event's
	 * begin; created 30 days ago, or at the frozen clock's second when frozen.
	 */
	seedActivities(eventId: string, count: number): string[];
	/**
	 * Publishes records in the sandbox's DNS, which `ssl.verify` looks up (names case-insensitive;
	 * added, never replaced). RangeError on a malformed list, and then nothing is added.
	 */
	publishDns(records: DnsRecord[]): void;
	/** The published DNS records (a copy); reset() empties them. */
	dnsRecords(): DnsRecord[];
	/** Webhook payload shape from now on: `nested` (default) or `flat`. RangeError on another value. */
	setWebhookPayload(shape: WebhookPayloadShape): void;
	/**
	 * Extra attempts of a delivery not answered 2xx within the timeout (integer 0–100), and optionally the wait
	 * before each (ms, 0–600000). Deliveries already started keep their settings.
	 */
	setWebhookRetries(retries: number, delayMs?: number): void;
	/** One attempt's limit, ms (integer 1–600000; default 10000), for deliveries started from now on. */
	setWebhookTimeout(ms: number): void;
	/** The type strings `webhook.create` / `webhook.edit` accept (letters and digits, each once; `[]` = none). */
	setWebhookTypes(types: string[]): void;
	/** Which changes company hooks hear: `allEvents` (default) or `eventCreatedOnly`. */
	setWebhookCompanyScope(scope: WebhookCompanyScope): void;
	/** Every hook (copies), by webhookID. reset() removes them. */
	webhooks(): SandboxWebhook[];
	/** Every delivery attempt since the last clearDeliveries()/reset() (copies), in the order they ended. */
	deliveries(): WebhookDelivery[];
	/** Forgets `deliveries()` (not `webhook.log.find`'s rows, which are InEvent's data). */
	clearDeliveries(): void;
	/** Resolves when no delivery is in flight or waiting for a retry (at once if none is). */
	whenDeliveriesSettled(): Promise<void>;
	/**
	 * InEvent's registration form: each person becomes an attendee of the event at once and fires
	 * `eventEnrollment`, every delivery concurrently. Returns the personIDs (someone already in the event: theirs,
	 * unchanged, no webhook). RangeError on an unknown event or a bad entry (nobody is added then).
	 */
	registerAttendees(eventId: string, people: Registration[]): string[];
	/**
	 * Scans the attendee's badge in at the event (or at `activityId`, a session of it), dated now: the row of
	 * `checklog.checkIn` (strings); fires `eventCheckIn` / `activityCheckIn`. RangeError if not an attendee.
	 */
	checkIn(eventId: string, personId: string, activityId?: string): ApiObject;
	/** As checkIn, out: `eventCheckOut` / `activityCheckOut`. */
	checkOut(eventId: string, personId: string, activityId?: string): ApiObject;
	/**
	 * One API call without the socket: the same arrival, rate limits, faults, routing, auth, request log and
	 * webhooks as over HTTP, the latency (and a hang) waited on the network clock; resolves when the answer
	 * would arrive (`dropped` for a drop, or a hang once over). For tests on a virtual network clock.
	 */
	handle(request: InProcessRequest): Promise<InProcessAnswer>;
	/** Stops the server; aborts in-flight deliveries and pending retries (no timer or socket stays). */
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const controller = new SandboxController(options);
	const server = createSandboxServer(controller);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		port,
		requests: controller.requests,
		store: controller.store,
		get config() {
			return controller.config;
		},
		clearLog: () => controller.clearLog(),
		reset: () => controller.reset(),
		stats: () => controller.stats(),
		setRateLimits: (on, limits) => controller.setRateLimits(on, limits),
		setErrorStyle: (style) => controller.setErrorStyle(style),
		setTokenTtl: (seconds) => controller.setTokenTtl(seconds),
		setLatency: (latency) => controller.setLatency(latency),
		setOperateContent: (mode) => controller.setOperateContent(mode),
		setEmailMatch: (mode) => controller.setEmailMatch(mode),
		setFaults: (rules, seed) => controller.setFaults(rules, seed),
		clearFaults: () => controller.clearFaults(),
		faults: () => controller.faultSettings(),
		expireAllTokens: () => controller.expireAllTokens(),
		revokeToken: (token) => controller.revokeToken(token),
		setClock: (unixSeconds) => controller.setClock(unixSeconds),
		advanceClock: (seconds) => controller.advanceClock(seconds),
		useRealClock: () => controller.useRealClock(),
		now: () => controller.clock.nowSeconds(),
		clock: () => controller.clockState(),
		seedEvents: (companyId, count) => controller.seedEvents(companyId, count),
		seedAttendees: (eventId, count) => controller.seedAttendees(eventId, count),
		seedActivities: (eventId, count) => controller.seedActivities(eventId, count),
		publishDns: (records) => controller.publishDns(records),
		dnsRecords: () => controller.dnsRecords(),
		setWebhookPayload: (shape) => controller.setWebhookPayload(shape),
		setWebhookRetries: (retries, delayMs) => controller.setWebhookRetries(retries, delayMs),
		setWebhookTimeout: (ms) => controller.setWebhookTimeout(ms),
		setWebhookTypes: (types) => controller.setWebhookTypes(types),
		setWebhookCompanyScope: (scope) => controller.setWebhookCompanyScope(scope),
		webhooks: () => controller.listWebhooks(),
		deliveries: () => controller.listDeliveries(),
		clearDeliveries: () => controller.webhooks.clearDeliveries(),
		whenDeliveriesSettled: () => controller.webhooks.settled(),
		registerAttendees: (eventId, people) => controller.registerAttendees(eventId, people),
		checkIn: (eventId, personId, activityId) => controller.scan('in', eventId, personId, activityId),
		checkOut: (eventId, personId, activityId) => controller.scan('out', eventId, personId, activityId),
		handle: async (request) => await handleInProcess(controller, request),
		close: () =>
			new Promise<void>((resolve, reject) => {
				controller.webhooks.close();
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
