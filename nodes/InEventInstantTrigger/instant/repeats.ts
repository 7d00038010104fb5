import { createHash } from 'node:crypto';

/**
 * Deliveries InEvent sends again (a retry after a slow or failed answer) carry the same body, byte for
 * byte (inferred). Two real changes differ in the record or the time the payload carries (inferred),
 * so an identical body within the window is the same delivery, and a different one never is.
 * Kept per trigger (workflow and node) in this process: n8n's main receives the webhooks.
 */

/** The most bodies remembered per trigger; the oldest are forgotten first. */
const MAX_REMEMBERED = 50_000;

/** Per trigger: each body's hash and when it first came. A delivery still being handled counts as seen. */
const triggers = new Map<string, Map<string, number>>();

/** The hash of the body as sent (a string of its bytes), or of the parsed body where n8n kept no bytes. */
function bodyKey(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
	return createHash('sha256').update(text).digest('base64');
}

function forgetOld(seen: Map<string, number>, now: number, windowMs: number): void {
	for (const [key, at] of seen) {
		if (now - at < windowMs && seen.size <= MAX_REMEMBERED) break;
		seen.delete(key);
	}
}

export interface Delivery {
	/** True when the same body came within the window: this one starts nothing. */
	repeated: boolean;
	/** The first delivery of this body failed (InEvent will send it again): forget it. */
	forget(): void;
}

/** Registers one delivery's body for the trigger `scope` (workflow ID and node ID). */
export function receiveDelivery(scope: string, body: unknown, windowSeconds: number, now = Date.now()): Delivery {
	const windowMs = windowSeconds * 1000;
	const nothing = () => undefined;
	if (windowMs <= 0) return { repeated: false, forget: nothing };
	let seen = triggers.get(scope);
	if (!seen) triggers.set(scope, (seen = new Map()));
	forgetOld(seen, now, windowMs);
	const key = bodyKey(body);
	const earlier = seen.get(key);
	if (earlier !== undefined && now - earlier < windowMs) return { repeated: true, forget: nothing };
	seen.delete(key);
	seen.set(key, now);
	return {
		repeated: false,
		forget: () => {
			if (seen.get(key) === now) seen.delete(key);
		},
	};
}

/** Forgets a trigger's deliveries (its workflow was deactivated). */
export function forgetDeliveries(scope: string): void {
	triggers.delete(scope);
}
