import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import { E2E_ROOT, PACKAGE_NAME } from '../../../tools/n8n/n8n';
import { freePort } from '../../../tools/n8n/ports';
import { runCommand, startDaemon, stopGroup } from '../../../tools/n8n/processes';

const REGISTRY_ROOT = join(E2E_ROOT, 'registry');
const VERDACCIO_BIN = join(REGISTRY_ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

export interface LocalRegistry {
	/** `http://127.0.0.1:<port>/` */
	url: string;
	/** Publishes a tarball as the throwaway user; returns npm's output. */
	publish(tarball: string): Promise<string>;
	/** The registry's log, to tell why a fetch failed. */
	logTail(lines?: number): string;
	/** Stops Verdaccio and removes its storage. */
	stop(): Promise<void>;
}

/**
 * Verdaccio's configuration: our package is served from local storage only (no uplink, so it can
 * never come from the public registry), everything else may be proxied to npmjs.
 */
function verdaccioConfig(folder: string): string {
	const config = {
		storage: join(folder, 'storage'),
		auth: { htpasswd: { file: join(folder, 'htpasswd'), max_users: 1 } },
		uplinks: { npmjs: { url: 'https://registry.npmjs.org/' } },
		packages: {
			[PACKAGE_NAME]: { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
			'**': { access: '$all', publish: '$authenticated', proxy: 'npmjs' },
		},
		web: { enable: false },
		log: { type: 'stdout', format: 'pretty', level: 'warn' },
	};
	// JSON is YAML, which Verdaccio reads.
	const file = join(folder, 'config.yaml');
	writeFileSync(file, JSON.stringify(config, null, 2));
	return file;
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${url}-/ping`)).ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`Verdaccio did not answer at ${url} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Registers a throwaway user (npm's `adduser` call) and returns its token. */
async function addThrowawayUser(url: string): Promise<string> {
	const name = 'e2e-publisher';
	const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, password: randomBytes(18).toString('base64url'), type: 'user', roles: [] }),
	});
	const body = (await response.json()) as { token?: string; error?: string };
	if (!response.ok || !body.token)
		throw new Error(`Verdaccio refused the throwaway user: HTTP ${response.status} ${body.error ?? ''}`);
	return body.token;
}

/** Starts Verdaccio (installed by `npm run e2e:registry:install`) on a free loopback port, storage in a temp folder. */
export async function startLocalRegistry(): Promise<LocalRegistry> {
	if (!existsSync(VERDACCIO_BIN))
		throw new Error(`Verdaccio is not installed in ${REGISTRY_ROOT}: run npm run e2e:registry:install`);
	const folder = mkdtempSync(join(tmpdir(), 'inevent-registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}/`;
	const logFile = join(folder, 'verdaccio.log');
	const child = startDaemon(
		process.execPath,
		[VERDACCIO_BIN, '--config', verdaccioConfig(folder), '--listen', `127.0.0.1:${port}`],
		{ cwd: folder, env: { PATH: process.env.PATH, HOME: folder } },
		logFile,
	);
	const logTail = (lines = 30): string =>
		existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
	const stop = async (): Promise<void> => {
		await stopGroup(child, 5000);
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitForPing(url, child, 60_000);
		const token = await addThrowawayUser(url);
		const npmrc = join(folder, 'publisher.npmrc');
		writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`);

		const publish = async (tarball: string): Promise<string> => {
			const result = await runCommand(
				'npm',
				['publish', tarball, `--registry=${url}`, `--userconfig=${npmrc}`, '--access=public', '--provenance=false'],
				{ cwd: folder, env: { ...process.env, HOME: folder }, timeoutMs: 120_000 },
			);
			if (result.code !== 0) throw new Error(`npm publish failed:\n${result.stdout}\n${result.stderr}\n${logTail()}`);
			return result.stdout;
		};
		return { url, publish, logTail, stop };
	} catch (error) {
		const tail = logTail();
		await stop();
		throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
	}
}
