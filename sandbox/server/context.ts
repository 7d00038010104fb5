import type { Clock } from '../control/clock';
import type { SandboxConfig } from '../control/config';
import type { PlainValue } from './envelope';
import type { ParsedRequest } from './http';
import type { SandboxStore } from '../store/store';

/** What an action sees: the decoded request, the state, the current config and the sandbox clock. */
export interface ActionContext {
	request: ParsedRequest;
	store: SandboxStore;
	config: SandboxConfig;
	/** The only source of "now" for actions (may be frozen by tests). */
	clock: Clock;
}

/** Returns the rows of `data`; the server wraps them in the envelope. Throws SandboxError to refuse. */
export type ActionHandler = (ctx: ActionContext) => PlainValue[];

export type ActionTable = Readonly<Record<string, ActionHandler>>;
