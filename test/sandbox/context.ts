import type { SandboxConfig } from './config';
import type { PlainValue } from './envelope';
import type { ParsedRequest } from './http';
import type { SandboxStore } from './store';

/** What an action sees: the decoded request, the state and the current config. */
export interface ActionContext {
	request: ParsedRequest;
	store: SandboxStore;
	config: SandboxConfig;
}

/** Returns the rows of `data`; the server wraps them in the envelope. Throws SandboxError to refuse. */
export type ActionHandler = (ctx: ActionContext) => PlainValue[];

export type ActionTable = Readonly<Record<string, ActionHandler>>;
