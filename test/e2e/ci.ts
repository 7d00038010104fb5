/**
 * The end-to-end suite as CI runs it (`.ci/run`, `npm run test:e2e:ci`): every file of the pinned suite
 * (test/e2e/jest.config.js) and each smoke leg's subset (test/e2e/versions/jest.config.js), as jobs of one jest
 * process per file and n8n, two jobs at a time on the machine's two cores.
 *
 * A test's part that measures a rate or paces many calls at InEvent's limits runs inside `measuringRates`
 * (harness/rateSection.ts): such sections of the two running jobs take turns (E2E_RATE_LOCK), so none runs beside
 * another, and a file that has one starts only once every n8n install is done, so none runs beside an install.
 * Any other job starts as soon as the n8n it needs is installed: while installs still run, one at a time (they keep a
 * core) and beside it one that mostly waits for polls; two at a time after. Longest first (their usual durations
 * below), those that mostly wait first of all.
 *
 *   tsx test/e2e/ci.ts [--installs DIR] [--lanes N] [--rate-alone] [--only pinned|2.8|1] [--plan]
 *
 * `--installs DIR`: the n8n installs are still running (.ci/run starts them in the background): each one writes
 * `DIR/<key>.done` when it is installed (`pinned` for the pin) and its key into `DIR/failed` when it failed; a job
 * starts once the install it needs is done. Without it, every install must already be there. `--lanes 1` runs one
 * job at a time; `--rate-alone` runs each job that has a rate section with no other job beside it (whole files alone:
 * about 950 s of the e2e's 1,530 s of jobs then run one at a time). `E2E_PACKED_TARBALL`, when set to a tarball, is what every job installs; else this packs once.
 * Each job's output is printed whole when it ends; a table of every job's start and duration comes last.
 */
import { spawn } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

import { assertInstalled, n8nInstall } from '../../tools/n8n/n8nVersions';
import { buildAndPack, RUN_PACK_ENV } from '../../tools/n8n/pack';
import { RATE_LOCK_ENV } from './harness/rateSection';

const { SMOKE } = require('./versions/smoke.js') as { SMOKE: Record<string, string[]> };

const REPO_ROOT = resolve(__dirname, '../..');
const E2E = __dirname;
const JEST = join(REPO_ROOT, 'node_modules', '.bin', 'jest');
const PIN_CONFIG = join(E2E, 'jest.config.js');
const LEGS_CONFIG = join(E2E, 'versions', 'jest.config.js');
const LEGS = ['2.8', '1'];
/** A job that runs longer than this is stopped and counted as failed. */
const JOB_LIMIT_MS = 25 * 60_000;

/**
 * Each file's usual duration alone, in s (CI at b09912e; polling triggers and split files since): the order jobs start in. Files
 * that mostly wait (for polls, for InEvent's pace) go first, so that they leave the cores to the installs.
 */
const USUAL_S: Record<string, { pinned: number; leg?: number; waits?: true }> = {
	'triggerDurable.e2e.test.ts': { pinned: 170, waits: true },
	'trigger.e2e.test.ts': { pinned: 30, leg: 25 },
	'syncQueue.e2e.test.ts': { pinned: 140 },
	'sync.e2e.test.ts': { pinned: 45 },
	'burst.e2e.test.ts': { pinned: 101 },
	'queueMode.e2e.test.ts': { pinned: 92 },
	'callAction.e2e.test.ts': { pinned: 45, leg: 32 },
	'callActionBurst.e2e.test.ts': { pinned: 55, leg: 45 },
	'installs.e2e.test.ts': { pinned: 85 },
	'instantTrigger.e2e.test.ts': { pinned: 75, leg: 33 },
	'workflows.e2e.test.ts': { pinned: 69, leg: 29 },
	'editor.e2e.test.ts': { pinned: 52 },
	'ai.e2e.test.ts': { pinned: 43, leg: 35 },
	'examples.e2e.test.ts': { pinned: 39, leg: 14 },
	'errorOutput.e2e.test.ts': { pinned: 29, leg: 25 },
	'installer.e2e.test.ts': { pinned: 24 },
};

