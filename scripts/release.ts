/**
 * `npm run release -- <patch|minor|major|x.y.z>`: on a clean `main`, dates the release in
 * CHANGELOG.md, sets the version in package.json and package-lock.json, commits "Release x.y.z"
 * and tags `vx.y.z`. Pushing the tag (`git push origin main --follow-tags`) runs
 * `.github/workflows/publish.yml`, which publishes to npm with a provenance statement.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cutRelease, nextVersion } from './release/changelog';

const ROOT = join(__dirname, '..');

function git(...args: string[]): string {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

function main(): void {
	const wanted = process.argv[2];
	if (!wanted) throw new Error('Usage: npm run release -- <patch|minor|major|x.y.z>');
	if (git('status', '--porcelain')) throw new Error('Release: the working tree has uncommitted changes');
	if (git('rev-parse', '--abbrev-ref', 'HEAD') !== 'main') throw new Error('Release: not on main');
	const current = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
	const version = nextVersion(current, wanted);
	if (git('tag', '--list', `v${version}`)) throw new Error(`Release: tag v${version} exists already`);
	const changelogPath = join(ROOT, 'CHANGELOG.md');
	const date = new Date().toISOString().slice(0, 10);
	writeFileSync(changelogPath, cutRelease(readFileSync(changelogPath, 'utf8'), version, date));
	execFileSync('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd: ROOT });
	git('add', 'CHANGELOG.md', 'package.json', 'package-lock.json');
	git('commit', '-m', `Release ${version}`);
	git('tag', '-a', `v${version}`, '-m', `Release ${version}`);
	process.stdout.write(`Tagged v${version}. Publish it: git push origin main --follow-tags\n`);
}

try {
	main();
} catch (error) {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
