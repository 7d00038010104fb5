import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { cutRelease, nextVersion } from '../../../scripts/release/changelog';

const HEAD = '# Changelog\n\nIntro.\n';

describe('nextVersion', () => {
	it('bumps patch, minor and major', () => {
		expect(nextVersion('0.1.3', 'patch')).toBe('0.1.4');
		expect(nextVersion('0.1.3', 'minor')).toBe('0.2.0');
		expect(nextVersion('0.1.3', 'major')).toBe('1.0.0');
	});

	it('takes an explicit version not below the current one, the current one included', () => {
		expect(nextVersion('0.1.0', '0.1.0')).toBe('0.1.0');
		expect(nextVersion('0.1.0', '0.10.0')).toBe('0.10.0');
		expect(() => nextVersion('0.2.0', '0.1.9')).toThrow('0.1.9 is below the current version 0.2.0');
	});

	it('refuses what is not a version', () => {
		expect(() => nextVersion('0.1.0', 'next')).toThrow('"next" is neither patch, minor, major nor a version x.y.z');
		expect(() => nextVersion('0.1.0-beta', 'patch')).toThrow('package.json version 0.1.0-beta is not x.y.z');
	});
});

describe('cutRelease', () => {
	it('moves the Unreleased notes under the new version, leaving an empty Unreleased above', () => {
		const before = `${HEAD}\n## Unreleased\n\n- Fixed a thing.\n\n## 0.1.0 (2026-12-01)\n\n- First.\n`;
		expect(cutRelease(before, '0.1.1', '2026-12-24')).toBe(
			`${HEAD}\n## Unreleased\n\n## 0.1.1 (2026-12-24)\n\n- Fixed a thing.\n\n## 0.1.0 (2026-12-01)\n\n- First.\n`,
		);
	});

	it('dates a version section written ahead when nothing waits under Unreleased', () => {
		const before = `${HEAD}\n## Unreleased\n\n## 0.1.0\n\n- First.\n`;
		expect(cutRelease(before, '0.1.0', '2026-12-03')).toBe(
			`${HEAD}\n## Unreleased\n\n## 0.1.0 (2026-12-03)\n\n- First.\n`,
		);
	});

	it('refuses an empty release, a dated version and notes in two places', () => {
		expect(() => cutRelease(`${HEAD}\n## Unreleased\n\n## 0.1.0 (2026-12-01)\n`, '0.1.1', 'd')).toThrow(
			'nothing under Unreleased',
		);
		expect(() => cutRelease(`${HEAD}\n## Unreleased\n\n## 0.1.0 (2026-12-01)\n`, '0.1.0', 'd')).toThrow(
			'0.1.0 is already released',
		);
		expect(() => cutRelease(`${HEAD}\n## Unreleased\n\n- New.\n\n## 0.2.0\n`, '0.2.0', 'd')).toThrow(
			'notes under Unreleased and a section for 0.2.0',
		);
		expect(() => cutRelease(HEAD, '0.1.0', 'd')).toThrow('no "## Unreleased" section');
	});

	it('accepts the project changelog as it stands for the first release', () => {
		const changelog = readFileSync(join(__dirname, '../../../CHANGELOG.md'), 'utf8');
		expect(cutRelease(changelog, '0.1.0', '2026-12-03')).toContain('\n## 0.1.0 (2026-12-03)\n');
	});
});
