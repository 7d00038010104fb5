import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import type { IDataObject } from 'n8n-workflow';

import { assertInstalled, n8nBin, n8nEnv, selectedN8nInstall } from './n8nVersions';
import type { N8nInstall } from './n8nVersions';
import { freePort } from './ports';
import { runCommand, startDaemon } from './processes';
import type { RunResult } from './processes';

export const REPO_ROOT = resolve(__dirname, '../..');
/**
 * `test/e2e/`: where the pinned n8n is installed (its package.json, lock file and node_modules, `npm run
 * e2e:install`), beside the e2e suite that shares this runner. The other versions: `n8nVersions.ts`.
 */
export const E2E_ROOT = join(REPO_ROOT, 'test', 'e2e');
export const PACKAGE_NAME = 'n8n-nodes-inevent';
/**
 * n8n 2.41.1's CLI on Node 24 sometimes ends with a segmentation fault as it exits, after the command's work
 * is done and printed (with its default "vm" expression engine, isolated-vm; none with the legacy engine): seen
 * here in 7 of 10 quick runs of a trivial workflow on a loaded machine, and in none of 12 others. n8n's own fault.
 */
const CRASHED_AT_EXIT: NodeJS.Signals = 'SIGSEGV';

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

export interface NodeRun {
	items: IDataObject[];
	/** Per item, the binary fields' metadata n8n keeps (fileName, mimeType, fileSize…), without the data. */
	binaries: Array<Record<string, IDataObject> | undefined>;
	/** n8n's own measure of the node's run, in ms. */
	executionTime?: number;
	error?: IDataObject;
}

export interface Execution {
	ok: boolean;
	result: RunResult;
	runData: Record<string, NodeRun>;
	error?: IDataObject & { message?: string };
	/** From n8n's own startedAt/stoppedAt: the workflow's run, without n8n's start-up. */
	workflowMs: number;
}

/**
 * A throwaway n8n user folder with our packed package installed the way n8n installs community
 * packages (`.n8n/nodes/node_modules/<package>`), and an n8n CLI run against it: the pinned one, or the
 * version `E2E_N8N` selects (see `n8nVersions.ts`).
 */
export class N8nHome {
	readonly folder: string;

	private env: NodeJS.ProcessEnv = {};

	/** A fresh temp folder unless one is given (the demo keeps its own between starts). */
	constructor(
		folder?: string,
		readonly install: N8nInstall = selectedN8nInstall(),
	) {
		// The pinned default behaves as it always has: `npm start` installs it when missing.
		if (install.key !== '') assertInstalled(install);
		this.folder = folder ?? mkdtempSync(join(tmpdir(), 'n8n-inevent-e2e-'));
		mkdirSync(this.folder, { recursive: true });
	}

	async init(overrides: NodeJS.ProcessEnv = {}): Promise<void> {
		this.env = {
			HOME: this.folder,
			N8N_USER_FOLDER: this.folder,
			N8N_ENCRYPTION_KEY: 'e2e-fixed-test-key',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(await freePort()),
			...n8nEnv(this.install),
			...overrides,
		};
	}

	/** Extracts the `npm pack` tarball into the user folder's community-node directory. */
	async installPackage(tarball: string): Promise<void> {
		const target = join(this.folder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		mkdirSync(target, { recursive: true });
		const untar = await runCommand('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
			timeoutMs: 60_000,
		});
		if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	}

	/** Where `serve()` listens. */
	get editorUrl(): string {
		return `http://localhost:${String(this.env.N8N_PORT)}/`;
	}

	/** `n8n start` (the editor and API), or another long-running command such as `worker`, until stopped; its output goes to `logFile`. */
	serve(logFile: string, args: string[] = ['start']): ChildProcess {
		return startDaemon(n8nBin(this.install), args, { cwd: this.folder, env: this.env }, logFile);
	}

	async n8n(args: string[], timeoutMs = 120_000, onSpawn?: (child: ChildProcess) => void): Promise<RunResult> {
		return await runCommand(n8nBin(this.install), args, { cwd: this.folder, env: this.env, timeoutMs, onSpawn });
	}

	private async expectOk(args: string[]): Promise<RunResult> {
		let result = await this.n8n(args);
		// The commands it runs (import, publish, export) can be run again; see CRASHED_AT_EXIT.
		if (result.signal === CRASHED_AT_EXIT) result = await this.n8n(args);
		if (result.code !== 0)
			throw new Error(`n8n ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	/** Makes a workflow active for the next `n8n start` (`publish:workflow`, or 1.x's `update:workflow --active=true`). */
	async activate(workflowId: string): Promise<void> {
		await this.expectOk(this.install.activateArgs(workflowId));
	}

	async importCredentials(credentials: ImportedCredential[]): Promise<void> {
		const file = join(this.folder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.expectOk(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: IDataObject[]): Promise<void> {
		const dir = join(this.folder, 'workflows');
		mkdirSync(dir, { recursive: true });
		workflows.forEach((workflow, index) => writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow)));
		await this.expectOk(['import:workflow', '--separate', `--input=${dir}`]);
	}

	async exportCredentials(): Promise<ImportedCredential[]> {
		const file = join(this.folder, 'exported-credentials.json');
		await this.expectOk(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		return JSON.parse(readFileSync(file, 'utf8')) as ImportedCredential[];
	}

	/** `n8n execute --id … --rawOutput`: log lines, then the execution as JSON from a line `{`. */
	async execute(workflowId: string, timeoutMs = 120_000, onSpawn?: (child: ChildProcess) => void): Promise<Execution> {
		const result = await this.n8n(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, onSpawn);
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.indexOf('}', start);
		if (start < 0 || end < 0)
			throw new Error(`n8n execute printed no execution (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		const execution = JSON.parse(lines.slice(start, end + 1).join('\n')) as {
			startedAt?: string;
			stoppedAt?: string;
			data: {
				resultData: {
					runData: Record<
						string,
						Array<{
							data?: { main: Array<Array<{ json: IDataObject; binary?: Record<string, IDataObject> }>> };
							error?: IDataObject;
							executionTime?: number;
						}>
					>;
					error?: IDataObject;
				};
			};
		};
		const runData: Record<string, NodeRun> = {};
		for (const [name, runs] of Object.entries(execution.data.resultData.runData)) {
			const last = runs[runs.length - 1];
			const items = last.data?.main[0] ?? [];
			runData[name] = {
				items: items.map((item) => item.json),
				binaries: items.map((item) =>
					item.binary
						? Object.fromEntries(
								Object.entries(item.binary).map(([field, meta]) => [field, { ...meta, data: undefined }]),
							)
						: undefined,
				),
				executionTime: last.executionTime,
				error: last.error,
			};
		}
		const workflowMs =
			execution.startedAt && execution.stoppedAt
				? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)
				: result.ms;
		const error = execution.data.resultData.error;
		// The whole run was printed, so its outcome is known whatever ended the process after it.
		const crashedAfterRun = result.signal === CRASHED_AT_EXIT;
		if (crashedAfterRun)
			process.stderr.write(`[n8n] execute --id=${workflowId} ended with ${CRASHED_AT_EXIT} after printing its run\n`);
		return { ok: (result.code === 0 || crashedAfterRun) && error === undefined, result, runData, error, workflowMs };
	}

	remove(): void {
		rmSync(this.folder, { recursive: true, force: true });
	}
}

export { packPackage } from './pack';
