/** What the runner imports into an n8n home: the sandbox's System credential, and workflow files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { ImportedCredential } from './n8n';

/** The ID of the System credential the workflows of `examples/` and `test/e2e/workflows/` name. */
export const SYSTEM_CREDENTIAL_ID = 'inEventSystem001';

/** The System credential of the sandbox's admin (or blank, for a real account), as n8n imports it. */
export function systemCredential(
	baseUrl: string,
	{ id = SYSTEM_CREDENTIAL_ID as string, name = 'InEvent sandbox', blank = false } = {},
): ImportedCredential {
	const { admin } = SANDBOX_FIXTURES;
	return {
		id,
		name,
		type: 'inEventApi',
		data: {
			region: 'custom',
			baseUrl,
			username: blank ? '' : admin.username,
			password: blank ? '' : admin.password,
			scope: 'system',
			authTransport: 'header',
			tokenId: '',
		},
	};
}

/** The workflows of a folder's `*.json` files. */
export function readWorkflows(folder: string): IDataObject[] {
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as IDataObject);
}
