/**
 * n8n in queue mode (its scaling mode) for the e2e suite: a private Redis and a private PostgreSQL
 * on free loopback ports, one `n8n start` main (receives webhooks, enqueues) and N `n8n worker`
 * processes (run the executions), all sharing one user folder with our packed package installed
 * (or each worker its own folder and environment: `addWorker(timeout, setup)`).
 * Everything started here is stopped by `stop()`, also when the start-up fails half way.
 */
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import { N8nHome, PACKAGE_NAME } from '../../../tools/n8n/n8n';
import { freePort } from '../../../tools/n8n/ports';
import { runCommand, startDaemon } from '../../../tools/n8n/processes';
import { waitForWebhook } from '../../../tools/n8n/webhookBurst';

export interface QueueModeOptions {
	/** How many `n8n worker` processes. */
	workers: number;
	/** `--concurrency` of each worker (default 100). */
	concurrency?: number;
	/** Keep the log folder (path printed) instead of removing it with everything else; kept anyway when `start()` fails. */
	keepLogs?: boolean;
	/** More environment for the main and the CLI commands run with `home` (imports, publish). */
	mainEnv?: NodeJS.ProcessEnv;
}

/** How one worker differs from the others (`addWorker`). */
export interface WorkerSetup {
	/** Its own user folder (a container's HOME, with its own `.n8n/nodes`); default: the main's, shared. */
	userFolder?: string;
	/** More environment, on top of the queue's. */
	env?: NodeJS.ProcessEnv;
}

/** How long each start-up step took, in ms. */
export interface QueueModeTimings {
	redis: number;
	postgres: number;
	/** From spawning `n8n start` to its published webhooks answering. */
	main?: number;
	/** Per worker, from spawning to its health check answering "ready". */
	workers: number[];
}

interface Daemon {
	name: string;
	child: ChildProcess;
	logFile: string;
}

const DATABASE = 'n8n';
const DB_USER = 'n8n';
const STARTED_EXECUTION = /Worker started execution (\S+)/g;

/**
 * The settings that make n8n processes one queue-mode deployment: what every process (main, workers,
 * CLI) gets here, with these ports, and what examples/docker/docker-compose.yml gives its services.
 */
export function queueModeEnv(redisPort: number, postgresPort: number): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: DATABASE,
		DB_POSTGRESDB_USER: DB_USER,
		DB_POSTGRESDB_PASSWORD: DB_USER,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
}

/**
 * What the test deployments add: a short graceful shutdown, and a PostgreSQL pool for a worker that runs 100
 * executions at once. n8n's defaults (2 connections, 20 s to get one) failed executions of a 200-call burst with
 * pg-pool's "timeout exceeded when trying to connect" (n8n's, before our node ran) on 2 cores loaded by another
 * queue-mode test: 10 connections a process (PostgreSQL allows 100) and a minute to get one.
 */
