import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Sums the resident memory of a process group (n8n starts helper processes) every `everyMs`. */
export function watchPeakRss(child: ChildProcess, everyMs = 200): () => number {
	let peakKb = 0;
	const poll = (): void => {
		if (child.pid === undefined) return;
		try {
			const out = execFileSync('ps', ['-o', 'rss=', '-g', String(child.pid)], { encoding: 'utf8' });
			const kb = out
				.split('\n')
				.map((line) => Number(line.trim()))
				.filter((value) => Number.isFinite(value))
				.reduce((sum, value) => sum + value, 0);
			peakKb = Math.max(peakKb, kb);
		} catch {
			// the group is gone
		}
	};
	const timer = setInterval(poll, everyMs);
	return () => {
		clearInterval(timer);
		return Math.round(peakKb / 1024);
	};
}
