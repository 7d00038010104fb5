import { REAL_NETWORK_CLOCK, SandboxClock, type NetworkClock } from './clock';
import type { SandboxConfig } from './config';
import type { DnsRecord } from '../store/dns';
import { assertEmailMatchMode, type EmailMatchMode } from './emailMatch';
import { isErrorStyle, type ErrorStyle, type SandboxError } from '../server/errors';
import type { StringMap } from '../server/http';
import {
	FaultInjector,
	type FaultDecision,
	type FaultKind,
	type FaultRule,
	type FaultSettings,
} from '../faults/faults';
import { assertLatency, copyLatency, drawLatency, type LatencySetting } from '../faults/latency';
import { assertOperateContentMode, type OperateContentMode } from './operateContent';
import { assertTtl, configFromOptions, DEFAULT_SEED, type SandboxOptions } from './options';
import { mulberry32 } from '../faults/random';
import { assertRateLimit, RateLimiter, type RateLimits } from '../limits/rateLimit';
import { generateActivities, generateAttendees, generateEvents, seedDefaults, type SeedTime } from '../store/seed';
import { countRequest, emptyStats, type SandboxStats } from './stats';
import { SandboxStore } from '../store/store';
import { linkAttendee } from '../actions/eventPerson';
import { recordScan, scanWebhookType } from '../actions/checklog';
import { showAttendee } from '../actions/attendeeTarget';
import { isValidEmail } from '../server/params';
import { stringifyScalars, type ApiObject } from '../server/envelope';
import { LEVEL, type ScanType } from '../store/records';
import type { WebhookChange } from '../webhooks/change';
import { WebhookService, type SandboxWebhook, type WebhookDelivery } from '../webhooks/service';
import {
	assertWebhookCompanyScope,
	assertWebhookPayloadShape,
	assertWebhookRetries,
	assertWebhookRetryDelay,
	assertWebhookTimeout,
	assertWebhookTypes,
	type WebhookCompanyScope,
	type WebhookPayloadShape,
} from '../webhooks/settings';

export type { SandboxOptions } from './options';

/** A person `registerAttendees` signs up, as InEvent's own registration form would. */
export interface Registration {
	name: string;
	email: string;
}

/** One non-admin request as the sandbox received and answered it. */
export interface ClockState {
	/** The sandbox's current Unix seconds. */
	now: number;
	frozen: boolean;
}

export interface RequestLogEntry {
	method: string;
	action: string;
	query: StringMap;
	headers: StringMap;
	body: StringMap;
	rawBody: string;
	status: number;
	/** When the request arrived, epoch milliseconds of the network clock (real unless a test gave one; not the sandbox clock). */
	time: number;
	/** The latency added before the answer, in ms. */
	delayMs: number;
	/** The injected fault, if any (`status` is 0 when nothing was answered: drops and hangs). */
	fault?: FaultKind;
}

/** State, config and request log of one sandbox, with the operations tests and admin endpoints use. */
export class SandboxController {
	/** Looks persons up by email or username in the current `emailMatch` reading. */
	readonly store = new SandboxStore(() => this.config.emailMatch);
	/** Data time (records, tokens, lockout); the rate limits and latency use the network clock. */
	readonly clock = new SandboxClock();
	/** Network time (arrivals, rate limits, latency, hangs, the log's `time`): real unless a start option says otherwise. */
	readonly network: NetworkClock;
	/** Kept as the same array for the controller's lifetime (cleared in place). */
	readonly requests: RequestLogEntry[] = [];
	config: SandboxConfig;
	/** Hooks hear changes through it; it delivers them and logs every attempt (reads the config at each change). */
	readonly webhooks = new WebhookService(this.store, () => this.config, this.clock);
	private counters = emptyStats();
	private readonly rateLimiter = new RateLimiter();
	private random: () => number;
	private faults: FaultInjector;

	constructor(private readonly options: SandboxOptions) {
		this.network = options.networkClock ?? REAL_NETWORK_CLOCK;
		this.config = configFromOptions(options);
		this.random = mulberry32(options.seed ?? DEFAULT_SEED);
		this.faults = faultsFromOptions(options);
		seedDefaults(this.store, options, this.clock.nowSeconds());
	}

	/** State back to the seed, log and stats cleared, config, fault rules, both PRNGs and the real clock back. */
	reset(): void {
		this.webhooks.abort();
		this.clock.useReal();
		this.store.clear();
		seedDefaults(this.store, this.options, this.clock.nowSeconds());
		this.clearLog();
		this.config = configFromOptions(this.options);
		this.random = mulberry32(this.options.seed ?? DEFAULT_SEED);
		this.faults = faultsFromOptions(this.options);
		this.rateLimiter.clear();
	}

	clearLog(): void {
		this.requests.length = 0;
		this.counters = emptyStats();
	}

	record(entry: RequestLogEntry): void {
		this.requests.push(entry);
		countRequest(this.counters, entry.action, entry.status, entry.fault !== undefined);
	}

