/**
 * The transport's one door: what operations, methods, helpers and the triggers may use. Behind it:
 * request.ts (an operation's call, tried again when safe) → exchange.ts (one exchange: token, turn,
 * 401, 429) → pace/ and token/, each behind its own door; accounts.ts and execution.ts keep the state.
 */
export { accountMemoryOf, processClock } from './accounts';
export type { AccountFact, AccountMemory } from './accounts';
export type { InEventContext } from './context';
export type { InEventEnvelope } from './envelope';
export { isRefusal } from './errors';
export { beginExecution, DEFAULT_EXECUTION_SETTINGS, executionSettingsOf } from './execution';
export type { ExecutionSettings } from './execution';
export { INEVENT_MAX_PAGE_SIZE, inEventApiReadPages, inEventApiRequestAllItems } from './paginate';
export type { PagedRead, PageLimit } from './paginate';
export { inEventApiRequest } from './request';
export type { InEventRequest, InEventValue } from './request';
export { redactSecrets, redactTokens } from './token';
