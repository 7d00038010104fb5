/**
 * The part of a test that measures a rate, or paces many calls at InEvent's limits with "no 429" to show for it (a
 * webhook burst, a paced sync, 30 MCP tool calls at once). The CI runner (test/e2e/ci.ts) runs two jest jobs at a
 * time and sets E2E_RATE_LOCK to a folder: such sections of jobs running at the same time then take turns (a lock
 * folder inside it), so that no two run at once, and the runner starts a job that has one only once every n8n
 * install is done. A section runs beside at most one other job's ordinary work (n8n start-ups, single runs). Without
 * E2E_RATE_LOCK (jest run directly, one file at a time) a section just runs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { tryLockFolder } from '../../../tools/n8n/lockFolder';

export const RATE_LOCK_ENV = 'E2E_RATE_LOCK';
/** The longest a section waits for another job's: one burst at most (the longest measured: about 70 s). */
const WAIT_LIMIT_MS = 10 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(folder: string, what: string): Promise<() => void> {
	const started = Date.now();
	let holder = '';
	for (;;) {
		const attempt = tryLockFolder(join(folder, 'held'), what);
		if ('release' in attempt) {
			const waited = Date.now() - started;
			if (waited > 1000) console.log(`[rate] ${what}: waited ${(waited / 1000).toFixed(1)} s for ${holder}`);
			return attempt.release;
		}
		holder = attempt.holder;
		if (Date.now() - started > WAIT_LIMIT_MS)
			throw new Error(`${what}: another job's rate section (${holder}) still ran after ${WAIT_LIMIT_MS / 60_000} min`);
		await sleep(200);
	}
}

/** Runs `section` when no other job's rate section runs (see above). */
export async function measuringRates<T>(what: string, section: () => Promise<T>): Promise<T> {
	const folder = process.env[RATE_LOCK_ENV];
	if (!folder) return await section();
	mkdirSync(folder, { recursive: true });
	const release = await acquire(folder, what);
	try {
		return await section();
	} finally {
		release();
	}
}

/** Added to the timeout of a test with a section: the longest another job's section makes it wait. */
export const RATE_WAIT_ALLOWANCE_MS = 120_000;
