import { processClock } from '../transport';

/**
 * For loops over many items that rarely wait for the network: lets timers and sockets run at least
 * every `sliceMs` of work. Without it, calls the account's pace releases on time would leave together
 * after a long stretch of work and reach InEvent in a burst. The slice is the processor's real time;
 * the pause is taken on the process's clock, so a test on virtual time wakes it like any other wait.
 */
export function cooperative(sliceMs = 20): () => Promise<void> {
	let since = Date.now();
	return async () => {
		if (Date.now() - since < sliceMs) return;
		await processClock().sleep(0);
		since = Date.now();
	};
}
