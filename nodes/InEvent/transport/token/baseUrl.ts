import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SignInFailure } from './signInFailure';

export const INEVENT_REGION_URLS = {
	na: 'https://api.inevent.com/',
	eu: 'https://api.inevent.uk/',
} as const;

/** The InEvent API root for the credential's region, always with one trailing slash. */
export function inEventBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = credentials.region ?? 'na';
	if (region === 'na' || region === 'eu') return INEVENT_REGION_URLS[region];
	const custom = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^\s/]+/i.test(custom)) {
		throw new SignInFailure(
			'The InEvent credential uses a custom region but its Base URL is not an http(s) URL. Set Base URL, e.g. https://api.inevent.com/',
		);
	}
	return custom.endsWith('/') ? custom : `${custom}/`;
}
