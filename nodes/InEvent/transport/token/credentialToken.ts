import type { SignInFailure } from './signInFailure';

/** Refused tokens remembered, so an older token read from n8n's database is never taken back. */
const RETIRED_TOKENS_KEPT = 8;

/**
 * A refused password is not tried again for this long (unless the credential's password changes):
 * InEvent locks an account after 5 wrong passwords in a row.
 */
const REJECTION_KEPT_MS = 15 * 60_000;

/** A sign-in that InEvent could not take (after its retries) fails the calls that waited for it, and those of the next 10 s. */
const OUTAGE_KEPT_MS = 10_000;

/**
 * The InEvent token of one n8n credential in this process, shared by every execution and poll
 * that uses the credential: a cold token costs one sign-in, a refused token one refresh.
 */
export class CredentialToken {
	/** The token calls are sent with; undefined until someone signs in or n8n's database has one. */
	current: string | undefined;

	/** Grows each time the token changes; a call remembers the value it was sent with. */
	generation = 0;

	private tokenSetAt = -Infinity;

	private signing: Promise<void> | undefined;

	private readonly retired: string[] = [];

	private failure: { failure: SignInFailure; passwordKey: string; until: number } | undefined;

	lastUsedAt: number;

	constructor(private readonly now: () => number = Date.now) {
		this.lastUsedAt = now();
	}

	/** A sign-in is under way. */
	get busy(): boolean {
		return this.signing !== undefined;
	}

	/**
	 * The token n8n's database held when a read began at `readAt`. Taken when it is newer than the
	 * one in use: another process signed in again, or someone emptied it (then the next call signs in).
	 */
	offer(stored: unknown, readAt: number): void {
		this.lastUsedAt = this.now();
		const token = typeof stored === 'string' && stored !== '' ? stored : undefined;
		if (this.signing || readAt < this.tokenSetAt || token === this.current) return;
		if (token !== undefined && this.retired.includes(token)) return;
		this.setToken(token);
	}

	isRetired(token: string): boolean {
		return this.retired.includes(token);
	}

	/** InEvent refused this token: it is never taken back from the database. */
	retire(token: string): void {
		if (this.retired.includes(token)) return;
		this.retired.push(token);
		if (this.retired.length > RETIRED_TOKENS_KEPT) this.retired.shift();
	}

	setToken(token: string | undefined): void {
		this.current = token;
		this.generation++;
		this.tokenSetAt = this.now();
		if (token !== undefined) this.failure = undefined;
	}

	/**
	 * Waits for a sign-in under way. Returns the failure of a sign-in that just failed for this
	 * password (`passwordKey`), so the caller fails with it instead of signing in again.
	 */
	async ready(passwordKey: string): Promise<SignInFailure | undefined> {
		while (this.signing) await this.signing;
		this.lastUsedAt = this.now();
		const remembered = this.failure;
		if (remembered && remembered.passwordKey === passwordKey && this.now() < remembered.until) {
			return remembered.failure;
		}
		return undefined;
	}

	/**
	 * Runs `signIn` as this credential's only sign-in in the process. A caller whose token was
	 * replaced since it was sent (`sentWith`), or who finds a sign-in under way, waits for it and is
	 * told to resend with the newer token.
	 */
	async signInOnce<T>(
		sentWith: number,
		signIn: () => Promise<T>,
	): Promise<{ resend: true } | { resend: false; value: T }> {
		if (this.generation > sentWith) return { resend: true };
		if (this.signing) {
			await this.signing;
			return { resend: true };
		}
		let finished = (): void => undefined;
		this.signing = new Promise<void>((resolve) => (finished = resolve));
		try {
			return { resend: false, value: await signIn() };
		} finally {
			this.signing = undefined;
			finished();
		}
	}

	/** Keeps a failed sign-in for the callers that waited for it and those coming next. */
	remember(failure: SignInFailure, passwordKey: string): void {
		const keptMs = failure.kind === 'rejected' ? REJECTION_KEPT_MS : OUTAGE_KEPT_MS;
		this.failure = { failure, passwordKey, until: this.now() + keptMs };
	}
}
