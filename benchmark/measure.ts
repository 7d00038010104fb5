import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/**
 * Sums the resident memory of a process group (n8n starts helper processes) every `everyMs`.
 * `ps` runs asynchronously: the sandbox serves from this process, and a synchronous `ps` (about
 * 20 ms) would hold its requests back and stamp their arrivals late, bunched together.
 */
export function watchPeakRss(child: ChildProcess, everyMs = 200): () => number {
	let peakKb = 0;
	let polling = false;
	const poll = (): void => {
		if (child.pid === undefined || polling) return;
		polling = true;
		execFile('ps', ['-o', 'rss=', '-g', String(child.pid)], { encoding: 'utf8' }, (error, out) => {
			polling = false;
			if (error) return; // the group is gone
			const kb = out
				.split('\n')
				.map((line) => Number(line.trim()))
				.filter((value) => Number.isFinite(value))
				.reduce((sum, value) => sum + value, 0);
			peakKb = Math.max(peakKb, kb);
		});
	};
	const timer = setInterval(poll, everyMs);
	return () => {
		clearInterval(timer);
		return Math.round(peakKb / 1024);
	};
}
