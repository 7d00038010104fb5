/**
 * A lock between processes on one machine: a folder made with mkdir (which fails when it exists), with
 * the holder's pid and what it does written inside. A lock whose holder died (killed at a time limit)
 * is taken over. Shared by the native builds of concurrent n8n installs (nativeBuilds.ts) and the e2e
 * suite's rate sections (test/e2e/harness/rateSection.ts); each waits in its own way.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Taken (`release` frees it), or held by a live process (`holder`: what it said it does). */
export type LockAttempt = { release: () => void } | { holder: string };

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One try at the lock: never waits. */
export function tryLockFolder(folder: string, what: string): LockAttempt {
	for (;;) {
		try {
			mkdirSync(folder);
			writeFileSync(join(folder, 'pid'), `${process.pid}\n${what}`);
			return { release: () => rmSync(folder, { recursive: true, force: true }) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		let pid = Number.NaN;
		let holder = '';
		try {
			const [first, ...rest] = readFileSync(join(folder, 'pid'), 'utf8').split('\n');
			pid = Number(first);
			holder = rest.join('\n');
		} catch {
			// just made, its holder not written yet
		}
		if (!Number.isInteger(pid) || alive(pid)) return { holder };
		rmSync(folder, { recursive: true, force: true });
	}
}
