import type { Clock } from '../control/clock';
import type { SandboxConfig } from '../control/config';
import type { PlainValue } from './envelope';
import type { ParsedRequest } from './http';
import type { SandboxStore } from '../store/store';
import type { WebhookSink } from '../webhooks/change';

/** What an action sees: the decoded request, the state, the current config, the sandbox clock and the webhook sink. */
export interface ActionContext {
	request: ParsedRequest;
	store: SandboxStore;
	config: SandboxConfig;
	/** The only source of "now" for actions (may be frozen by tests). */
	clock: Clock;
	/** Where the action reports the changes webhooks fire for (delivered after the answer; see `webhooks/change.ts`). */
	webhooks: WebhookSink;
}

/** Returns the rows of `data`; the server wraps them in the envelope. Throws SandboxError to refuse. */
export type ActionHandler = (ctx: ActionContext) => PlainValue[];

export type ActionTable = Readonly<Record<string, ActionHandler>>;
