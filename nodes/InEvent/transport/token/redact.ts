import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** InEvent tokens look like bcrypt hashes; never let one into a message. */
const TOKEN_PATTERN = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{20,}/g;

/** A message without InEvent tokens, in the text or as a `tokenID=` query parameter. */
export function redactTokens(text: string): string {
	return text.replace(TOKEN_PATTERN, '[redacted token]').replace(/(tokenID=)[^&\s]+/gi, '$1[redacted]');
}

/** The text with every non-empty secret replaced by `mark`, wherever it appears. */
export function redactSecrets(text: string, secrets: readonly unknown[], mark = '[redacted]'): string {
	let out = text;
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length > 0) out = out.split(secret).join(mark);
	}
	return out;
}

/** A message without the credential's password or token, wherever InEvent echoed them. */
export function redactCredentialSecrets(text: string, credentials: ICredentialDataDecryptedObject): string {
	return redactSecrets(text, [credentials.password, credentials.tokenId]);
}
