/**
 * Installs an n8n the e2e suite runs on, from its lock file (see `tools/n8n/n8nVersions.ts`):
 *
 *   tsx test/e2e/versions/install.ts          # the pinned n8n in test/e2e/ (or the one E2E_N8N names)
 *   tsx test/e2e/versions/install.ts 2.8      # test/e2e/versions/n8n-2.8
 *   tsx test/e2e/versions/install.ts 2.39.0   # writes test/e2e/versions/n8n-2.39.0/ and its lock file first
 *   tsx test/e2e/versions/install.ts --if-missing   # nothing when the selected n8n is already installed
 *   tsx test/e2e/versions/install.ts --shared-native   # builds sqlite3 for them all ahead (CI, beside the installs)
 *
 * `npm ci --ignore-scripts --prefer-offline` (a Kafka client's native build tries to download from outside and
 * would roll the whole install back; the lock files name every tarball's URL and integrity, so npm fetches no package
 * document and takes what its cache holds without asking again: 76 s instead of 110 for n8n 1.123's, here),
 * then `npm rebuild` of the native modules n8n needs, built by the Node.js that will run them (the install's own
 * one first on PATH, its headers as node-gyp's nodedir, every core to the compiler). A Node-API module (sqlite3) is
 * built once per clone and copied into the other installs (`tools/n8n/nativeBuilds.ts`); the others (isolated-vm)
 * first, so that a concurrent install has built the shared one meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	assertInstalled,
	exactVersionManifest,
	installedVersion,
	n8nInstall,
	nodePackageFolder,
	pathFor,
	pinnedVersion,
} from '../../../tools/n8n/n8nVersions';
import { isNodeApiModule, withSharedBuild } from '../../../tools/n8n/nativeBuilds';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	process.stdout.write(`> ${command} ${args.join(' ')}\n`);
	const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} exited ${String(result.status ?? result.signal)}`);
}

/**
 * `--shared-native`: builds the Node-API modules the pin and the smoke legs need, each in a folder of its own with
 * nothing but that module at the version their lock files name, before their installs get to it (CI runs this beside
 * them, so that the compiler's minute and a half overlaps their downloads and unpacking instead of following them).
 */
function buildSharedNative(): void {
	const wanted = new Map<string, string>();
	for (const fixed of ['', '2.8', '1'].map(n8nInstall)) {
		const lock = JSON.parse(readFileSync(join(fixed.folder, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { version?: string }>;
		};
		for (const name of fixed.nativeModules) {
			const version = lock.packages[`node_modules/${name}`]?.version;
			if (version !== undefined) wanted.set(`${name}@${version}`, name);
		}
	}
	for (const [spec, name] of wanted) {
		const folder = mkdtempSync(join(tmpdir(), 'inevent-native-'));
		try {
			writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true }));
			run('npm', ['install', spec, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], folder);
			const moduleFolder = join(folder, 'node_modules', name);
			if (!isNodeApiModule(moduleFolder)) continue;
			const env = { ...process.env, JOBS: 'max' };
			const done = withSharedBuild(name, moduleFolder, () =>
				run('npm', ['rebuild', name, '--ignore-scripts=false'], folder, env),
			);
			process.stdout.write(`${spec}: ${done === 'built' ? 'built' : 'already built'} for the installs to copy\n`);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}
}

const args = process.argv.slice(2);
if (args.includes('--shared-native')) {
	buildSharedNative();
	process.exit(0);
}
const ifMissing = args.includes('--if-missing');
const key = args.find((arg) => !arg.startsWith('--')) ?? process.env.E2E_N8N ?? '';
const install = n8nInstall(key);
const manifest = join(install.folder, 'package.json');
if (ifMissing && existsSync(manifest) && installedVersion(install) === pinnedVersion(install)) process.exit(0);

const started = Date.now();
if (!existsSync(manifest)) {
	mkdirSync(install.folder, { recursive: true });
	writeFileSync(manifest, `${JSON.stringify(exactVersionManifest(install), null, '\t')}\n`);
}
if (!existsSync(join(install.folder, 'package-lock.json')))
	run(
		'npm',
		// With each tarball's URL in the lock file, `npm ci` fetches no package document (about 1,900 of them for an n8n).
		[
			'install',
			'--package-lock-only',
			'--omit-lockfile-registry-resolved=false',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
		],
		install.folder,
	);
run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], install.folder);
const nodeFolder = nodePackageFolder(install);
const buildEnv: NodeJS.ProcessEnv = {
	...process.env,
	// node-gyp's make -j: every core, for when the other installs and the unit tests are done.
	JOBS: 'max',
	...(nodeFolder === undefined ? {} : { PATH: pathFor(install), npm_config_nodedir: nodeFolder }),
};
const moduleFolder = (name: string): string => join(install.folder, 'node_modules', name);
const rebuild = (names: string[]): void =>
	run('npm', ['rebuild', ...names, '--ignore-scripts=false'], install.folder, buildEnv);
const nodeApi = install.nativeModules.filter((name) => isNodeApiModule(moduleFolder(name)));
const own = install.nativeModules.filter((name) => !nodeApi.includes(name));
if (own.length > 0) rebuild(own);
for (const name of nodeApi) withSharedBuild(name, moduleFolder(name), () => rebuild([name]));
// Each native module loads in the Node.js that runs this n8n (a copied build included).
run(
	'node',
	['-e', install.nativeModules.map((name) => `require(${JSON.stringify(moduleFolder(name))});`).join('')],
	install.folder,
	buildEnv,
);
assertInstalled(install);
process.stdout.write(`n8n ${pinnedVersion(install)} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
