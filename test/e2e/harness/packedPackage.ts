import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { runCommand } from './processes';

const REPO_ROOT = resolve(__dirname, '../../..');
/** Where the run's pack is kept (test/e2e/.artifacts is git-ignored), and how test files find it. */
const RUN_PACK_FOLDER = join(REPO_ROOT, 'test', 'e2e', '.artifacts', 'pack');
const RUN_PACK_ENV = 'E2E_PACKED_TARBALL';

/** Builds and packs this package, as `npm publish` would ship it. */
async function buildAndPack(destination: string): Promise<string> {
	const build = await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 300_000 });
	if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
	const pack = await runCommand('npm', ['pack', '--json', `--pack-destination=${destination}`], {
		cwd: REPO_ROOT,
		timeoutMs: 120_000,
	});
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
	const [{ filename }] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * Jest's globalSetup of the e2e suites: one build and pack for every file of the run (each file
 * packing its own cost about 15 s a file in CI).
 */
export default async function packForRun(): Promise<void> {
	rmSync(RUN_PACK_FOLDER, { recursive: true, force: true });
	mkdirSync(RUN_PACK_FOLDER, { recursive: true });
	process.env[RUN_PACK_ENV] = await buildAndPack(RUN_PACK_FOLDER);
}

/** The packed package, in `destination`: a copy of the run's pack, or packed now outside a suite run. */
export async function packPackage(destination: string): Promise<string> {
	const packed = process.env[RUN_PACK_ENV];
	if (packed === undefined || !existsSync(packed)) return await buildAndPack(destination);
	const copy = join(destination, basename(packed));
	copyFileSync(packed, copy);
	return copy;
}
