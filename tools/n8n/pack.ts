import { copyFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { runCommand } from './processes';

const REPO_ROOT = resolve(__dirname, '../..');
/**
 * Set by the e2e suite's globalSetup (`test/e2e/harness/packedPackage.ts`) to the tarball it packed once
 * for the whole run; `packPackage` then copies it instead of packing again.
 */
export const RUN_PACK_ENV = 'E2E_PACKED_TARBALL';

/** Builds and packs this package, as `npm publish` would ship it. */
export async function buildAndPack(destination: string): Promise<string> {
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

/** The packed package, in `destination`: a copy of the run's pack, or packed now outside a suite run. */
export async function packPackage(destination: string): Promise<string> {
	const packed = process.env[RUN_PACK_ENV];
	if (packed === undefined || !existsSync(packed)) return await buildAndPack(destination);
	const copy = join(destination, basename(packed));
	copyFileSync(packed, copy);
	return copy;
}
