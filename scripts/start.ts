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
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { SANDBOX_FIXTURES } from '../sandbox';
import { DEMO_OWNER, DemoN8n } from '../tools/n8n/demo';
import { E2E_ROOT, REPO_ROOT } from '../tools/n8n/n8n';
import { stopAll } from '../tools/n8n/processes';

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

const demo = new DemoN8n({
	folder: join(REPO_ROOT, '.n8n-demo'),
	port: Number(values.port),
	sandboxPort: Number(values['sandbox-port']),
	baseUrl: values['base-url'],
	say,
});

async function stopEverything(): Promise<void> {
	stopAll();
	await demo.stop();
}

async function main(): Promise<void> {
	ensureN8nInstalled();
	const shutdown = async (): Promise<void> => {
		say('\nStopping n8n and the sandbox…');
		await stopEverything();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
	await demo.start();

	say('');
	say(`n8n is running with the InEvent node:  ${demo.editorUrl}`);
	say(`  log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
	say(`  Workflows: the ${demo.exampleCount} InEvent examples (open one, then "Execute workflow")`);
	if (demo.sandbox) {
		const { admin, eventA, eventB } = SANDBOX_FIXTURES;
		say(`  Credential "InEvent sandbox" talks to the local InEvent sandbox at ${demo.sandbox.url}`);
		say(
			`  Sandbox users: ${admin.username} / ${admin.password} (System scope); event-scope password for event ${eventA.eventId}: ${eventA.eventPassword}`,
		);
		say(
			`  Events: ${eventA.eventId} "${eventA.name}", ${eventB.eventId} "${eventB.name}"; company ${SANDBOX_FIXTURES.companyId}`,
		);
	} else {
		say(`  Credential "InEvent" points at ${demo.baseUrl}: open it and fill in your username, password and scope.`);
	}
	say(`  n8n's log: ${demo.logFile}`);
	say('Press Ctrl-C to stop everything.');
}

main().catch(async (error: unknown) => {
	process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
	await stopEverything();
	process.exit(1);
});
