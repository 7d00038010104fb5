/**
 * `npm start`: builds the package, starts the InEvent sandbox with seeded data (unless --base-url is
 * given), and the pinned n8n with the package loaded, a credential and the example workflows
 * imported. Ctrl-C stops everything.
 *
 *   npm start                                        # sandbox on 127.0.0.1:8787, n8n on :5678
 *   npm start -- --base-url https://api.inevent.com/ # your real InEvent account (fill in the credential)
 *   npm start -- --port 5679 --sandbox-port 8788
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SANDBOX_FIXTURES, startSandbox } from '../test/sandbox';
import type { Sandbox } from '../test/sandbox';
import { E2E_ROOT, N8nHome, packPackage, REPO_ROOT } from '../test/e2e/harness/n8n';
import { stopAll } from '../test/e2e/harness/processes';
import { readWorkflows, systemCredential } from '../test/e2e/harness/suite';

const OWNER = { email: 'demo@inevent-sandbox.test', firstName: 'Demo', lastName: 'Admin', password: 'Sandbox-demo-1' };

const { values } = parseArgs({
	options: {
		'base-url': { type: 'string' },
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '8787' },
	},
});

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function ensureN8nInstalled(): void {
	if (existsSync(join(E2E_ROOT, 'node_modules', '.bin', 'n8n'))) return;
	say('Installing the pinned n8n into test/e2e/ (first start only, a few minutes)…');
	const install = spawnSync('npm', ['run', 'e2e:install'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (install.status !== 0) throw new Error('npm run e2e:install failed');
}

async function waitForEditor(url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${url}healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Creates the editor's owner account; n8n answers /healthz before its REST routes exist, so retry 404s. */
async function setUpOwner(url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${url}rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		// A second start finds the owner already set up (400): that is fine.
		if (response.ok || response.status === 400) return;
		if (response.status !== 404 || Date.now() > deadline)
			throw new Error(`owner setup failed: HTTP ${response.status}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function main(): Promise<void> {
	const port = Number(values.port);
	const editorUrl = `http://localhost:${port}/`;
	ensureN8nInstalled();
	say('Building and packing n8n-nodes-inevent…');
	const tarball = await packPackage(mkdtempSync(join(tmpdir(), 'inevent-start-')));

	let sandbox: Sandbox | undefined;
	let baseUrl = values['base-url'];
	if (!baseUrl) {
		sandbox = await startSandbox({ port: Number(values['sandbox-port']), seedEvents: 12, seedAttendees: 150 });
		// An agenda to pick sessions from in the editor.
		sandbox.seedActivities(SANDBOX_FIXTURES.eventA.eventId, 8);
		baseUrl = sandbox.url;
	}
	const shutdown = async (): Promise<void> => {
		say('\nStopping n8n and the sandbox…');
		stopAll();
		await sandbox?.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());

	const home = new N8nHome(join(REPO_ROOT, '.n8n-demo'));
	await home.init({
		N8N_PORT: String(port),
		N8N_ENCRYPTION_KEY: 'inevent-demo-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'warn',
	});
	say('Installing the package into n8n and importing the credential and example workflows…');
	await home.installPackage(tarball);
	await home.importCredentials([
		sandbox ? systemCredential(baseUrl) : systemCredential(baseUrl, { name: 'InEvent', blank: true }),
	]);
	const examples = readWorkflows(join(REPO_ROOT, 'examples'));
	await home.importWorkflows(examples);
	const logFile = join(home.folder, 'n8n.log');
	home.serve(logFile);
	await waitForEditor(editorUrl, 180_000);
	await setUpOwner(editorUrl, 120_000);

	say('');
	say(`n8n is running with the InEvent node:  ${editorUrl}`);
	say(`  log in as ${OWNER.email} / ${OWNER.password}`);
	say(`  Workflows: the ${examples.length} InEvent examples (open one, then "Execute workflow")`);
	if (sandbox) {
		const { admin, eventA, eventB } = SANDBOX_FIXTURES;
		say(`  Credential "InEvent sandbox" talks to the local InEvent sandbox at ${sandbox.url}`);
		say(
			`  Sandbox users: ${admin.username} / ${admin.password} (System scope); event-scope password for event ${eventA.eventId}: ${eventA.eventPassword}`,
		);
		say(
			`  Events: ${eventA.eventId} "${eventA.name}", ${eventB.eventId} "${eventB.name}"; company ${SANDBOX_FIXTURES.companyId}`,
		);
	} else {
		say(`  Credential "InEvent" points at ${baseUrl}: open it and fill in your username, password and scope.`);
	}
	say(`  n8n's log: ${logFile}`);
	say('Press Ctrl-C to stop everything.');
}

main().catch((error: unknown) => {
	process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
	stopAll();
	process.exit(1);
});