interface Job {
	/** '' for the pin, else the leg's E2E_N8N. */
	install: string;
	file: string;
	/** It has a rate section: it starts once every install is done. */
	measuresRates: boolean;
	/** It mostly waits (for polls): it may run beside installs and one other job. */
	waits: boolean;
	label: string;
	/** Its place in the start order. */
	rank: number;
}

interface Outcome {
	job: Job;
	pid: number;
	startedS: number;
	tookS: number;
	ok: boolean;
	summary: string;
}

const installLabel = (install: string): string => (install === '' ? 'pinned' : install);

/** Every job: the pin's files and each leg's smoke subset, in the order they start. */
export function plan(installs: string[] = ['', ...LEGS]): Job[] {
	const jobs: Job[] = [];
	for (const install of installs) {
		const files =
			install === '' ? readdirSync(E2E).filter((file) => file.endsWith('.e2e.test.ts')) : Object.keys(SMOKE);
		for (const file of files) {
			const usual = USUAL_S[file] ?? { pinned: 60 };
			const seconds = install === '' ? usual.pinned : (usual.leg ?? usual.pinned);
			jobs.push({
				install,
				file,
				measuresRates: readFileSync(join(E2E, file), 'utf8').includes('measuringRates('),
				waits: usual.waits === true,
				label: `${installLabel(install)} ${file.replace('.e2e.test.ts', '')}`,
				rank: usual.waits ? -seconds : seconds,
			});
		}
	}
	// Those that wait first (the longest of them first), then the longest.
	return jobs.sort((a, b) => (a.rank < 0 !== b.rank < 0 ? a.rank - b.rank : Math.abs(b.rank) - Math.abs(a.rank)));
}

