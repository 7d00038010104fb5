import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { buildAndPack, RUN_PACK_ENV } from '../../../tools/n8n/pack';

/** Where the runs' packs are kept (test/e2e/.artifacts is git-ignored); test files find theirs through `packPackage`. */
const PACKS_FOLDER = join(resolve(__dirname, '..'), '.artifacts');

/**
 * Jest's globalSetup of the e2e suites: one build and pack for every file of the run (each file
 * packing its own cost about 15 s a file in CI), in a folder of this run's own, so that two runs at
 * once do not remove each other's tarball. `E2E_PACKED_TARBALL` set to an existing tarball skips the
 * build: runs that share one working tree then test the same pack, and none rebuilds `dist/` under another.
 */
export default async function packForRun(): Promise<void> {
	const given = process.env[RUN_PACK_ENV];
	if (given !== undefined && existsSync(given)) return;
	mkdirSync(PACKS_FOLDER, { recursive: true });
	process.env[RUN_PACK_ENV] = await buildAndPack(mkdtempSync(join(PACKS_FOLDER, 'pack-')));
}
