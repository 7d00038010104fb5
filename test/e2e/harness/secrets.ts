/** What no n8n output, log line or webhook answer of the e2e suite may hold. */
import { SANDBOX_FIXTURES } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { WRONG_PASSWORD } from './suite';

const { admin, eventA } = SANDBOX_FIXTURES;

/** The passwords, and every token the sandbox ever minted (as is and URL-encoded). */
export function secretsOf(sandbox: Sandbox): string[] {
	const tokens = [...sandbox.store.tokens.keys()];
	return [admin.password, WRONG_PASSWORD, eventA.eventPassword, ...tokens, ...tokens.map(encodeURIComponent)];
}

/** Throws, naming `what` and how many, when `text` holds any of them. */
export function expectNoSecretIn(sandbox: Sandbox, what: string, text: string): void {
	const found = secretsOf(sandbox).filter((secret) => secret !== '' && text.includes(secret));
	if (found.length > 0) throw new Error(`${what} holds ${found.length} secret(s) (a password or a tokenID)`);
}
