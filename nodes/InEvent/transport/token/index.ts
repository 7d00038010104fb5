/**
 * The token's one door, for the transport and the credential: the region's base URL, the credential's
 * sign-in and how it fails, the token one n8n credential shares in this process, what InEvent's answer
 * says (its message, its Retry-After), and the redaction that keeps secrets out of every text.
 * Nothing in this folder imports anything outside it.
 */
export { INEVENT_REGION_URLS, inEventBaseUrl } from './baseUrl';
export { CredentialToken } from './credentialToken';
export { inEventMessageOf, retryAfterMsOf } from './inEventAnswer';
export { redactCredentialSecrets, redactSecrets, redactTokens } from './redact';
export { signIn } from './signIn';
export { SignInFailure, signInFailureOf } from './signInFailure';
