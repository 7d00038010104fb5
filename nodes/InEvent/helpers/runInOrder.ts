/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` at once and returns the results in
 * index order. After a task fails no new task starts; the running ones finish, then the failure
 * with the lowest index is thrown.
 */
export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && failures.length === 0) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (failures.length > 0)
		throw failures.reduce((first, candidate) => (candidate.index < first.index ? candidate : first)).error;
	return results;
}
