import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { inEventBaseUrl } from '../../../credentials/InEventApi.credentials';
import { AccountPace } from './accountPace';
import { CredentialSession } from './credentialSession';
import type { InEventContext } from './envelope';
import { PendingRegistrations } from './pendingRegistrations';
import { AccountWriteForms } from './writeForms';

/** An execution's view of its InEvent account: the process-wide pace and token, and its credential. */
export interface InEventAccount {
	pace: AccountPace;
	session: CredentialSession;
	/** Which inferred write forms InEvent has accepted for this account (shared like the pace). */
	writeForms: AccountWriteForms;
	/** Attendee registrations under way in this process (shared like the pace). */
	registrations: PendingRegistrations;
	/** Tells one password from another without keeping it (a remembered rejection is per password). */
	passwordKey: string;
	/** The credential as n8n stores it, carrying `token` ('' makes n8n sign in first). */
	withToken(token: string): ICredentialsDecrypted;
}

/** Accounts and credentials not used for this long are forgotten; at most this many are kept. */
const IDLE_MS = 30 * 60_000;
const MAX_KEPT = 500;
const SWEEP_EVERY_MS = 60_000;

const paces = new Map<string, AccountPace>();
const sessions = new Map<string, CredentialSession>();
const writeForms = new Map<string, AccountWriteForms>();
const registrations = new Map<string, PendingRegistrations>();
const byContext = new WeakMap<object, Promise<InEventAccount>>();
let lastSweep = 0;

interface Idle {
	busy: boolean;
	lastUsedAt: number;
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
	const readAt = Date.now();
	const data = await context.getCredentials<ICredentialDataDecryptedObject>('inEventApi');
	const stored = context.getNode().credentials?.inEventApi;
	const id = stored?.id ?? '';
	const name = stored?.name ?? '';
	const accountKey = accountKeyOf(data);

	const now = Date.now();
	if (now - lastSweep >= SWEEP_EVERY_MS || paces.size > MAX_KEPT || sessions.size > MAX_KEPT) {
		lastSweep = now;
		sweep(paces, now);
		sweep(sessions, now);
		sweep(writeForms, now);
		sweep(registrations, now);
	}
	const pace = kept(paces, accountKey, () => new AccountPace());
	pace.shareAmong(Number(data.processes ?? 1));
	// Tokens stay per n8n credential: a second credential of the same InEvent user must sign in with its own password.
	const session = kept(sessions, `${id} ${accountKey}`, () => new CredentialSession());
	session.offer(data.tokenId, readAt);
	const forms = kept(writeForms, accountKey, () => new AccountWriteForms());
	forms.touch();
	const pendingRegistrations = kept(registrations, accountKey, () => new PendingRegistrations());
	return {
		pace,
		session,
		writeForms: forms,
		registrations: pendingRegistrations,
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

/** The token n8n's database holds now (another process may have signed in again), if any. */
export async function storedTokenOf(context: InEventContext): Promise<string | undefined> {
	try {
		const data = await context.getCredentials<ICredentialDataDecryptedObject>('inEventApi');
		return typeof data.tokenId === 'string' && data.tokenId !== '' ? data.tokenId : undefined;
	} catch {
		return undefined;
	}
}

/** Forgets every account's pace and token (tests start each case from a cold process). */
export function forgetAllAccounts(): void {
	paces.clear();
	sessions.clear();
	writeForms.clear();
	registrations.clear();
}
