/**
 * Which failed calls may simply be sent again. Reads and writes that set a value (edit, operate)
 * are safe to repeat. Creates and removals are not: after an ambiguous failure they are first
 * checked (did InEvent store it?) by the operation's `recover`, never blindly resent.
 */
const IDEMPOTENT_CALLS = new Set([
	'event.edit',
	'event.person.operate',
	'activity.edit',
	// Sets the answers it is given (inferred: no history of answers is kept), like operate.
	'feedback.respond',
	// Reads whose names do not end in get/find: a DNS check and the report pages.
	'ssl.challenge',
	'ssl.verify',
	'checklog.checkedIn',
	'event.report.personSchema',
	'event.report.personReport',
]);

export function isSafeToResend(action: string): boolean {
	return IDEMPOTENT_CALLS.has(action) || /\.(get|find|describe)$/.test(action);
}

/** Backoff between tries after a transient failure: 0.5 s, 1 s, 2 s … (at most 10 s), plus up to 50% jitter. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
	const base = Math.min(10_000, 500 * 2 ** (failures - 1));
	return Math.round(base * (1 + random() * 0.5));
}
