import { findAction } from '../actions';

/** What an injected fault does to one request (see README, "Fault injection"). */
export type FaultKind =
	| 'http500'
	| 'http502'
	| 'http503'
	| 'ambiguousError'
	| 'ambiguousDrop'
	| 'drop'
	| 'hang'
	| 'http429'
	| 'malformedJson'
	| 'errorBody200'
	| 'revokeToken';

export const FAULT_KINDS: readonly FaultKind[] = [
	'http500',
	'http502',
	'http503',
	'ambiguousError',
	'ambiguousDrop',
	'drop',
	'hang',
	'http429',
	'malformedJson',
	'errorBody200',
	'revokeToken',
];

export interface FaultRule {
	kind: FaultKind;
	/** `?action=` values it applies to; default: every request except `person.signIn`. */
	actions?: string[];
	/** Probability 0..1 per matching request (default 1). */
	rate?: number;
	/** At most this many injections (default unlimited). */
	times?: number;
	/** Lets the first N matching requests through untouched (default 0). */
	skip?: number;
	/** How long a `hang` holds the socket before dropping it (default 120000). */
	hangMs?: number;
}

export const DEFAULT_HANG_MS = 120_000;

const RULE_KEYS: ReadonlySet<string> = new Set(['kind', 'actions', 'rate', 'times', 'skip', 'hangMs']);

const isFaultKind = (value: unknown): value is FaultKind =>
	typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Unknown keys and action names are refused: a typo would otherwise silently disable the rule. */
function ruleProblem(value: unknown): string | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
	const rule = value as Record<string, unknown>;
	const unknownKey = Object.keys(rule).find((key) => !RULE_KEYS.has(key));
	if (unknownKey !== undefined) return `has an unknown key ${unknownKey}`;
	if (!isFaultKind(rule.kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
	const { actions, rate, times, skip, hangMs } = rule;
	if (actions !== undefined) {
		if (!Array.isArray(actions) || actions.length === 0) return 'actions must be a non-empty array of action names';
		const unknownAction = actions.find((name) => typeof name !== 'string' || !findAction(name));
		if (unknownAction !== undefined) return `actions has an unknown action ${String(unknownAction)}`;
	}
	if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)))
		return 'rate must be a number from 0 to 1';
	if (times !== undefined && !isCount(times)) return 'times must be a non-negative integer';
	if (skip !== undefined && !isCount(skip)) return 'skip must be a non-negative integer';
	if (hangMs !== undefined && !isCount(hangMs)) return 'hangMs must be a non-negative integer';
	return undefined;
}

/** Throws a RangeError naming the first bad rule. */
export function assertFaultRules(value: unknown): asserts value is FaultRule[] {
	if (!Array.isArray(value)) throw new RangeError('fault rules must be an array');
	value.forEach((rule, index) => {
		const problem = ruleProblem(rule);
		if (problem !== undefined) throw new RangeError(`fault rule ${index} ${problem}`);
	});
}

export function assertFaultSeed(value: unknown): asserts value is number {
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new RangeError('fault seed must be an integer');
}

/** So later changes to the caller's objects do not reach the running sandbox. */
export const copyFaultRules = (rules: readonly FaultRule[]): FaultRule[] =>
	rules.map((rule) => ({ ...rule, ...(rule.actions ? { actions: [...rule.actions] } : {}) }));
