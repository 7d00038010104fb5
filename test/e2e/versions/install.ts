/**
 * Installs one of the extra n8n versions the e2e suite runs on, from its lock file:
 *
 *   tsx test/e2e/versions/install.ts 1      # test/e2e/versions/n8n-1
 *   tsx test/e2e/versions/install.ts 2.40   # test/e2e/versions/n8n-2.40, with its Node 24
 *
 * `npm ci --ignore-scripts` (a Kafka client's native build tries to download from outside and would
 * roll the whole install back), then `npm rebuild` of the native modules n8n needs, built by the
 * Node.js that will run them (the install's own one first on PATH, its headers as node-gyp's nodedir).
 */
import { spawnSync } from 'node:child_process';

import { assertInstalled, n8nInstall, nodePackageFolder, pathFor, pinnedVersion } from '../../../tools/n8n/n8nVersions';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	process.stdout.write(`> ${command} ${args.join(' ')}\n`);
	const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} exited ${String(result.status ?? result.signal)}`);
}

const key = process.argv[2];
if (!key) throw new Error('usage: tsx test/e2e/versions/install.ts 1|2.40');
const install = n8nInstall(key);
const started = Date.now();
run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], install.folder);
const nodeFolder = nodePackageFolder(install);
const buildEnv: NodeJS.ProcessEnv =
	nodeFolder === undefined ? process.env : { ...process.env, PATH: pathFor(install), npm_config_nodedir: nodeFolder };
run('npm', ['rebuild', ...install.nativeModules, '--ignore-scripts=false'], install.folder, buildEnv);
assertInstalled(install);
process.stdout.write(`n8n ${pinnedVersion(install)} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
