import { randomBytes } from 'node:crypto';
import type { ActionContext } from '../server/context';
import { emailKey } from '../control/emailMatch';
import type { PlainObject } from '../server/envelope';
import { badRequest, unauthorized } from '../server/errors';
import type { RequestHead } from '../server/http';
import { optionalParam, requireQuery } from '../server/params';
import type { PersonRecord, TokenRecord, TokenScope } from '../store/records';
import type { SandboxStore } from '../store/store';

const TOKEN_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_BODY_LENGTH = 53;

/** Lockout after this many wrong passwords in a row (help centre, for UI logins — see signIn). */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 60 * 60 * 1000;

/**
 * A token shaped like the real ones seen in the wild (§3.2): `$2a$08$` + 53 bcrypt-alphabet chars.
 * The sandbox always puts at least one `/` and one `.` in it so every token exercises the
 * URL-encoding path of a client (a real token only usually contains them).
 */
export function generateTokenId(): string {
	const bytes = randomBytes(TOKEN_BODY_LENGTH + 2);
	const chars = Array.from(bytes.subarray(0, TOKEN_BODY_LENGTH), (byte) => TOKEN_ALPHABET[byte % 64]);
	const slashAt = bytes[TOKEN_BODY_LENGTH] % TOKEN_BODY_LENGTH;
	const dotAt = (slashAt + 1 + (bytes[TOKEN_BODY_LENGTH + 1] % (TOKEN_BODY_LENGTH - 1))) % TOKEN_BODY_LENGTH;
	chars[slashAt] = '/';
	chars[dotAt] = '.';
	return `$2a$08$${chars.join('')}`;
}

/** Issue and expiry follow the sandbox clock (`nowMs`), so tests expire tokens by advancing it. */
export function mintToken(
	store: SandboxStore,
	personID: string,
	scope: TokenScope,
	targetID: string,
	ttlSeconds: number,
	nowMs: number,
): TokenRecord {
	const issuedAtMs = nowMs;
	const token: TokenRecord = {
		tokenID: generateTokenId(),
		personID,
		scope,
		targetID,
		issuedAtMs,
		expiresAtMs: issuedAtMs + ttlSeconds * 1000,
		revoked: false,
	};
	store.tokens.set(token.tokenID, token);
	return token;
}

/**
 * The token from `Authorization: Bearer …` or the `tokenID` query attribute (§3.1).
 * Inferred: when both are sent the header wins — the header is the newer mechanism and the
 * official PHP SDK now sends only the header (the docs do not say, §15 q16).
 */
export function extractTokenId(ctx: ActionContext): string | undefined {
	return tokenIdOf(ctx.request);
}

export function tokenIdOf(request: RequestHead): string | undefined {
	const header = request.headers.authorization;
	const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
	if (bearer) return bearer;
	return optionalParam(request.query, 'tokenID');
}

export interface Caller {
	token: TokenRecord;
	person: PersonRecord;
}

/** Missing, unknown, revoked or expired token → 401 (§5.2: 401 for missing/invalid tokenID). */
export function requireCaller(ctx: ActionContext): Caller {
	const tokenId = extractTokenId(ctx);
	if (tokenId === undefined) throw unauthorized('tokenID is a required parameter');
	return resolveToken(ctx, tokenId);
}

/** For actions that also work without a token (public data). A bad token is still refused. */
export function optionalCaller(ctx: ActionContext): Caller | undefined {
	const tokenId = extractTokenId(ctx);
	return tokenId === undefined ? undefined : resolveToken(ctx, tokenId);
}

function resolveToken(ctx: ActionContext, tokenId: string): Caller {
	const token = ctx.store.tokens.get(tokenId);
	if (!token || token.revoked) throw unauthorized('tokenID is invalid');
	if (ctx.clock.nowMs() >= token.expiresAtMs) throw unauthorized('tokenID has expired, sign in again');
	const person = ctx.store.persons.get(token.personID);
	if (!person) throw unauthorized('tokenID is invalid');
	return { token, person };
}