	stats(): SandboxStats {
		return { ...this.counters };
	}

	/** Counts an arriving API call against the rate limits; returns the 429 to answer, if any. */
	admit(client: string, tokenId: string | undefined, arrivalMs: number): SandboxError | undefined {
		if (!this.config.rateLimits) return undefined;
		return this.rateLimiter.admit(this.config, client, tokenId, arrivalMs);
	}

	/** Draws this request's latency (advances the PRNG only for a range). */
	nextDelayMs(): number {
		return drawLatency(this.config.latencyMs, this.random);
	}

	/** Decides this request's fault, if any (after the rate limits let it through). */
	drawFault(action: string): FaultDecision | undefined {
		return this.faults.decide(action);
	}

	/** Replaces the rules and restarts the fault PRNG (with the current fault seed unless one is given). */
	setFaults(rules: FaultRule[], seed: number = this.faults.seed): void {
		this.faults = new FaultInjector(rules, seed);
	}

	clearFaults(): void {
		this.setFaults([]);
	}

	faultSettings(): FaultSettings {
		return this.faults.settings();
	}

	/** Switching (on or off) forgets the calls counted so far. */
	setRateLimits(on: boolean, limits: Partial<RateLimits> = {}): void {
		if (typeof on !== 'boolean') throw new RangeError('rateLimits must be a boolean');
		const perTokenPerSecond = limits.perTokenPerSecond ?? this.config.perTokenPerSecond;
		const perClientPerSecond = limits.perClientPerSecond ?? this.config.perClientPerSecond;
		assertRateLimit('perTokenPerSecond', perTokenPerSecond);
		assertRateLimit('perClientPerSecond', perClientPerSecond);
		Object.assign(this.config, { rateLimits: on, perTokenPerSecond, perClientPerSecond });
		this.rateLimiter.clear();
	}

	setErrorStyle(style: ErrorStyle): void {
		if (!isErrorStyle(style)) throw new RangeError(`unknown errorStyle ${String(style)}`);
		this.config.errorStyle = style;
	}

	/** Applies to tokens minted from now on. */
	setTokenTtl(seconds: number): void {
		assertTtl(seconds);
		this.config.tokenTtlSeconds = seconds;
	}

	setLatency(latency: LatencySetting): void {
		assertLatency(latency);
		this.config.latencyMs = copyLatency(latency);
	}

	/** How `event.person.operate` treats its multi-field form (`content`) from now on. */
	setOperateContent(mode: OperateContentMode): void {
		assertOperateContentMode(mode);
		this.config.operateContent = mode;
	}

	/**
	 * How persons are matched by email or username from now on: `caseInsensitive` or `exact`. Nothing stored
	 * changes (emails are kept as sent either way), so switching back and forth needs no reindexing.
	 */
	setEmailMatch(mode: EmailMatchMode): void {
		assertEmailMatchMode(mode);
		this.config.emailMatch = mode;
	}

	/** The webhook payload shape from now on: `nested` or `flat` (deliveries already made keep theirs). */
	setWebhookPayload(shape: WebhookPayloadShape): void {
		assertWebhookPayloadShape(shape);
		this.config.webhookPayload = shape;
	}

	/** Retries (and, if given, their delay) of deliveries started from now on. */
	setWebhookRetries(retries: number, delayMs?: number): void {
		assertWebhookRetries(retries);
		if (delayMs !== undefined) assertWebhookRetryDelay(delayMs);
		this.config.webhookRetries = retries;
		if (delayMs !== undefined) this.config.webhookRetryDelayMs = delayMs;
	}

	/** The per-attempt timeout of deliveries started from now on, ms. */
	setWebhookTimeout(ms: number): void {
		assertWebhookTimeout(ms);
		this.config.webhookTimeoutMs = ms;
	}

	/** The type strings `webhook.create` / `webhook.edit` accept from now on (existing hooks stay and fire). */
	setWebhookTypes(types: string[]): void {
		assertWebhookTypes(types);
		this.config.webhookTypes = [...types];
	}

	/** Which changes a company's hooks hear from now on: `allEvents` or `eventCreatedOnly`. */
	setWebhookCompanyScope(scope: WebhookCompanyScope): void {
		assertWebhookCompanyScope(scope);
		this.config.webhookCompanyScope = scope;
	}

	/** Every hook (a copy), by webhookID. */
	listWebhooks(): SandboxWebhook[] {
		return [...this.store.webhooks.values()]
			.sort((a, b) => Number(a.webhookID) - Number(b.webhookID))
			.map((hook) => ({
				webhookID: hook.webhookID,
				...(hook.level === 'event' ? { eventID: hook.targetID } : { companyID: hook.targetID }),
				type: hook.type,
				url: hook.url,
				dateCreated: hook.dateCreated,
			}));
	}

