import {
	assertFaultRules,
	assertFaultSeed,
	copyFaultRules,
	DEFAULT_HANG_MS,
	type FaultKind,
	type FaultRule,
} from './faultRules';
import { mulberry32 } from './random';

export type { FaultKind, FaultRule } from './faultRules';

/** The fault chosen for one request. */
export interface FaultDecision {
	kind: FaultKind;
	hangMs: number;
}

export interface FaultSettings {
	rules: FaultRule[];
	seed: number;
}

/**
 * Decides, request by request in arrival order, which fault (if any) to inject. Rules are tried in
 * order and the first one that fires wins; rules after it do not see the request (their `skip`
 * does not advance). Only a rate strictly between 0 and 1 draws from the PRNG, so the sequence of
 * decisions depends only on the seed, the rules and the sequence of actions.
 */
export class FaultInjector {
	private readonly rules: FaultRule[];
	private readonly seen: number[];
	private readonly injected: number[];
	private readonly random: () => number;

	constructor(
		rules: readonly FaultRule[],
		readonly seed: number,
	) {
		assertFaultRules(rules);
		assertFaultSeed(seed);
		this.rules = copyFaultRules(rules);
		this.seen = this.rules.map(() => 0);
		this.injected = this.rules.map(() => 0);
		this.random = mulberry32(seed);
	}

	settings(): FaultSettings {
		return { rules: copyFaultRules(this.rules), seed: this.seed };
	}

	decide(action: string): FaultDecision | undefined {
		for (const [index, rule] of this.rules.entries()) {
			if (!(rule.actions ? rule.actions.includes(action) : action !== 'person.signIn')) continue;
			this.seen[index]++;
			if (this.seen[index] <= (rule.skip ?? 0)) continue;
			if (rule.times !== undefined && this.injected[index] >= rule.times) continue;
			if (!this.roll(rule.rate ?? 1)) continue;
			this.injected[index]++;
			return { kind: rule.kind, hangMs: rule.hangMs ?? DEFAULT_HANG_MS };
		}
		return undefined;
	}

	private roll(rate: number): boolean {
		if (rate >= 1) return true;
		if (rate <= 0) return false;
		return this.random() < rate;
	}
}