function parseArgs(argv: string[]) {
	const value = (flag: string): string | undefined => {
		const index = argv.indexOf(flag);
		return index < 0 ? undefined : argv[index + 1];
	};
	const only = value('--only');
	return {
		installsDir: value('--installs'),
		lanes: Number(value('--lanes') ?? 2),
		installs: only === undefined ? ['', ...LEGS] : [only === 'pinned' ? '' : only],
		planOnly: argv.includes('--plan'),
		rateAlone: argv.includes('--rate-alone'),
	};
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function main(): Promise<number> {
	const { installsDir, lanes, installs, planOnly, rateAlone } = parseArgs(process.argv.slice(2));
	const jobs = plan(installs);
	if (planOnly) {
		for (const job of jobs) console.log(`${job.measuresRates ? 'after installs' : '              '}  ${job.label}`);
		return 0;
	}
	const installed = new Set<string>();
	const isInstalled = (install: string): boolean => {
		if (installed.has(install)) return true;
		if (installsDir === undefined || existsSync(join(installsDir, `${installLabel(install)}.done`))) {
			assertInstalled(n8nInstall(install));
			installed.add(install);
			return true;
		}
		return false;
	};
	const failedInstalls = (): string[] => {
		const file = installsDir === undefined ? undefined : join(installsDir, 'failed');
		return file !== undefined && existsSync(file) ? readFileSync(file, 'utf8').split(/\s+/).filter(Boolean) : [];
	};
	if (installsDir === undefined) for (const install of installs) isInstalled(install);

	const runFolder = join(E2E, '.artifacts');
	mkdirSync(runFolder, { recursive: true });
	let tarball = process.env[RUN_PACK_ENV];
	if (tarball === undefined || !existsSync(tarball)) {
		tarball = await buildAndPack(mkdtempSync(join(runFolder, 'pack-')));
		console.log(`== packed ${tarball}`);
	}
	const logs = mkdtempSync(join(runFolder, 'ci-'));
	const rateLock = join(logs, 'rate-lock');
	const started = Date.now();
	const seconds = (): number => Math.round((Date.now() - started) / 1000);
	console.log(
		`== e2e: ${jobs.length} jobs, ${lanes} at a time (${jobs.filter((job) => job.measuresRates).length} with rate sections: they start once every install is done, ${rateAlone ? 'each alone' : 'their sections one at a time'}); logs in ${logs}`,
	);

	const pending = [...jobs];
	const running = new Map<Job, Promise<Outcome>>();
	/** The running jest processes' groups (each job's jest and its workers). */
	const groups = new Set<number>();
	const outcomes: Outcome[] = [];

	const start = (job: Job): void => {
		const log = join(logs, `${job.label.replace(/\W+/g, '-')}.log`);
		const fd = openSync(log, 'w');
		const config = job.install === '' ? PIN_CONFIG : LEGS_CONFIG;
		const startedS = seconds();
		const child = spawn(JEST, ['-c', config, '--runTestsByPath', join(E2E, job.file)], {
			cwd: REPO_ROOT,
			env: { ...process.env, E2E_N8N: job.install, [RUN_PACK_ENV]: tarball, [RATE_LOCK_ENV]: rateLock },
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		closeSync(fd);
		if (child.pid !== undefined) groups.add(child.pid);
		console.log(`== [${startedS} s] start ${job.label}`);
		const limit = setTimeout(() => {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		}, JOB_LIMIT_MS);
		running.set(
			job,
			new Promise<Outcome>((done) => {
				child.on('close', (code, signal) => {
					clearTimeout(limit);
					const output = readFileSync(log, 'utf8');
					const tests = output.match(/^Tests:.*$/m)?.[0] ?? `no jest summary (exit ${code ?? signal})`;
					const outcome: Outcome = {
						job,
						pid: child.pid ?? 0,
						startedS,
						tookS: seconds() - startedS,
						ok: code === 0,
						summary: tests.replace(/^Tests:\s*/, ''),
					};
					console.log(`\n==== ${job.label}: ${outcome.ok ? 'passed' : 'FAILED'} in ${outcome.tookS} s (${tests})`);
					process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
					console.log(`==== end of ${job.label}\n`);
					done(outcome);
				});
			}),
		);
	};
	process.on('SIGTERM', () => {
		for (const pid of groups) {
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		process.exit(143);
	});

	/** The next job to start now, if any. */
	const pick = (): Job | undefined => {
		const busy = [...running.keys()];
		if (busy.length >= lanes) return undefined;
		if (installs.every(isInstalled)) {
			if (!rateAlone) return pending[0];
			// Alone: the others first, two at a time; then each job with rate sections once nothing else runs.
			if (busy.some((job) => job.measuresRates)) return undefined;
			return pending.find((job) => !job.measuresRates) ?? (busy.length === 0 ? pending[0] : undefined);
		}
		// While installs run: one job that works the CPU, and beside it one that mostly waits.
		const working = busy.filter((job) => !job.waits).length;
		const waiting = busy.length - working;
		return pending.find(
			(job) => !job.measuresRates && isInstalled(job.install) && (job.waits ? waiting === 0 : working === 0),
		);
	};

	let abort: string | undefined;
	while (pending.length > 0 || running.size > 0) {
		const failed = failedInstalls();
		if (failed.length > 0 && abort === undefined) {
			abort = `installing n8n ${failed.join(', ')} failed`;
			pending.length = 0;
		}
		for (let next = pick(); next !== undefined; next = pick()) {
			pending.splice(pending.indexOf(next), 1);
			start(next);
		}
		const finished = await Promise.race([...running.values(), sleep(2000).then(() => undefined)]);
		if (finished) {
			running.delete(finished.job);
			groups.delete(finished.pid);
			outcomes.push(finished);
		}
	}

	console.log(`== e2e jobs (${seconds()} s in all; start and duration in s):`);
	for (const outcome of [...outcomes].sort((a, b) => a.startedS - b.startedS))
		console.log(
			`${String(outcome.startedS).padStart(6)} ${String(outcome.tookS).padStart(5)}  ${outcome.ok ? 'ok    ' : 'FAILED'}  ${outcome.job.label}  (${outcome.summary})`,
		);
	writeFileSync(join(logs, 'timings.json'), `${JSON.stringify(outcomes, null, '\t')}\n`);
	if (abort !== undefined) {
		console.log(`== ${abort}`);
		return 3;
	}
	const failed = outcomes.filter((outcome) => !outcome.ok);
	if (failed.length > 0) {
		console.log(`== ${failed.length} e2e job(s) failed: ${failed.map((outcome) => outcome.job.label).join(', ')}`);
		return 1;
	}
	return 0;
}

if (require.main === module)
	main().then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
