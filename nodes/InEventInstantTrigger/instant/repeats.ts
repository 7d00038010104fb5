import { createHash } from 'node:crypto';

/**
 * Deliveries InEvent sends again (a retry after a slow or failed answer) carry the same body, byte for
 * byte (inferred). Two real changes differ in the record or the time the payload carries (inferred),
 * so an identical body within the window is the same delivery, and a different one never is.
 * Kept per trigger (workflow, node, production or test URL) in this process: n8n's main receives the webhooks.
 */

/** The most bodies remembered per trigger; the oldest are forgotten first. */
const MAX_REMEMBERED = 50_000;

interface Seen {
	at: number;
	/** Whether the first delivery of this body was handled (true) or failed (false); pending meanwhile. */
	handled: Promise<boolean>;
	settle(handled: boolean): void;
}

const triggers = new Map<string, Map<string, Seen>>();

/** The hash of the body as sent (a string of its bytes), or of the parsed body where n8n kept no bytes. */
function bodyKey(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
	return createHash('sha256').update(text).digest('base64');
}

function forgetOld(seen: Map<string, Seen>, now: number, windowMs: number): void {
	for (const [key, entry] of seen) {
		if (now - entry.at < windowMs && seen.size <= MAX_REMEMBERED) break;
		seen.delete(key);
	}
}

export interface Delivery {
	/** The same body came within the window: this one starts nothing once the first was handled. */
	repeated: boolean;
	/** For a repeat: true once the first delivery was handled, false if it failed (then this one counts). */
	earlier: Promise<boolean>;
	/** The first delivery of this body was handled (a workflow started, or it was dropped): keep it. */
	settle(): void;
	/** The first delivery of this body failed (InEvent will send it again): forget it. */
	forget(): void;
}

const nothing = () => undefined;

/** Registers one delivery's body for the trigger `scope`. */
export function receiveDelivery(scope: string, body: unknown, windowSeconds: number, now = Date.now()): Delivery {
	const windowMs = windowSeconds * 1000;
	const fresh = { repeated: false, earlier: Promise.resolve(false) };
	if (windowMs <= 0) return { ...fresh, settle: nothing, forget: nothing };
	let seen = triggers.get(scope);
	if (!seen) triggers.set(scope, (seen = new Map()));
	forgetOld(seen, now, windowMs);
	const key = bodyKey(body);
	const earlier = seen.get(key);
	if (earlier !== undefined && now - earlier.at < windowMs) {
		return { repeated: true, earlier: earlier.handled, settle: nothing, forget: nothing };
	}
	let settle: (handled: boolean) => void = nothing;
	const handled = new Promise<boolean>((resolve) => (settle = resolve));
	const entry: Seen = { at: now, handled, settle };
	seen.delete(key);
	seen.set(key, entry);
	return {
		...fresh,
		settle: () => entry.settle(true),
		forget: () => {
			if (seen.get(key) === entry) seen.delete(key);
			entry.settle(false);
		},
	};
}

/** Forgets a trigger's deliveries (its workflow was deactivated, or the editor stopped listening). */
export function forgetDeliveries(scope: string): void {
	triggers.delete(scope);
}
