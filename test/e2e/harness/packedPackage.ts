import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { buildAndPack, RUN_PACK_ENV } from '../../../tools/n8n/pack';

/** Where the run's pack is kept (test/e2e/.artifacts is git-ignored); test files find it through `packPackage`. */
const RUN_PACK_FOLDER = join(resolve(__dirname, '..'), '.artifacts', 'pack');

/**
 * Jest's globalSetup of the e2e suites: one build and pack for every file of the run (each file
 * packing its own cost about 15 s a file in CI).
 */
export default async function packForRun(): Promise<void> {
	rmSync(RUN_PACK_FOLDER, { recursive: true, force: true });
	mkdirSync(RUN_PACK_FOLDER, { recursive: true });
	process.env[RUN_PACK_ENV] = await buildAndPack(RUN_PACK_FOLDER);
}