	/** Every delivery attempt since the last clearDeliveries/reset (copies), in the order they ended. */
	listDeliveries(): WebhookDelivery[] {
		return this.webhooks.deliveries.map((delivery) => ({ ...delivery }));
	}

	/**
	 * InEvent's own registration form: each person becomes an attendee of the event at once (as
	 * `event.person.bind` makes them: level User, username = email; someone already in the event is left as is)
	 * and every new attendee fires `eventEnrollment`, all deliveries at once. All entries are checked first
	 * (RangeError, nobody added). Returns the personIDs, in the order given.
	 */
	registerAttendees(eventId: string, people: readonly Registration[]): string[] {
		const event = this.store.events.get(eventId);
		if (!event) throw new RangeError(`no event ${eventId}`);
		if (!Array.isArray(people)) throw new RangeError('people must be an array of {name, email}');
		const entries = people.map((entry: unknown, index) => {
			const { name, email } = (entry ?? {}) as Partial<Registration>;
			if (typeof name !== 'string' || name.trim() === '') throw new RangeError(`people[${index}].name is required`);
			if (typeof email !== 'string' || !isValidEmail(email.trim())) {
				throw new RangeError(`people[${index}].email is not a valid email address`);
			}
			return { name: name.trim(), email: email.trim() };
		});
		const now = this.clock.nowSeconds();
		const changes: WebhookChange[] = [];
		const ids = entries.map(({ name, email }) => {
			const input = { name, username: email, email, level: LEVEL.user };
			const { attendee, created } = linkAttendee(this.store, eventId, input, now);
			if (created) {
				const data = showAttendee(this.store, attendee, true);
				changes.push({ type: 'eventEnrollment', eventID: eventId, companyID: event.companyID, data, date: now });
			}
			return attendee.person.personID;
		});
		this.webhooks.dispatch(changes);
		return ids;
	}

	/**
	 * A badge scan of an attendee at the event (or at one of its sessions), dated now, as `checklog.checkIn` /
	 * `checklog.checkOut` make it (logged, `present` set) and firing the matching webhook. RangeError when the
	 * person is not an attendee or the session is not the event's. Returns the log row (strings).
	 */
	scan(type: ScanType, eventId: string, personId: string, activityId?: string): ApiObject {
		const event = this.store.events.get(eventId);
		if (!event) throw new RangeError(`no event ${eventId}`);
		const membership = this.store.getMembership(eventId, personId);
		if (!membership) throw new RangeError(`person ${personId} is not an attendee of event ${eventId}`);
		const activity = activityId === undefined ? undefined : this.store.activities.get(activityId);
		if (activityId !== undefined && activity?.eventID !== eventId) {
			throw new RangeError(`no session ${activityId} in event ${eventId}`);
		}
		const now = this.clock.nowSeconds();
		const row = recordScan(this.store, { membership, activity, type, code: membership.qrCode, date: now, now });
		const webhookType = scanWebhookType(type, activity !== undefined);
		this.webhooks.dispatch([{ type: webhookType, eventID: eventId, companyID: event.companyID, data: row, date: now }]);
		return stringifyScalars(row) as ApiObject;
	}

	/** Expired as of the sandbox clock (setting the clock back before now would revive them). */
	expireAllTokens(): void {
		const past = this.clock.nowMs() - 1;
		for (const token of this.store.tokens.values()) token.expiresAtMs = Math.min(token.expiresAtMs, past);
	}

	/** Returns false when the token is unknown. */
	revokeToken(tokenID: string): boolean {
		const token = this.store.tokens.get(tokenID);
		if (!token) return false;
		token.revoked = true;
		return true;
	}

	seedEvents(companyId: string, count: number): string[] {
		return generateEvents(this.store, companyId, count, this.seedTime());
	}

	seedAttendees(eventId: string, count: number): string[] {
		return generateAttendees(this.store, eventId, count, this.seedTime());
	}

	seedActivities(eventId: string, count: number): string[] {
		return generateActivities(this.store, eventId, count, this.seedTime());
	}

	/** A frozen clock stamps every generated record with its second; real time spreads them over the past. */
	private seedTime(): SeedTime {
		return { now: this.clock.nowSeconds(), spread: !this.clock.frozen };
	}

	/** Adds records to the sandbox's DNS (for `ssl.verify`); RangeError on a malformed list, nothing added. */
	publishDns(records: DnsRecord[]): void {
		this.store.dns.publish(records);
	}

	dnsRecords(): DnsRecord[] {
		return this.store.dns.list();
	}

	setClock(unixSeconds: number): void {
		this.clock.set(unixSeconds);
	}

	advanceClock(seconds: number): void {
		this.clock.advance(seconds);
	}

	useRealClock(): void {
		this.clock.useReal();
	}

	clockState(): ClockState {
		return { now: this.clock.nowSeconds(), frozen: this.clock.frozen };
	}
}

const faultsFromOptions = (options: SandboxOptions): FaultInjector =>
	new FaultInjector(options.faults ?? [], options.faultSeed ?? DEFAULT_SEED);
