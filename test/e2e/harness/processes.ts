import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface RunResult {
	code: number | null;
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

/** Runs a command to its end (or kills it at the timeout) and collects its output. */
export async function runCommand(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number; onSpawn?: (child: ChildProcess) => void },
): Promise<RunResult> {
	const started = Date.now();
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	options.onSpawn?.(child);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(() => {
		stderr += `\n[killed after ${options.timeoutMs} ms]`;
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	}, options.timeoutMs);
	const code = await new Promise<number | null>((resolve) => {
		child.on('close', (exitCode) => resolve(exitCode));
		child.on('error', (error) => {
			stderr += String(error);
			resolve(null);
		});
	});
	clearTimeout(timer);
	running.delete(child);
	return { code, stdout, stderr, ms: Date.now() - started };
}

/** Starts a long-running process in its own process group, its output appended to a log file. */
export function startDaemon(command: string, args: string[], options: SpawnOptions, logFile: string): ChildProcess {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
	running.add(child);
	child.on('exit', () => running.delete(child));
	return child;
}
