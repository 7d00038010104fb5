import type { ErrorStyle } from './errors';

/** Runtime knobs that tests may change while the server runs. */
export interface SandboxConfig {
	errorStyle: ErrorStyle;
	/** Lifetime given to newly minted tokens; fractions are allowed so tests can wait briefly. */
	tokenTtlSeconds: number;
	/** Delay added before every answer (not admin endpoints). */
	latencyMs: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
	errorStyle: 'json',
	tokenTtlSeconds: 3600,
	latencyMs: 0,
};
