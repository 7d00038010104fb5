/**
 * How the sandbox compares a given email (or username) with the stored one when it looks a person up.
 * InEvent's docs never say (every example is lower case: `inevent-api.md` §10.1, §10.4, §10.5), so both
 * readings are a test switch:
 * - `caseInsensitive` (default): `ANA@Example.com` is the account of `ana@example.com`;
 * - `exact`: only the same characters match, so two accounts may differ by case alone (a bind of
 *   `ANA@EXAMPLE.COM` next to an attendee `ana@example.com` creates a second person).
 * Emails and usernames are stored as sent (trimmed) in both readings, never lower-cased. The callers trim
 * the given value; `person.signIn` sends its username as is (see `auth.ts`).
 */
export type EmailMatchMode = 'caseInsensitive' | 'exact';

export const EMAIL_MATCH_MODES: readonly EmailMatchMode[] = ['caseInsensitive', 'exact'];

export const DEFAULT_EMAIL_MATCH: EmailMatchMode = 'caseInsensitive';

export function isEmailMatchMode(value: unknown): value is EmailMatchMode {
	return typeof value === 'string' && (EMAIL_MATCH_MODES as readonly string[]).includes(value);
}

export function assertEmailMatchMode(value: unknown): asserts value is EmailMatchMode {
	if (!isEmailMatchMode(value)) {
		throw new RangeError(`emailMatch must be one of ${EMAIL_MATCH_MODES.join(', ')}`);
	}
}

/** The key under which a value names an account in this reading: equal keys, same account. */
export function emailKey(value: string, mode: EmailMatchMode): string {
	return mode === 'exact' ? value : value.toLowerCase();
}

/** Whether a stored email (or username) is the one given, in this reading. */
export function sameEmail(stored: string, given: string, mode: EmailMatchMode): boolean {
	return emailKey(stored, mode) === emailKey(given, mode);
}
