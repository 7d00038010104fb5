/**
 * Asks `check` every second (or every `intervalMs`) until it returns a value, or fails after `timeoutMs`
 * naming `what`.
 */
export async function waitFor<T>(
	what: string,
	check: () => T | undefined,
	timeoutMs: number,
	intervalMs = 1000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
