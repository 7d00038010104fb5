/**
 * Badge codes (`qrCode`). Inferred: ten characters `A-Z0-9`, unique per event (the docs name the
 * attribute only, §10.5, §13.3). Derived, not drawn: `personID × A + key(eventID) mod 36^10` is a
 * bijection of the personIDs onto the codes (A is odd and not a multiple of 3, so it is invertible
 * mod 36^10), so codes never collide within an event, differ between events, and no PRNG is used
 * (the seeded latency and fault sequences stay as they were).
 */
const CODE_LENGTH = 10;
const CODE_SPACE = 36n ** BigInt(CODE_LENGTH);
const MULTIPLIER = 1_000_000_007n;

export const BADGE_CODE_PATTERN = /^[A-Z0-9]{10}$/;

function eventKey(eventID: string): bigint {
	return (BigInt(eventID) * 2_654_435_761n + 97_531n) % CODE_SPACE;
}

export function badgeCode(eventID: string, personID: string): string {
	const value = (BigInt(personID) * MULTIPLIER + eventKey(eventID)) % CODE_SPACE;
	return value.toString(36).toUpperCase().padStart(CODE_LENGTH, '0');
}
