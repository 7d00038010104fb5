/**
 * Native modules the n8n installs build from source (the registry is all CI reaches, so no prebuilt binary comes):
 * a Node-API one (its package.json lists `binary.napi_versions`, as sqlite3 5.x does) does not depend on the
 * Node.js that built it, so one build serves every install of the same version in this clone (the pin on Node 24
 * and both smoke legs on Node 20 use sqlite3 5.1.7: about 80 s of a core each, measured on these machines). The
 * builds are kept in `test/e2e/.artifacts/native/` (git-ignored, so a fresh clone builds once); installs running
 * at the same time take turns with a lock folder, and the second one copies what the first built.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { tryLockFolder } from './lockFolder';

/** Where shared builds are kept, one folder per `<name>@<version>`. */
export const NATIVE_BUILDS_FOLDER = resolve(__dirname, '../../test/e2e/.artifacts/native');

const LOCK_WAIT_MS = 20 * 60_000;

interface ModuleManifest {
	version: string;
	binary?: { napi_versions?: number[] };
}

function manifestOf(moduleFolder: string): ModuleManifest {
	return JSON.parse(readFileSync(join(moduleFolder, 'package.json'), 'utf8')) as ModuleManifest;
}

/** Whether the module's binary is built against Node-API (the same build loads on every Node.js it supports). */
export function isNodeApiModule(moduleFolder: string): boolean {
	return (manifestOf(moduleFolder).binary?.napi_versions?.length ?? 0) > 0;
}

/** The `.node` files of a built module (`build/Release/`, where `bindings` looks first). */
function builtBinaries(moduleFolder: string): string[] {
	const release = join(moduleFolder, 'build', 'Release');
	return existsSync(release) ? readdirSync(release).filter((file) => file.endsWith('.node')) : [];
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock folder (tryLockFolder), waiting while a live process holds it. Returns what releases it. */
function lock(folder: string, what: string, log: (line: string) => void): () => void {
	const deadline = Date.now() + LOCK_WAIT_MS;
	let said = false;
	for (;;) {
		const attempt = tryLockFolder(folder, what);
		if ('release' in attempt) return attempt.release;
		if (Date.now() > deadline) throw new Error(`${what}: ${folder} still held after ${LOCK_WAIT_MS / 60_000} min`);
		if (!said) log(`waiting for another install building ${what}\n`);
		said = true;
		sleepSync(1000);
	}
}

/**
 * Gives the Node-API module at `moduleFolder` its binary: a copy of the shared build of its version when there is
 * one, else `build()` (the install's own `npm rebuild`), whose result is then shared. Returns what it did.
 */
export function withSharedBuild(
	name: string,
	moduleFolder: string,
	build: () => void,
	{ buildsFolder = NATIVE_BUILDS_FOLDER, log = (line: string) => void process.stdout.write(line) } = {},
): 'copied' | 'built' {
	const key = `${name}@${manifestOf(moduleFolder).version}`;
	const shared = join(buildsFolder, key);
	mkdirSync(buildsFolder, { recursive: true });
	const release = lock(`${shared}.lock`, key, log);
	try {
		if (existsSync(shared)) {
			const target = join(moduleFolder, 'build', 'Release');
			mkdirSync(target, { recursive: true });
			for (const file of readdirSync(shared)) copyFileSync(join(shared, file), join(target, file));
			log(`${key}: the build another install made, copied\n`);
			return 'copied';
		}
		build();
		const binaries = builtBinaries(moduleFolder);
		if (binaries.length === 0) throw new Error(`${key}: the build left no .node file in build/Release`);
		const staging = `${shared}.partial`;
		rmSync(staging, { recursive: true, force: true });
		mkdirSync(staging);
		for (const file of binaries) copyFileSync(join(moduleFolder, 'build', 'Release', file), join(staging, file));
		renameSync(staging, shared);
		return 'built';
	} finally {
		release();
	}
}