function signInView(person: PersonRecord, token: TokenRecord): PlainObject {
	return {
		personID: person.personID,
		firstName: person.firstName,
		lastName: person.lastName,
		name: person.name,
		username: person.username,
		email: person.email,
		image: person.image,
		timezone: person.timezone,
		telephone: person.telephone,
		facebookID: '',
		linkedInID: '',
		twitterID: '',
		// Undocumented meaning (§3.2); taken as the token's issue time.
		date: Math.floor(token.issuedAtMs / 1000),
		tokenID: token.tokenID,
		scope: token.scope,
		targetID: token.targetID,
	};
}

/**
 * `person.signIn` (§3.2–§3.3): `username` in the query, `password` in the form body.
 * - System password → System token (`scope:"system"`, `targetID:"0"`), also when `eventID` is
 *   given ("In case you use the same password as the System scope, you will get a System scope").
 * - With `eventID`, the person's Event-scope password for that event → Event token.
 * - Wrong password → 401. Inferred: after 5 wrong passwords in a row the account is locked for
 *   60 minutes, even for the right password. The help centre documents this for UI logins (F2);
 *   the API most likely shares the same account protection.
 * - Inferred: a password in the query string is refused with 400, so a client never leaks it into
 *   URLs and logs; the docs place it in the body only.
 * - Inferred: `username` (a username or an email) finds the account as the `emailMatch` switch reads
 *   emails, case-insensitive by default or exactly (see below).
 */
export function signIn(ctx: ActionContext): PlainObject[] {
	const { query, body } = ctx.request;
	if (query.password !== undefined) {
		throw badRequest('password must be sent in the request body, not in the query string');
	}
	const username = requireQuery(query, 'username');
	const password = body.password;
	if (password === undefined || password === '') throw badRequest('password cannot be empty');
	const eventID = optionalParam(query, 'eventID');
	if (eventID !== undefined && !/^\d+$/.test(eventID)) throw badRequest('eventID must be a numeric ID');

	// Inferred: the username is matched like every other look-up of an account by email or username, so it
	// follows the `emailMatch` switch (case-insensitive by default; `exact`: `ANA@…` is not `ana@…`, which may
	// then be two accounts, each with its own password and its own lockout). It is not trimmed (as before).
	const lockKey = emailKey(username, ctx.config.emailMatch);
	const lockout = ctx.store.lockouts.get(lockKey) ?? { consecutiveFailures: 0, lockedUntilMs: 0 };
	// On the sandbox clock, so a test can end a lockout by advancing it 60 minutes.
	if (lockout.lockedUntilMs > ctx.clock.nowMs()) {
		throw unauthorized(
			`account is locked after ${MAX_FAILED_SIGN_INS} failed sign-in attempts; try again in 60 minutes`,
		);
	}

	const person = ctx.store.findPersonByUsername(username) ?? ctx.store.findPersonByEmail(username);
	let scope: TokenScope | undefined;
	if (person && person.password !== '' && person.password === password) scope = 'system';
	else if (person && eventID !== undefined && person.eventPasswords.get(eventID) === password) {
		if (ctx.store.getMembership(eventID, person.personID)) scope = 'event';
	}

	if (!person || scope === undefined) {
		lockout.consecutiveFailures += 1;
		if (lockout.consecutiveFailures >= MAX_FAILED_SIGN_INS) {
			lockout.lockedUntilMs = ctx.clock.nowMs() + LOCKOUT_MS;
			lockout.consecutiveFailures = 0;
		}
		ctx.store.lockouts.set(lockKey, lockout);
		throw unauthorized('username or password is incorrect');
	}
	ctx.store.lockouts.delete(lockKey);

	const targetID = scope === 'event' && eventID !== undefined ? eventID : '0';
	const token = mintToken(ctx.store, person.personID, scope, targetID, ctx.config.tokenTtlSeconds, ctx.clock.nowMs());
	return [signInView(person, token)];
}
