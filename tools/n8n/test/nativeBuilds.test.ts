import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isNodeApiModule, withSharedBuild } from '../nativeBuilds';

describe('native builds shared between the n8n installs', () => {
	let work: string;
	beforeEach(() => {
		work = mkdtempSync(join(tmpdir(), 'native-builds-'));
	});
	afterEach(() => rmSync(work, { recursive: true, force: true }));

	/** A module folder as npm leaves it before its build. */
	function moduleIn(install: string, manifest: object): string {
		const folder = join(work, install, 'node_modules', 'sqlite3');
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest));
		return folder;
	}
	const build = (folder: string, content: string) => () => {
		mkdirSync(join(folder, 'build', 'Release', 'obj'), { recursive: true });
		writeFileSync(join(folder, 'build', 'Release', 'node_sqlite3.node'), content);
	};
	const quiet = { log: () => undefined };

	it('tells a Node-API module (binary.napi_versions) from one built against a Node.js', () => {
		expect(isNodeApiModule(moduleIn('a', { version: '5.1.7', binary: { napi_versions: [3, 6] } }))).toBe(true);
		expect(isNodeApiModule(moduleIn('b', { version: '7.0.2' }))).toBe(false);
	});

	it('builds once per version; the next install gets a copy of the .node files, and another version builds', () => {
		const buildsFolder = join(work, 'builds');
		const manifest = { version: '5.1.7', binary: { napi_versions: [3, 6] } };
		const first = moduleIn('pin', manifest);
		expect(withSharedBuild('sqlite3', first, build(first, 'built once'), { buildsFolder, ...quiet })).toBe('built');

		const second = moduleIn('leg', manifest);
		const notAgain = jest.fn();
		expect(withSharedBuild('sqlite3', second, notAgain, { buildsFolder, ...quiet })).toBe('copied');
		expect(notAgain).not.toHaveBeenCalled();
		expect(readFileSync(join(second, 'build', 'Release', 'node_sqlite3.node'), 'utf8')).toBe('built once');
		expect(existsSync(join(buildsFolder, 'sqlite3@5.1.7', 'obj'))).toBe(false);
		expect(existsSync(join(buildsFolder, 'sqlite3@5.1.7.lock'))).toBe(false);

		const other = moduleIn('old', { ...manifest, version: '5.1.6' });
		expect(withSharedBuild('sqlite3', other, build(other, 'older'), { buildsFolder, ...quiet })).toBe('built');
	});

	it('a build that fails shares nothing and frees the lock', () => {
		const buildsFolder = join(work, 'builds');
		const folder = moduleIn('pin', { version: '5.1.7', binary: { napi_versions: [6] } });
		const failing = () => {
			throw new Error('node-gyp failed');
		};
		expect(() => withSharedBuild('sqlite3', folder, failing, { buildsFolder, ...quiet })).toThrow('node-gyp failed');
		expect(existsSync(join(buildsFolder, 'sqlite3@5.1.7'))).toBe(false);
		expect(existsSync(join(buildsFolder, 'sqlite3@5.1.7.lock'))).toBe(false);
		expect(() => withSharedBuild('sqlite3', folder, () => undefined, { buildsFolder, ...quiet })).toThrow(
			/left no \.node file/,
		);
	});

	it('takes over the lock of an install that died holding it', () => {
		const buildsFolder = join(work, 'builds');
		mkdirSync(join(buildsFolder, 'sqlite3@5.1.7.lock'), { recursive: true });
		// A pid no process has (the kernel's limit is far below).
		writeFileSync(join(buildsFolder, 'sqlite3@5.1.7.lock', 'pid'), '2147483646');
		const folder = moduleIn('pin', { version: '5.1.7', binary: { napi_versions: [6] } });
		expect(withSharedBuild('sqlite3', folder, build(folder, 'x'), { buildsFolder, ...quiet })).toBe('built');
	});
});
