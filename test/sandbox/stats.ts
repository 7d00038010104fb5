/** Counters for benchmarks; cleared with the request log. */
export interface SandboxStats {
	/** API requests answered, 429s included (admin requests never count). */
	requests: number;
	/** Requests refused with 429. */
	rateLimited: number;
	/** `person.signIn` calls, whatever their outcome. */
	signIns: number;
}

export const emptyStats = (): SandboxStats => ({ requests: 0, rateLimited: 0, signIns: 0 });

export function countRequest(stats: SandboxStats, action: string, status: number): void {
	stats.requests++;
	if (status === 429) stats.rateLimited++;
	if (action === 'person.signIn') stats.signIns++;
}
