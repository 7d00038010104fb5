import { SandboxClock } from './clock';
import type { SandboxConfig } from './config';
import type { DnsRecord } from '../store/dns';
import { assertEmailMatchMode, type EmailMatchMode } from './emailMatch';
import { isErrorStyle, type ErrorStyle, type SandboxError } from '../server/errors';
import type { StringMap } from '../server/http';
import { FaultInjector, type FaultDecision, type FaultKind, type FaultRule, type FaultSettings } from '../faults/faults';
import { assertLatency, copyLatency, drawLatency, type LatencySetting } from '../faults/latency';
import { assertOperateContentMode, type OperateContentMode } from './operateContent';
import { assertTtl, configFromOptions, DEFAULT_SEED, type SandboxOptions } from './options';
import { mulberry32 } from '../faults/random';
import { assertRateLimit, RateLimiter, type RateLimits } from '../limits/rateLimit';
import { generateActivities, generateAttendees, generateEvents, seedDefaults, type SeedTime } from '../store/seed';
import { countRequest, emptyStats, type SandboxStats } from './stats';
import { SandboxStore } from '../store/store';

export type { SandboxOptions } from './options';

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
	/** When the request arrived, real epoch milliseconds (not the sandbox clock). */
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
	/** Data time (records, tokens, lockout); the rate limits and latency use real time. */
	readonly clock = new SandboxClock();
	/** Kept as the same array for the controller's lifetime (cleared in place). */
	readonly requests: RequestLogEntry[] = [];
	config: SandboxConfig;
	private counters = emptyStats();
	private readonly rateLimiter = new RateLimiter();
	private random: () => number;
	private faults: FaultInjector;

	constructor(private readonly options: SandboxOptions) {
		this.config = configFromOptions(options);
		this.random = mulberry32(options.seed ?? DEFAULT_SEED);
		this.faults = faultsFromOptions(options);
		seedDefaults(this.store, options, this.clock.nowSeconds());
	}

	/** State back to the seed, log and stats cleared, config, fault rules, both PRNGs and the real clock back. */
	reset(): void {
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
