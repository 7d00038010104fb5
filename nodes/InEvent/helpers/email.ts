/**
 * How the node itself compares emails: trimmed and without regard to case. InEvent's own comparison
 * is not documented (every example is lower case), so matching never relies on it.
 */
export function emailKey(email: unknown): string {
	return String(email ?? '')
		.trim()
		.toLowerCase();
}

export function sameEmail(a: unknown, b: unknown): boolean {
	return emailKey(a) !== '' && emailKey(a) === emailKey(b);
}
