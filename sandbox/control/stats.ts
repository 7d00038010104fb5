/** Counters for benchmarks; cleared with the request log. */
export interface SandboxStats {
	/** API requests received, 429s and faults included (admin requests never count). */
	requests: number;
	/** Requests refused with 429. */
	rateLimited: number;
	/** `person.signIn` calls, whatever their outcome. */
	signIns: number;
	/** Requests that got an injected fault (an injected 429 counts here, not in `rateLimited`). */
	faults: number;
}

export const emptyStats = (): SandboxStats => ({ requests: 0, rateLimited: 0, signIns: 0, faults: 0 });

export function countRequest(stats: SandboxStats, action: string, status: number, faulted: boolean): void {
	stats.requests++;
	if (faulted) stats.faults++;
	else if (status === 429) stats.rateLimited++;
	if (action === 'person.signIn') stats.signIns++;
}
