import { NodeOperationError } from 'n8n-workflow';

import { processClock } from './accounts';
import type { InEventContext } from './context';
import { ExecutionPace, INEVENT_LIMITS } from './pace';
import type { Clock, ExecutionPaceLimits } from './pace';

/** How one execution (a run, a poll, an editor look-up) deals with InEvent: Options › Timeout, Retries and the pace limits. */
export interface ExecutionSettings extends ExecutionPaceLimits {
	/** Per request; InEvent's own SDK waits 30 s. */
	timeoutMs: number;
	/** Extra tries after a transient failure (network, timeout, 5xx, a broken answer). */
	retries: number;
}

export const DEFAULT_EXECUTION_SETTINGS: Readonly<ExecutionSettings> = {
	timeoutMs: 30_000,
	retries: 3,
	maxPerSecond: INEVENT_LIMITS.perTokenPerSecond,
	maxInFlight: 5,
};

interface Execution {
	settings: Readonly<ExecutionSettings>;
	/** The execution's own in-flight cap and order; the account's pace is shared by the process. */
	pace: ExecutionPace;
	/** The process's clock when the execution began (its retries' backoff sleeps on it). */
	clock: Clock;
}

const executions = new WeakMap<object, Execution>();

/**
 * Where every entry point starts (the router, a trigger poll, a list search, a load-options call):
 * the settings its requests run with. n8n gives each execution, poll and editor look-up its own context.
 */
export function beginExecution(context: InEventContext, settings: Readonly<ExecutionSettings>): void {
	const { maxPerSecond, maxInFlight } = settings;
	const clock = processClock();
	executions.set(context, {
		settings: { ...settings },
		pace: new ExecutionPace({ maxPerSecond, maxInFlight }, clock),
		clock,
	});
}

/** The execution an entry point began on this context; a context nobody began is refused, never run on guesses. */
export function executionOf(context: InEventContext): Execution {
	const execution = executions.get(context);
	if (!execution) {
		throw new NodeOperationError(
			context.getNode(),
			'InEvent transport used without execution settings (an entry point did not begin them)',
		);
	}
	return execution;
}

/** The settings this execution began with (e.g. how many of its items may run at once). */
export function executionSettingsOf(context: InEventContext): Readonly<ExecutionSettings> {
	return executionOf(context).settings;
}
