/** Polls under way in this process, by workflow and node. */
const running = new Set<string>();

/**
 * Runs a poll unless one of the same trigger is still running in this process; then answers
 * `busy` at once, reading and changing nothing. n8n's in-memory scheduler starts a poll every
 * interval whether the last one ended or not, and those polls share one static data object: two
 * of them would both deliver what lies past the cursor. Under 2.41's durable scheduler a poll
 * abandoned at N8N_SCHEDULER_POLL_TIMEOUT keeps running (its result and cursor are dropped): the
 * polls that start before it ends deliver nothing, the first one after it delivers its records.
 */
export async function unlessRunning<T>(key: string, poll: () => Promise<T>, busy: T): Promise<T> {
	if (running.has(key)) return busy;
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}
