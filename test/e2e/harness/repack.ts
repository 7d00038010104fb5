import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { runCommand } from '../../../tools/n8n/processes';

async function tar(args: string[]): Promise<void> {
	const result = await runCommand('tar', args, { timeoutMs: 60_000 });
	if (result.code !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
}

/** The `package.json` inside an `npm pack` tarball. */
export async function packedManifest(tarball: string): Promise<IDataObject> {
	const folder = mkdtempSync(join(tmpdir(), 'inevent-manifest-'));
	try {
		await tar(['-xzf', tarball, '-C', folder, 'package/package.json']);
		return JSON.parse(readFileSync(join(folder, 'package', 'package.json'), 'utf8')) as IDataObject;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/**
 * A copy of an `npm pack` tarball with its `package.json` changed by `edit` (a new version, a
 * deliberately broken manifest…), written as `<name>-<version>.tgz` into `destination`. The rest of
 * the content is byte for byte the original; the repo's own package.json is never touched.
 */
export async function repack(
	tarball: string,
	destination: string,
	edit: (manifest: IDataObject) => IDataObject,
): Promise<string> {
	const folder = mkdtempSync(join(tmpdir(), 'inevent-repack-'));
	try {
		await tar(['-xzf', tarball, '-C', folder]);
		const manifestFile = join(folder, 'package', 'package.json');
		const manifest = edit(JSON.parse(readFileSync(manifestFile, 'utf8')) as IDataObject);
		writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
		const output = join(destination, `${String(manifest.name)}-${String(manifest.version)}.tgz`);
		await tar(['-czf', output, '-C', folder, 'package']);
		return output;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** `x.y.z` → `x.y.(z+1)`. */
export function nextPatch(version: string): string {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
	if (!match) throw new Error(`not a plain x.y.z version: ${version}`);
	return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}
