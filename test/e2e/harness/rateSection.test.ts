import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { measuringRates, RATE_LOCK_ENV } from './rateSection';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let folder = '';
beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'inevent-rate-lock-'));
	process.env[RATE_LOCK_ENV] = folder;
});
afterEach(() => {
	delete process.env[RATE_LOCK_ENV];
	rmSync(folder, { recursive: true, force: true });
});

/** A section that notes when it ran. */
function section(name: string, log: string[], ms: number): () => Promise<string> {
	return async () => {
		log.push(`${name} in`);
		await sleep(ms);
		log.push(`${name} out`);
		return name;
	};
}

describe('measuringRates: rate sections take turns', () => {
	it('two sections asked for at once run one after the other, each with its own result', async () => {
		const log: string[] = [];
		const results = await Promise.all([
			measuringRates('first', section('first', log, 300)),
			measuringRates('second', section('second', log, 10)),
		]);
		expect(results).toEqual(['first', 'second']);
		expect(log).toEqual(['first in', 'first out', 'second in', 'second out']);
	});

	it('a section that throws lets the next one run', async () => {
		const log: string[] = [];
		const failing = measuringRates('failing', async () => {
			await sleep(50);
			throw new Error('the burst lost callers');
		});
		const next = measuringRates('next', section('next', log, 10));
		await expect(failing).rejects.toThrow('the burst lost callers');
		await expect(next).resolves.toBe('next');
	});

	it('a lock left by a job that died in its section (killed at its limit) is taken over', async () => {
		mkdirSync(join(folder, 'held'));
		// A pid no process has (above Linux's pid_max).
		writeFileSync(join(folder, 'held', 'pid'), '99999999\nthe killed job');
		await expect(measuringRates('after the killed one', async () => 'ran')).resolves.toBe('ran');
	});

	it('a lock held by a live process is waited for', async () => {
		mkdirSync(join(folder, 'held'));
		writeFileSync(join(folder, 'held', 'pid'), `${process.pid}\nanother job`);
		let ran = false;
		const waiting = measuringRates('waiting', async () => {
			ran = true;
		});
		await sleep(500);
		expect(ran).toBe(false);
		rmSync(join(folder, 'held'), { recursive: true, force: true });
		await waiting;
		expect(ran).toBe(true);
	});

	it('without E2E_RATE_LOCK (jest run directly on one file) a section just runs', async () => {
		delete process.env[RATE_LOCK_ENV];
		const log: string[] = [];
		await Promise.all([measuringRates('a', section('a', log, 100)), measuringRates('b', section('b', log, 10))]);
		expect(log).toEqual(['a in', 'b in', 'b out', 'a out']);
	});
});
