import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { N8nHome, packPackage, REPO_ROOT } from './n8n';
import { readWorkflows, systemCredential } from './imports';

/** The editor's owner account `npm start` creates and prints (a fake, local-only login). */
export const DEMO_OWNER = {
	email: 'demo@inevent-sandbox.test',
	firstName: 'Demo',
	lastName: 'Admin',
	password: 'Sandbox-demo-1',
} as const;

export interface DemoOptions {
	/** n8n's user folder; a fresh temp folder (removed by `stop`) when not given. */
	folder?: string;
	/** n8n's editor port. */
	port: number;
	/** The sandbox's port (0: any free one). Ignored with `baseUrl`. */
	sandboxPort: number;
	/** A real InEvent API root: no sandbox, and a blank credential to fill in. */
	baseUrl?: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Progress lines for a person watching. */
	say?: (line: string) => void;
}

/**
 * What `npm start` runs: the seeded InEvent sandbox (unless a real base URL is given) and the
 * pinned n8n with the packed package installed, an "InEvent sandbox" credential, the example
 * workflows and an owner account. Everything it started is stopped by `stop`, also after a
 * failed `start`.
 */
export class DemoN8n {
	readonly home: N8nHome;

	readonly logFile: string;

	sandbox?: Sandbox;

	exampleCount = 0;

	private server?: ChildProcess;

	/** Set by `stop`: a `start` still under way (a timed-out test set-up) then starts no sandbox or n8n. */
	private stopped = false;

	private readonly ownsFolder: boolean;

	constructor(private readonly options: DemoOptions) {
		this.ownsFolder = options.folder === undefined;
		this.home = new N8nHome(options.folder);
		this.logFile = join(this.home.folder, 'n8n.log');
	}

	get editorUrl(): string {
		return `http://localhost:${this.options.port}/`;
	}

	/** The API root the credential points at: the sandbox's, or the given real one. */
	get baseUrl(): string {
		return this.options.baseUrl ?? this.sandbox?.url ?? '';
	}

	async start(): Promise<void> {
		const say = this.options.say ?? (() => undefined);
		say('Building and packing n8n-nodes-inevent…');
		const packFolder = mkdtempSync(join(tmpdir(), 'inevent-start-'));
		const tarball = await packPackage(packFolder);
		if (!this.options.baseUrl) {
			const sandbox = await startSandbox({ port: this.options.sandboxPort, seedEvents: 12, seedAttendees: 150 });
			if (this.stopped) {
				await sandbox.close();
				throw new Error('stopped while starting');
			}
			this.sandbox = sandbox;
			// An agenda to pick sessions from in the editor.
			this.sandbox.seedActivities(SANDBOX_FIXTURES.eventA.eventId, 8);
		}
		await this.home.init({
			N8N_PORT: String(this.options.port),
			N8N_ENCRYPTION_KEY: 'inevent-demo-key',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'warn',
		});
		say('Installing the package into n8n and importing the credential and example workflows…');
		await this.home.installPackage(tarball);
		rmSync(packFolder, { recursive: true, force: true });
		await this.home.importCredentials([
			this.sandbox ? systemCredential(this.baseUrl) : systemCredential(this.baseUrl, { name: 'InEvent', blank: true }),
		]);
		const examples = readWorkflows(join(REPO_ROOT, 'examples'));
		await this.home.importWorkflows(examples);
		this.exampleCount = examples.length;
		if (this.stopped) throw new Error('stopped while starting');
		this.server = this.home.serve(this.logFile);
		await this.waitForEditor(180_000);
		await this.setUpOwner(120_000);
	}

	/** The last lines n8n logged. */
	logTail(lines = 40): string {
		try {
			return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
		} catch {
			return '(no n8n log)';
		}
	}

	/** Stops n8n (its process group) and the sandbox; removes the user folder if it was a temp one. */
	async stop(): Promise<void> {
		this.stopped = true;
		const server = this.server;
		if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
			const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
			try {
				process.kill(-server.pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await exited;
		}
		await this.sandbox?.close();
		if (this.ownsFolder) this.home.remove();
	}

	private exited(): boolean {
		return this.server === undefined || this.server.exitCode !== null || this.server.signalCode !== null;
	}

	private async waitForEditor(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exited()) throw new Error(`n8n exited while starting:\n${this.logTail()}`);
			try {
				if ((await fetch(`${this.editorUrl}healthz`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error(`n8n did not answer at ${this.editorUrl} within ${timeoutMs / 1000} s`);
	}

	/**
	 * Creates the owner account; n8n answers /healthz before its REST routes exist (404), and 2.x
	 * answers 503 "Database is not ready" while a ping of its database is late (a loaded machine): retry both.
	 */
	private async setUpOwner(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(`${this.editorUrl}rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(DEMO_OWNER),
			});
			// A second start of a kept folder finds the owner already set up (400): that is fine.
			if (response.ok || response.status === 400) return;
			if (![404, 503].includes(response.status) || Date.now() > deadline)
				throw new Error(`owner setup failed: HTTP ${response.status}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}
