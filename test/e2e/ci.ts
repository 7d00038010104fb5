/**
 * The end-to-end suite as CI runs it (`.ci/run`, `npm run test:e2e:ci`): every file of the pinned suite
 * (test/e2e/jest.config.js) and each smoke leg's subset (test/e2e/versions/jest.config.js), as jobs of one jest
 * process each, two jobs at a time on the machine's two cores.
 *
 * A job that measures a rate or a pace against InEvent's limits (RATE_FILES, RATE_CASES) runs once every n8n install
 * is done, one such job at a time, beside at most one job that measures none (`--rate-alone`: beside none). The
 * others run two at once once the installs are done, one at a time before (the installs keep a core), each as soon
 * as the n8n it needs is installed. A file that holds both kinds of case is run as two jobs (jest's
 * testNamePattern: a describe block whose tests are all filtered out runs none of its hooks).
 *
 *   tsx test/e2e/ci.ts [--installs DIR] [--rate-alone] [--only pinned|2.8|1] [--plan]
 *
 * `--installs DIR`: the n8n installs are still running (.ci/run starts them in the background): each one writes
 * `DIR/<key>.done` when it is installed (`pinned` for the pin) and its key into `DIR/failed` when it failed; a job
 * starts once the install it needs is done. Without it, every install must already be there.
 * `E2E_PACKED_TARBALL`, when set to a tarball, is what every job installs; else this packs once for all of them.
 * Each job's output is printed whole when it ends; a table of every job's start and duration comes last.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { assertInstalled, n8nInstall } from '../../tools/n8n/n8nVersions';
import { buildAndPack, RUN_PACK_ENV } from '../../tools/n8n/pack';

const { SMOKE, namePattern } = require('./versions/smoke.js') as {
	SMOKE: Record<string, string[]>;
	namePattern: (names: string[]) => string;
};

const REPO_ROOT = resolve(__dirname, '../..');
const E2E = __dirname;
const JEST = join(REPO_ROOT, 'node_modules', '.bin', 'jest');
const PIN_CONFIG = join(E2E, 'jest.config.js');
const LEGS_CONFIG = join(E2E, 'versions', 'jest.config.js');
const LEGS = ['2.8', '1'];
/** A job that runs longer than this is stopped and counted as failed. */
const JOB_LIMIT_MS = 25 * 60_000;

/**
 * Files every case of which measures a rate, or paces many calls at InEvent's limits with "no 429" to show for it:
 * webhook bursts (burst, instantTrigger's 300 deliveries answered within the sandbox's timeout), queue mode (per
 * worker paces, jobs shared out between workers: queueMode, installs), 30 MCP tool calls at once (ai).
 */
const RATE_FILES = [
	'burst.e2e.test.ts',
	'queueMode.e2e.test.ts',
	'installs.e2e.test.ts',
	'instantTrigger.e2e.test.ts',
	'ai.e2e.test.ts',
];
/** Files with cases of both kinds: the test names (the end of jest's full name) that measure a rate. */
const RATE_CASES: Record<string, string[]> = {
	// The 300-webhook burst; the other four cases are single `n8n execute` runs.
	'callAction.e2e.test.ts': [
		'300 webhook executions at once, half Call an Action and half Attendee › Create on one credential: all 200, one sign-in, no 429, each person once',
	],
	// The 2,000-contact sync bounds its 429s; the queue-mode case logs them without judging them.
	'sync.e2e.test.ts': [
		'registers the 40 new, stores the 40 changes as sent, leaves the rest alone, items in input order, 0 failed',
		'the same list again writes nothing: no bind, operate or respond, every item created: false',
	],
};
/**
 * The order jobs that measure no rate start in: first those that mostly wait (for polls, for InEvent's pace), which
 * leave the cores to the installs, then the longest. Files not listed come last.
 */
const OTHERS_FIRST = [
	'triggerDurable.e2e.test.ts',
	'sync.e2e.test.ts',
	'trigger.e2e.test.ts',
	'workflows.e2e.test.ts',
	'callAction.e2e.test.ts',
	'editor.e2e.test.ts',
	'examples.e2e.test.ts',
	'errorOutput.e2e.test.ts',
	'installer.e2e.test.ts',
];
/** The order rate jobs run in, each install's in turn (the pin first). */
const RATE_ORDER = [
	'sync.e2e.test.ts',
	'burst.e2e.test.ts',
	'queueMode.e2e.test.ts',
	'installs.e2e.test.ts',
	'instantTrigger.e2e.test.ts',
	'callAction.e2e.test.ts',
	'ai.e2e.test.ts',
];

