import { DEFAULT_CONFIG, type SandboxConfig } from './config';
import { isErrorStyle, type ErrorStyle } from './errors';
import type { StringMap } from './http';
import { generateAttendees, generateEvents, seedDefaults } from './seed';
import { SandboxStore } from './store';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	errorStyle?: ErrorStyle;
	tokenTtlSeconds?: number;
	/** Extra generated events in the fixture company. */
	seedEvents?: number;
	/** Extra generated attendees in fixture eventA. */
	seedAttendees?: number;
	latencyMs?: number;
}

/** One non-admin request as the sandbox received and answered it. */
export interface RequestLogEntry {
	method: string;
	action: string;
	query: StringMap;
	headers: StringMap;
	body: StringMap;
	rawBody: string;
	status: number;
	/** When the request arrived, epoch milliseconds. */
	time: number;
}

function assertTtl(seconds: number): void {
	if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError('tokenTtlSeconds must be a positive number');
}

function assertLatency(ms: number): void {
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latencyMs must be a non-negative number');
}

function configFromOptions(options: SandboxOptions): SandboxConfig {
	const config: SandboxConfig = {
		errorStyle: options.errorStyle ?? DEFAULT_CONFIG.errorStyle,
		tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_CONFIG.tokenTtlSeconds,
		latencyMs: options.latencyMs ?? DEFAULT_CONFIG.latencyMs,
	};
	if (!isErrorStyle(config.errorStyle)) throw new RangeError(`unknown errorStyle ${String(config.errorStyle)}`);
	assertTtl(config.tokenTtlSeconds);
	assertLatency(config.latencyMs);
	return config;
}

/** State, config and request log of one sandbox, with the operations tests and admin endpoints use. */
export class SandboxController {
	readonly store = new SandboxStore();
	/** Kept as the same array for the controller's lifetime (cleared in place). */
	readonly requests: RequestLogEntry[] = [];
	config: SandboxConfig;

	constructor(private readonly options: SandboxOptions) {
		this.config = configFromOptions(options);
		seedDefaults(this.store, options);
	}

	/** State back to the seed, log cleared, config back to the start options. */
	reset(): void {
		this.store.clear();
		seedDefaults(this.store, this.options);
		this.clearLog();
		this.config = configFromOptions(this.options);
	}

	clearLog(): void {
		this.requests.length = 0;
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

	setLatency(ms: number): void {
		assertLatency(ms);
		this.config.latencyMs = ms;
	}

	expireAllTokens(): void {
		const past = Date.now() - 1;
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
		return generateEvents(this.store, companyId, count);
	}

	seedAttendees(eventId: string, count: number): string[] {
		return generateAttendees(this.store, eventId, count);
	}
}
