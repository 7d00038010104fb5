import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface RunResult {
	code: number | null;
	/** The signal that ended the process, when one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

const running = new Set<ChildProcess>();

/** Stops every process this suite started (its whole process group), also after a failure. */
export function stopAll(): void {
	for (const child of running) {
		if (child.pid !== undefined && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}
	}
	running.clear();
}

/**
 * Runs a command to its end (or kills it at the timeout) and collects its output. Standard output
 * goes through a file: n8n exits right after printing a run, and a pipe would lose the end of a
 * large one (a file write is synchronous in Node, a pipe write is not).
 */
export async function runCommand(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number; onSpawn?: (child: ChildProcess) => void },
): Promise<RunResult> {
	const started = Date.now();
	const folder = mkdtempSync(join(tmpdir(), 'run-'));
	const stdoutFile = join(folder, 'stdout');
	const stdoutFd = openSync(stdoutFile, 'w');
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', stdoutFd, 'pipe'] });
	closeSync(stdoutFd);
	running.add(child);
	options.onSpawn?.(child);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(() => {
		stderr += `\n[killed after ${options.timeoutMs} ms]`;
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	}, options.timeoutMs);
	const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.on('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
		child.on('error', (error) => {
			stderr += String(error);
			resolve({ code: null, signal: null });
		});
	});
	clearTimeout(timer);
	running.delete(child);
	const stdout = readFileSync(stdoutFile, 'utf8');
	rmSync(folder, { recursive: true, force: true });
	return { code, signal, stdout, stderr, ms: Date.now() - started };
}

/** Starts a long-running process in its own process group, its output appended to a log file. */
export function startDaemon(command: string, args: string[], options: SpawnOptions, logFile: string): ChildProcess {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
	running.add(child);
	child.on('exit', () => running.delete(child));
	return child;
}

/** SIGTERM to a started process's group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const pid = child.pid;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (name: NodeJS.Signals): void => {
		try {
			process.kill(-pid, name);
		} catch {
			// already gone
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
