/**
 * What this process remembers per InEvent account, in one place: each account's pace, each
 * credential's token (its one sign-in and refresh), what operations learned about the account
 * (e.g. registrations under way), plus the window and the clock every account of the process
 * shares. Kept for the whole process, bounded, and released when idle.
 */
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { InEventContext } from './context';
import { AccountPace, INEVENT_LIMITS, REAL_CLOCK, StartWindow } from './pace';
import type { Clock, InEventLimits } from './pace';
import { CredentialToken, inEventBaseUrl } from './token';

/**
 * A fact operations learn about an account (e.g. which write form InEvent takes, the registrations
 * under way), `initial` until they change it. A fact whose value is `busy` keeps the account remembered.
 */
export interface AccountFact<T> {
	readonly initial: () => T;
}

/** What operations keep about one InEvent account, shared by every execution of the process. */
export class AccountMemory {
	private readonly facts = new Map<AccountFact<unknown>, unknown>();

	lastUsedAt: number;

	constructor(now: number) {
		this.lastUsedAt = now;
	}

	get busy(): boolean {
		return [...this.facts.values()].some((value) => (value as { busy?: unknown } | null)?.busy === true);
	}

	recall<T>(fact: AccountFact<T>): T {
		if (!this.facts.has(fact)) this.facts.set(fact, fact.initial());
		return this.facts.get(fact) as T;
	}
}

/** An execution's view of its InEvent account: the process-wide pace, token and memory, and its credential. */
export interface InEventAccount {
	pace: AccountPace;
	token: CredentialToken;
	memory: AccountMemory;
	/** The process's clock (the real one, but for tests). */
	clock: Clock;
	/** Tells one password from another without keeping it (a remembered rejection is per password). */
	passwordKey: string;
	/** The credential as n8n stores it, carrying `token` ('' makes n8n sign in first). */
	withToken(token: string): ICredentialsDecrypted;
}

/** Accounts and credentials not used for this long are forgotten; at most this many are kept. */
const IDLE_MS = 30 * 60_000;
const MAX_KEPT = 500;
const SWEEP_EVERY_MS = 60_000;

interface Idle {
	busy: boolean;
	lastUsedAt: number;
}

const processWide: { limits: Readonly<InEventLimits>; starts: StartWindow; clock: Clock } = {
	limits: { ...INEVENT_LIMITS },
	starts: new StartWindow(),
	clock: REAL_CLOCK,
};
const paces = new Map<string, AccountPace>();
const tokens = new Map<string, CredentialToken>();
const memories = new Map<string, AccountMemory>();
const byContext = new WeakMap<object, Promise<InEventAccount>>();
let lastSweep = 0;

/**
 * This process as n8n just started it: no account remembered, an empty window, InEvent's own limits
 * and the real clock (tests start each case here, or on the virtual clock they hand over).
 */
export function resetAccountState(clock: Clock = REAL_CLOCK): void {
	paces.clear();
	tokens.clear();
	memories.clear();
	lastSweep = 0;
	processWide.limits = { ...INEVENT_LIMITS };
	processWide.starts = new StartWindow();
	processWide.clock = clock;
}

/** The clock every pace, wait and remembered time of this process runs on. */
export function processClock(): Clock {
	return processWide.clock;
}

/**
 * For tests against a sandbox whose limits are off: lets them run faster than InEvent allows.
 * Nothing in the node calls it; `resetAccountState()` restores InEvent's limits.
 */
export function setInEventLimits(value: Partial<InEventLimits>): void {
	processWide.limits = { ...INEVENT_LIMITS, ...value };
}

/** A pace on this process's limits, shared window and clock (each account's, and tests of the pace alone). */
export function newAccountPace(): AccountPace {
	return new AccountPace(processWide, processWide.clock);
}

function sweep<T extends Idle>(entries: Map<string, T>, now: number): void {
	for (const [key, entry] of entries) {
		if (!entry.busy && now - entry.lastUsedAt > IDLE_MS) entries.delete(key);
	}
	if (entries.size <= MAX_KEPT) return;
	const idle = [...entries].filter(([, entry]) => !entry.busy).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt);
	for (const [key] of idle.slice(0, entries.size - MAX_KEPT)) entries.delete(key);
}

function kept<T extends Idle>(entries: Map<string, T>, key: string, create: () => T): T {
	let entry = entries.get(key);
	if (!entry) {
		entry = create();
		entries.set(key, entry);
	}
	return entry;
}

/** FNV-1a: enough to tell two passwords apart in memory, without keeping either. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16);
}

/** InEvent's own identity of an account: base URL, username, scope and event. */
function accountKeyOf(data: ICredentialDataDecryptedObject): string {
	const username = String(data.username ?? '')
		.trim()
		.toLowerCase();
	const scope = data.scope === 'event' ? `event ${String(data.eventId ?? '').trim()}` : 'system';
	return `${inEventBaseUrl(data)} ${username} ${scope}`;
}

async function readAccount(context: InEventContext): Promise<InEventAccount> {
	const { clock } = processWide;
	const readAt = clock.now();
	const data = await context.getCredentials<ICredentialDataDecryptedObject>('inEventApi');
	const stored = context.getNode().credentials?.inEventApi;
	const id = stored?.id ?? '';
	const name = stored?.name ?? '';
	const accountKey = accountKeyOf(data);

	const now = clock.now();
	if (now - lastSweep >= SWEEP_EVERY_MS || paces.size > MAX_KEPT || tokens.size > MAX_KEPT) {
		lastSweep = now;
		sweep(paces, now);
		sweep(tokens, now);
		sweep(memories, now);
	}
	const pace = kept(paces, accountKey, () => newAccountPace());
	pace.shareAmong(Number(data.processes ?? 1));
	// Tokens stay per n8n credential: a second credential of the same InEvent user must sign in with its own password.
	const token = kept(tokens, `${id} ${accountKey}`, () => new CredentialToken(() => clock.now()));
	token.offer(data.tokenId, readAt);
	const memory = kept(memories, accountKey, () => new AccountMemory(now));
	memory.lastUsedAt = now;
	return {
		pace,
		token,
		memory,
		clock,
		passwordKey: fingerprint(`${String(data.username ?? '')}\n${String(data.password ?? '')}`),
		withToken: (token) => ({ id, name, type: 'inEventApi', data: { ...data, tokenId: token } }),
	};
}

/** The InEvent account of this execution (or poll, or editor lookup), read once per context. */
export async function accountOf(context: InEventContext): Promise<InEventAccount> {
	let account = byContext.get(context);
	if (!account) {
		account = readAccount(context);
		byContext.set(context, account);
		account.catch(() => byContext.delete(context));
	}
	return await account;
}

/** What operations keep about this execution's InEvent account for the whole process. */
export async function accountMemoryOf(context: InEventContext): Promise<AccountMemory> {
	return (await accountOf(context)).memory;
}

/** The token n8n's database holds now (another process may have signed in again), if any. */
export async function storedTokenOf(context: InEventContext): Promise<string | undefined> {
	try {
		const data = await context.getCredentials<ICredentialDataDecryptedObject>('inEventApi');
		return typeof data.tokenId === 'string' && data.tokenId !== '' ? data.tokenId : undefined;
	} catch {
		return undefined;
	}
}