const QUEUE_TEST_ENV: NodeJS.ProcessEnv = {
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	DB_POSTGRESDB_POOL_SIZE: '10',
	DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's PostgreSQL programs (`/usr/lib/postgresql/<version>/bin`): 15 when present, else the newest. */
function postgresBin(program: string): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	const version = versions.includes('15') ? '15' : versions[0];
	if (version === undefined)
		throw new Error('PostgreSQL is not installed: apt-get install -y --no-install-recommends postgresql (see .ci/run)');
	return join(root, version, 'bin', program);
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
async function asPostgres(program: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<string> {
	const [command, commandArgs] = isRoot()
		? ['runuser', ['-u', 'postgres', '--', postgresBin(program), ...args]]
		: [postgresBin(program), args];
	const result = await runCommand(command, commandArgs, { cwd, timeoutMs });
	if (result.code !== 0)
		throw new Error(`${program} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

async function numericId(flag: '-u' | '-g', user: string): Promise<number> {
	const result = await runCommand('id', [flag, user], { timeoutMs: 10_000 });
	if (result.code !== 0) throw new Error(`id ${flag} ${user} failed: ${result.stderr}`);
	return Number(result.stdout.trim());
}

function tail(file: string, chars = 3000): string {
	try {
		return readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '(no log)';
	}
}

function exited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

/** The status of a GET, or 0 when nothing answered. */
function getStatus(url: string): Promise<number> {
	return new Promise((resolve) => {
		const req = httpRequest(url, { method: 'GET' }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.setTimeout(3000, () => req.destroy(new Error('timed out')));
		req.on('error', () => resolve(0));
		req.end();
	});
}

/** Polls `ready()` until true; fails early with the log's end when the daemon exits. */
async function waitUntil(
	daemon: Daemon,
	what: string,
	ready: () => Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await ready()) return;
		if (exited(daemon.child))
			throw new Error(
				`${daemon.name} exited (${String(daemon.child.exitCode ?? daemon.child.signalCode)}) before ${what}:\n${tail(daemon.logFile)}`,
			);
		if (Date.now() > deadline)
			throw new Error(`${daemon.name}: no ${what} within ${timeoutMs} ms:\n${tail(daemon.logFile)}`);
		await sleep(250);
	}
}

/**
 * SIGTERM to each daemon's process group, SIGKILL after `graceMs`; resolves when all have exited.
 * The group gets a SIGKILL in the end anyway, for children left behind (n8n's task runner).
 */
async function stopDaemons(daemons: Daemon[], graceMs: number): Promise<void> {
	const signal = (daemon: Daemon, name: NodeJS.Signals): void => {
		if (daemon.child.pid === undefined) return;
		try {
			process.kill(-daemon.child.pid, name);
		} catch {
			// already gone
		}
	};
	await Promise.all(
		daemons.map(async (daemon) => {
			if (!exited(daemon.child)) {
				const gone = new Promise<void>((resolve) => daemon.child.once('exit', () => resolve()));
				signal(daemon, 'SIGTERM');
				const timer = setTimeout(() => signal(daemon, 'SIGKILL'), graceMs);
				await gone;
				clearTimeout(timer);
			}
			signal(daemon, 'SIGKILL');
		}),
	);
}

export class QueueModeN8n {
	/** The main's home: CLI commands (imports, publish) run with it, against the same Postgres. */
	readonly home: N8nHome;
	readonly logDir = mkdtempSync(join(tmpdir(), 'n8n-queue-logs-'));
	readonly timings: QueueModeTimings = { redis: 0, postgres: 0, workers: [] };

	private readonly pgRoot = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	private readonly redisDir = mkdtempSync(join(tmpdir(), 'n8n-queue-redis-'));
	private redis?: Daemon;
	private postgresStarted = false;
	private postgresPort = 0;
	private main?: Daemon;
	private readonly workers: Daemon[] = [];
	private queueEnv: NodeJS.ProcessEnv = {};
	private startFailed = false;
	private workersSpawned = 0;

	private constructor(private readonly options: QueueModeOptions) {
		this.home = new N8nHome();
	}

	/**
	 * Redis, PostgreSQL (with an empty database) and the user folder with the package installed (none
	 * when `tarball` is undefined: the test brings it its own way); n8n itself starts with `start()`,
	 * after the imports.
	 */
	static async create(tarball: string | undefined, options: QueueModeOptions): Promise<QueueModeN8n> {
		const queue = new QueueModeN8n(options);
		try {
			const [redisPort, postgresPort] = await Promise.all([queue.startRedis(), queue.startPostgres()]);
			queue.postgresPort = postgresPort;
			queue.queueEnv = { ...queueModeEnv(redisPort, postgresPort), ...QUEUE_TEST_ENV };
			await queue.home.init({ ...queue.queueEnv, ...options.mainEnv });
			if (tarball !== undefined) {
				await queue.home.installPackage(tarball);
				queue.checkPackage();
			}
			return queue;
		} catch (error) {
			await queue.stop();
			throw error;
		}
	}

	/**
	 * Every node and credential file the package declares is in the tarball: another run's
	 * `npm run build` empties `dist/` first, and a pack taken meanwhile loads no InEvent node.
	 */
	private checkPackage(): void {
		const installed = join(this.home.folder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		const { n8n } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !existsSync(join(installed, file)));
		if (missing.length > 0)
			throw new Error(`the packed package lacks ${missing.join(', ')} (was dist/ rebuilt during the pack?)`);
	}

	private get redisLog(): string {
		return join(this.logDir, 'redis.log');
	}

	private async startRedis(): Promise<number> {
		const started = Date.now();
		const port = await freePort();
		const args = [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			this.redisDir,
		];
		this.redis = {
			name: 'redis-server',
			child: startDaemon('redis-server', args, { cwd: this.redisDir }, this.redisLog),
			logFile: this.redisLog,
		};
		await waitUntil(
			this.redis,
			'readiness',
			async () => tail(this.redisLog).includes('Ready to accept connections'),
			30_000,
		);
		this.timings.redis = Date.now() - started;
		return port;
	}

	private get pgData(): string {
		return join(this.pgRoot, 'data');
	}

	private async startPostgres(): Promise<number> {
		const started = Date.now();
		const port = await freePort();
		if (isRoot()) chownSync(this.pgRoot, await numericId('-u', 'postgres'), await numericId('-g', 'postgres'));
		await asPostgres(
			'initdb',
			['-D', this.pgData, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--no-sync'],
			this.pgRoot,
		);
		const serverOptions = `-p ${port} -k ${this.pgRoot} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
		const log = join(this.pgRoot, 'postgres.log');
		this.postgresStarted = true;
		await asPostgres('pg_ctl', ['-D', this.pgData, '-l', log, '-o', serverOptions, '-w', 'start'], this.pgRoot).catch(
			(error: Error) => {
				throw new Error(`${error.message}\n${tail(log)}`);
			},
		);
		await asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER, DATABASE], this.pgRoot);
		this.timings.postgres = Date.now() - started;
		return port;
	}

	/** `<main>/webhook/<path>`: the production URL of a published Webhook node. */
	webhookUrl(path: string): string {
		return `${this.home.editorUrl}webhook/${path}`;
	}

	/** Per worker, how many executions it has started so far (its "Worker started execution" log lines). */
	startedPerWorker(): number[] {
		return this.executionsPerWorker().map((ids) => ids.length);
	}

	/** Per worker, the ids of the executions it has started so far, in its log's order. */
	executionsPerWorker(): string[][] {
		return Array.from(this.workers, (_, index) =>
			[...this.workerLog(index).matchAll(STARTED_EXECUTION)].map((match) => match[1]),
		);
	}

	/** A worker's log so far ('' before it wrote any). */
	workerLog(index: number): string {
		const worker = this.workers[index];
		if (worker === undefined) return '';
		try {
			return readFileSync(worker.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** The rows of a query on n8n's PostgreSQL database, as objects (`psql`, the rows as one JSON array). */
	async queryRows<Row>(query: string): Promise<Row[]> {
		const asJson = `SELECT coalesce(json_agg(q), '[]'::json) FROM (${query}) q`;
		const out = await asPostgres(
			'psql',
			['-h', '127.0.0.1', '-p', String(this.postgresPort), '-U', DB_USER, '-d', DATABASE, '-AtX', '-c', asJson],
			this.pgRoot,
		);
		return JSON.parse(out) as Row[];
	}

	/**
	 * Publishes the workflows (n8n registers production webhooks at start only), starts the workers
	 * and the main, and waits until every worker is ready and every webhook path answers.
	 */
	async start(webhooks: Array<{ id: string; path: string }>, timeoutMs = 120_000): Promise<void> {
		const workersReady: Array<Promise<void>> = [];
		for (let index = 0; index < this.options.workers; index++)
			workersReady.push((await this.spawnWorker(timeoutMs)).ready);
		// Settle every wait before failing, so that none polls on after stop().
		const ready = Promise.allSettled([...workersReady, this.startMain(webhooks, timeoutMs)]);
		const failed = (await ready).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		if (failed) {
			this.startFailed = true;
			throw failed.reason;
		}
	}

	/**
	 * Starts one more `n8n worker` (same Redis and PostgreSQL, the main's user folder unless `setup`
	 * gives its own, its own health port) and resolves with its index once its health check says ready;
	 * its start-up time goes in `timings.workers`.
	 */
	async addWorker(timeoutMs = 120_000, setup: WorkerSetup = {}): Promise<number> {
		const spawned = this.spawnWorker(timeoutMs, setup);
		try {
			await (
				await spawned
			).ready;
		} catch (error) {
			this.startFailed = true;
			throw error;
		}
		return (await spawned).index;
	}

	/**
	 * SIGKILL to a worker's whole process group (n8n and its task runner): no graceful shutdown, the
	 * executions it runs stop mid-call. Resolves once it has exited. Its log stays (`startedPerWorker`).
	 */
	async killWorker(index: number): Promise<void> {
		const worker = this.workers[index];
		if (worker === undefined) throw new Error(`no worker ${index} (${this.workers.length} started)`);
		const pid = worker.child.pid;
		if (exited(worker.child) || pid === undefined) return;
		const gone = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
		process.kill(-pid, 'SIGKILL');
		await gone;
	}

	/**
	 * Spawns the next worker (its number taken before any wait, so that workers added at once get their
	 * own); `ready` settles when its health check says ready (or it fails).
	 */
	private async spawnWorker(
		timeoutMs: number,
		setup: WorkerSetup = {},
	): Promise<{ index: number; ready: Promise<void> }> {
		const index = this.workersSpawned++;
		const concurrency = this.options.concurrency ?? 100;
		const workerHome = new N8nHome(setup.userFolder ?? this.home.folder);
		const healthPort = await freePort();
		await workerHome.init({
			...this.queueEnv,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...setup.env,
		});
		const logFile = join(this.logDir, `worker-${index + 1}.log`);
		const started = Date.now();
		const worker = {
			name: `n8n worker ${index + 1}`,
			child: workerHome.serve(logFile, ['worker', `--concurrency=${concurrency}`]),
			logFile,
		};
		this.workers[index] = worker;
		const readiness = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		const ready = waitUntil(worker, 'health check', async () => (await getStatus(readiness)) === 200, timeoutMs).then(
			() => {
				this.timings.workers[index] = Date.now() - started;
			},
		);
		return { index, ready };
	}

	private async startMain(webhooks: Array<{ id: string; path: string }>, timeoutMs: number): Promise<void> {
		for (const { id } of webhooks) await this.home.activate(id);
		const started = Date.now();
		const logFile = join(this.logDir, 'main.log');
		const main = { name: 'n8n main', child: this.home.serve(logFile), logFile };
		this.main = main;
		await waitUntil(
			main,
			'health check',
			async () => (await getStatus(`${this.home.editorUrl}healthz/readiness`)) === 200,
			timeoutMs,
		);
		try {
			for (const { path } of webhooks) await waitForWebhook(this.webhookUrl(path), { timeoutMs });
		} catch (error) {
			throw new Error(`${(error as Error).message}\nn8n main's log:\n${tail(logFile, 6000)}`);
		}
		this.timings.main = Date.now() - started;
	}

	/** Stops n8n (main and workers), Redis and PostgreSQL, and removes their folders. Safe to call twice. */
	async stop(): Promise<void> {
		const n8n = [...(this.main ? [this.main] : []), ...this.workers.filter((worker) => worker !== undefined)];
		await stopDaemons(n8n, 10_000);
		if (this.redis) await stopDaemons([this.redis], 5_000);
		if (this.postgresStarted) {
			this.postgresStarted = false;
			await asPostgres('pg_ctl', ['-D', this.pgData, '-m', 'immediate', '-w', 'stop'], this.pgRoot).catch(
				(error: Error) => console.warn(`[queue mode] pg_ctl stop: ${error.message}`),
			);
		}
		for (const folder of [this.pgRoot, this.redisDir]) rmSync(folder, { recursive: true, force: true });
		this.home.remove();
		if (this.options.keepLogs || this.startFailed) console.log(`[queue mode] logs kept in ${this.logDir}`);
		else rmSync(this.logDir, { recursive: true, force: true });
	}
}