interface Job {
	/** '' for the pin, else the leg's E2E_N8N. */
	install: string;
	file: string;
	rate: boolean;
	/** jest's testNamePattern for this job, when it runs part of the file (or part of a leg's subset). */
	names?: string;
	label: string;
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

for (const [file, names] of Object.entries(RATE_CASES)) {
	const source = readFileSync(join(E2E, file), 'utf8');
	for (const name of names)
		if (!source.includes(`'${name}'`)) throw new Error(`${file} has no test named '${name}' (test/e2e/ci.ts)`);
}

/** Every job: the pin's files, then each leg's smoke subset. */
export function plan(installs: string[] = ['', ...LEGS]): Job[] {
	const jobs: Job[] = [];
	const add = (install: string, file: string, rate: boolean, names?: string, part?: string): void => {
		const base = file.replace('.e2e.test.ts', '');
		jobs.push({ install, file, rate, names, label: `${installLabel(install)} ${base}${part ? ` (${part})` : ''}` });
	};
	for (const install of installs) {
		const files =
			install === ''
				? readdirSync(E2E)
						.filter((file) => file.endsWith('.e2e.test.ts'))
						.sort()
				: Object.keys(SMOKE);
		for (const file of files) {
			const rateNames = RATE_CASES[file];
			if (RATE_FILES.includes(file)) add(install, file, true);
			else if (rateNames === undefined) add(install, file, false);
			else if (install === '') {
				add(install, file, true, namePattern(rateNames), 'rate');
				add(install, file, false, `^(?!.*${namePattern(rateNames)})`, 'rest');
			} else {
				const rate = SMOKE[file].filter((name) => rateNames.includes(name));
				const rest = SMOKE[file].filter((name) => !rateNames.includes(name));
				if (rate.length > 0) add(install, file, true, namePattern(rate), rest.length > 0 ? 'rate' : undefined);
				if (rest.length > 0) add(install, file, false, namePattern(rest), rate.length > 0 ? 'rest' : undefined);
			}
		}
	}
	const rank = (list: string[], file: string): number => (list.includes(file) ? list.indexOf(file) : list.length);
	const installRank = (job: Job): number => installs.indexOf(job.install);
	return jobs.sort((a, b) =>
		a.rate !== b.rate
			? Number(a.rate) - Number(b.rate)
			: a.rate
				? installRank(a) - installRank(b) || rank(RATE_ORDER, a.file) - rank(RATE_ORDER, b.file)
				: rank(OTHERS_FIRST, a.file) - rank(OTHERS_FIRST, b.file) || installRank(a) - installRank(b),
	);
}

function parseArgs(argv: string[]) {
	const value = (flag: string): string | undefined => {
		const index = argv.indexOf(flag);
		return index < 0 ? undefined : argv[index + 1];
	};
	const only = value('--only');
	const installs = only === undefined ? ['', ...LEGS] : [only === 'pinned' ? '' : only];
	return { installsDir: value('--installs'), rateAlone: argv.includes('--rate-alone'), installs, planOnly: argv.includes('--plan') };
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function main(): Promise<number> {
	const { installsDir, rateAlone, installs, planOnly } = parseArgs(process.argv.slice(2));
	const jobs = plan(installs);
	if (planOnly) {
		for (const job of jobs) console.log(`${job.rate ? 'rate ' : 'other'}  ${job.label}${job.names ? `  -t ${job.names.slice(0, 80)}…` : ''}`);
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
	const started = Date.now();
	const seconds = (): number => Math.round((Date.now() - started) / 1000);
	console.log(
		`== e2e: ${jobs.length} jobs (${jobs.filter((job) => job.rate).length} measure rates: one at a time, after the installs, beside ${rateAlone ? 'no other job' : 'at most one job that measures none'}); logs in ${logs}`,
	);

	const pending = [...jobs];
	const running = new Map<Job, Promise<Outcome>>();
	/** The running jest processes' groups (each job's jest and its workers). */
	const groups = new Set<number>();
	const outcomes: Outcome[] = [];

	const start = (job: Job): void => {
		const log = join(logs, `${job.label.replace(/\W+/g, '-')}.log`);
		const fd = openSync(log, 'w');
		const args = ['-c', job.install === '' ? PIN_CONFIG : LEGS_CONFIG, '--runTestsByPath', join(E2E, job.file)];
		if (job.names !== undefined) args.push('--testNamePattern', job.names);
		const startedS = seconds();
		const child = spawn(JEST, args, {
			cwd: REPO_ROOT,
			env: { ...process.env, E2E_N8N: job.install, [RUN_PACK_ENV]: tarball },
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		closeSync(fd);
		if (child.pid !== undefined) groups.add(child.pid);
		console.log(`== [${startedS} s] start ${job.rate ? 'rate job ' : ''}${job.label}`);
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
					const outcome = { job, pid: child.pid ?? 0, startedS, tookS: seconds() - startedS, ok: code === 0, summary: tests };
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
		if (busy.length >= 2) return undefined;
		const rateRunning = busy.some((job) => job.rate);
		const allInstalled = installs.every(isInstalled);
		const rate = allInstalled && !rateRunning ? pending.find((job) => job.rate) : undefined;
		if (rate !== undefined) {
			if (!rateAlone || busy.length === 0) return rate;
			return undefined; // alone: it waits for the running job to end, and nothing else starts meanwhile
		}
		if (rateAlone && rateRunning) return undefined;
		if (busy.length >= (allInstalled ? 2 : 1)) return undefined;
		return pending.find((job) => !job.rate && isInstalled(job.install));
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
			`${String(outcome.startedS).padStart(6)} ${String(outcome.tookS).padStart(5)}  ${outcome.ok ? 'ok    ' : 'FAILED'} ${outcome.job.rate ? 'rate ' : '     '} ${outcome.job.label}  ${outcome.summary.replace(/^Tests:\s*/, '')}`,
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
