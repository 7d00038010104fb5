/** The pure steps of `npm run release`: the next version and the changelog's new section. */

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
const UNRELEASED = '## Unreleased';

export type Bump = 'patch' | 'minor' | 'major';

/** `patch`, `minor`, `major`, or an explicit `x.y.z` not below the current version. */
export function nextVersion(current: string, wanted: string): string {
	const parts = SEMVER.exec(current);
	if (!parts) throw new Error(`package.json version ${current} is not x.y.z`);
	const [major, minor, patch] = parts.slice(1).map(Number);
	if (wanted === 'major') return `${major + 1}.0.0`;
	if (wanted === 'minor') return `${major}.${minor + 1}.0`;
	if (wanted === 'patch') return `${major}.${minor}.${patch + 1}`;
	const target = SEMVER.exec(wanted);
	if (!target) throw new Error(`Release: "${wanted}" is neither patch, minor, major nor a version x.y.z`);
	const [tMajor, tMinor, tPatch] = target.slice(1).map(Number);
	const order = tMajor - major || tMinor - minor || tPatch - patch;
	if (order < 0) throw new Error(`Release: ${wanted} is below the current version ${current}`);
	return wanted;
}

/**
 * Moves the notes under `## Unreleased` into a new `## <version> (<date>)` section and leaves an
 * empty Unreleased section above it. A version already in the changelog is released as it stands
 * (its section gets the date) as long as nothing waits under Unreleased.
 */
export function cutRelease(changelog: string, version: string, date: string): string {
	const lines = changelog.split('\n');
	const start = lines.indexOf(UNRELEASED);
	if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
	let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
	if (end < 0) end = lines.length;
	const notes = lines
		.slice(start + 1, end)
		.join('\n')
		.trim();
	const existing = lines.findIndex((line) => line === `## ${version}` || line.startsWith(`## ${version} `));
	if (existing >= 0) {
		if (notes) throw new Error(`CHANGELOG.md has notes under Unreleased and a section for ${version} already`);
		if (lines[existing] !== `## ${version}`) throw new Error(`CHANGELOG.md: ${version} is already released`);
		lines[existing] = `## ${version} (${date})`;
		return lines.join('\n');
	}
	if (!notes) throw new Error('CHANGELOG.md: nothing under Unreleased; write what changed first');
	return [...lines.slice(0, start + 1), '', `## ${version} (${date})`, '', notes, '', ...lines.slice(end)].join('\n');
}
