import { sleep } from 'n8n-workflow';

/**
 * Where the pace reads the time and waits. n8n runs on the real one; tests hand the pace a virtual
 * clock, so every window, 429 wait and loop stall is checked in milliseconds and the same way each run.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};
