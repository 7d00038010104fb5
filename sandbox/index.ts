import type { AddressInfo } from 'node:net';
import type { SandboxConfig } from './control/config';
import { SandboxController, type ClockState, type RequestLogEntry, type SandboxOptions } from './control/controller';
import type { DnsRecord } from './store/dns';
import type { EmailMatchMode } from './control/emailMatch';
import type { ErrorStyle } from './server/errors';
import type { FaultRule, FaultSettings } from './faults/faults';
import type { LatencySetting } from './faults/latency';
import type { OperateContentMode } from './control/operateContent';
import type { RateLimits } from './limits/rateLimit';
import { createSandboxServer } from './server/server';
import type { SandboxStats } from './control/stats';
import type { SandboxStore } from './store/store';

export { SANDBOX_FIXTURES } from './store/seed';
export type { ClockState, RequestLogEntry, SandboxOptions } from './control/controller';
export type { DnsRecord } from './store/dns';
export type { EmailMatchMode } from './control/emailMatch';
export type { ErrorStyle } from './server/errors';
export type { FaultKind, FaultRule, FaultSettings } from './faults/faults';
export type { LatencyRange, LatencySetting } from './faults/latency';
export type { OperateContentMode } from './control/operateContent';
export type { RateLimits } from './limits/rateLimit';
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
	/** State back to the seed, log and stats cleared, config, faults and PRNGs back to the start options, real clock. */
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
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
