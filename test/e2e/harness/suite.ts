import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SANDBOX_FIXTURES, startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { readWorkflows, SYSTEM_CREDENTIAL_ID, systemCredential } from '../../../tools/n8n/imports';
import { E2E_ROOT, N8nHome, packPackage } from '../../../tools/n8n/n8n';
import type { ImportedCredential } from '../../../tools/n8n/n8n';
import { stopAll } from '../../../tools/n8n/processes';

export const CREDENTIAL_IDS = {
	system: SYSTEM_CREDENTIAL_ID,
	eventScope: 'inEventEventA001',
	wrongPassword: 'inEventBadPass01',
	tokenInQuery: 'inEventQuery0001',
} as const;

export const WRONG_PASSWORD = 'e2e-not-the-password';

function credentialsFor(baseUrl: string): ImportedCredential[] {
	const { eventA } = SANDBOX_FIXTURES;
	const system = systemCredential(baseUrl);
	return [
		system,
		{
			id: CREDENTIAL_IDS.eventScope,
			name: 'InEvent sandbox (event scope)',
			type: 'inEventApi',
			data: { ...system.data, password: eventA.eventPassword, scope: 'event', eventId: eventA.eventId },
		},
		{
			id: CREDENTIAL_IDS.tokenInQuery,
			name: 'InEvent sandbox (token in query)',
			type: 'inEventApi',
			data: { ...system.data, authTransport: 'query' },
		},
		{
			id: CREDENTIAL_IDS.wrongPassword,
			name: 'InEvent wrong password',
			type: 'inEventApi',
			data: { ...system.data, password: WRONG_PASSWORD },
		},
	];
}

/**
 * One sandbox and one n8n home for a whole e2e file; everything started is stopped in afterAll.
 * `env` is added to every n8n process of the file (settings such as the durable scheduler's).
 * `envFromSandbox`, when given, runs once the sandbox listens and before n8n is set up (to seed data the
 * workflows name); what it returns is added to `env` (values the workflows read as `$env`, such as the
 * sandbox's URL: then also give `N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false'`).
 */
export function useRealN8n(
	extraWorkflowFolders: string[] = [],
	env: NodeJS.ProcessEnv = {},
	envFromSandbox?: (sandbox: Sandbox) => NodeJS.ProcessEnv,
): { sandbox: () => Sandbox; n8n: () => N8nHome } {
	let sandbox: Sandbox;
	let home: N8nHome;
	let packFolder: string | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		packFolder = mkdtempSync(join(tmpdir(), 'inevent-pack-'));
		const tarball = await packPackage(packFolder);
		home = new N8nHome();
		await home.init({ ...env, ...envFromSandbox?.(sandbox) });
		await home.installPackage(tarball);
		await home.importCredentials(credentialsFor(sandbox.url));
		const workflows = [join(E2E_ROOT, 'workflows'), ...extraWorkflowFolders].flatMap(readWorkflows);
		await home.importWorkflows(workflows);
	}, 600_000);
	afterAll(async () => {
		stopAll();
		await sandbox?.close();
		home?.remove();
		if (packFolder) rmSync(packFolder, { recursive: true, force: true });
	});
	return { sandbox: () => sandbox, n8n: () => home };
}
