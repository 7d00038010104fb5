/** A delay range in whole milliseconds, both ends included. */
export interface LatencyRange {
	min: number;
	max: number;
}

/** A fixed delay in ms, or a range drawn per request. */
export type LatencySetting = number | LatencyRange;

const isNonNegativeInteger = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Throws a RangeError unless the value is a non-negative number or `{min, max}` of integers with min ≤ max. */
export function assertLatency(value: unknown): asserts value is LatencySetting {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) throw new RangeError('latencyMs must be a non-negative number');
		return;
	}
	if (value !== null && typeof value === 'object') {
		const { min, max } = value as Record<string, unknown>;
		if (isNonNegativeInteger(min) && isNonNegativeInteger(max) && min <= max) return;
	}
	throw new RangeError('latencyMs must be a non-negative number or {min, max} integers with 0 <= min <= max');
}

/** So later changes to the caller's object do not reach the running sandbox. */
export const copyLatency = (setting: LatencySetting): LatencySetting =>
	typeof setting === 'number' ? setting : { min: setting.min, max: setting.max };

/** A fixed setting uses no randomness, so it never advances the PRNG. */
export function drawLatency(setting: LatencySetting, random: () => number): number {
	if (typeof setting === 'number') return setting;
	return Math.min(setting.max, setting.min + Math.floor(random() * (setting.max - setting.min + 1)));
}

/** `"300"` → 300, `"200-400"` → `{min: 200, max: 400}`. */
export function parseLatency(text: string): LatencySetting {
	const range = /^(\d+)-(\d+)$/.exec(text.trim());
	const setting: unknown = range
		? { min: Number(range[1]), max: Number(range[2]) }
		: text.trim() === ''
			? NaN
			: Number(text);
	assertLatency(setting);
	return setting;
}

export function describeLatency(setting: LatencySetting): string {
	return typeof setting === 'number' ? `${setting}ms` : `${setting.min}-${setting.max}ms`;
}
