import { SandboxError } from '../server/errors';
import type { FaultDecision } from './faults';
import type { Reply } from '../server/replies';

export interface FaultHooks {
	/** Runs the action for real (state changes included) and returns its normal reply. */
	process(): Reply;
	revokeCallerToken(): void;
}

const INJECTED = '(injected fault)';

/** Looks like the start of an envelope but is cut off, so `JSON.parse` fails. */
export const MALFORMED_JSON_BODY = '{"count":1,"data":[{"personID":"13';

const errorReply = (status: number, message: string, headers: Record<string, string> = {}): Reply => ({
	kind: 'error',
	error: new SandboxError(status, `${message} ${INJECTED}`, headers),
});

/** The reply for a request that drew a fault. Only the ambiguous kinds and `revokeToken` run the action. */
export function faultReply(fault: FaultDecision, hooks: FaultHooks): Reply {
	switch (fault.kind) {
		case 'http500':
			return errorReply(500, 'internal server error');
		case 'http502':
			return errorReply(502, 'bad gateway');
		case 'http503':
			return errorReply(503, 'service unavailable');
		case 'http429':
			return errorReply(429, 'too many requests', { 'Retry-After': '1' });
		case 'ambiguousError':
			hooks.process();
			return errorReply(502, 'bad gateway');
		case 'ambiguousDrop':
			hooks.process();
			return { kind: 'drop' };
		case 'drop':
			return { kind: 'drop' };
		case 'hang':
			return { kind: 'hang', ms: fault.hangMs };
		case 'malformedJson':
			return { kind: 'body', status: 200, body: MALFORMED_JSON_BODY };
		case 'errorBody200':
			return { kind: 'body', status: 200, body: JSON.stringify({ error: { message: `internal error ${INJECTED}` } }) };
		case 'revokeToken':
			hooks.revokeCallerToken();
			return hooks.process();
	}
}
