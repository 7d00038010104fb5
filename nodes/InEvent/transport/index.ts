/**
 * The transport's one entrance: what operations, methods and the trigger may use. Everything else
 * in this folder (the pace, the token, the sign-in, the exchange) is the transport's own business.
 */
export { accountMemoryOf } from './accounts';
export type { AccountFact, AccountMemory } from './accounts';
export type { InEventContext, InEventEnvelope } from './envelope';
export { isNotFound, isRefusal } from './errors';
export { beginExecution, DEFAULT_EXECUTION_SETTINGS, executionSettingsOf } from './execution';
export type { ExecutionSettings } from './execution';
export {
	findAttendeeByEmail,
	findCustomDomain,
	findEnrollment,
	findEventByNickname,
	findScan,
	findSessionByNameAndStart,
	isStillAttending,
	sessionExists,
} from './lookups';
export { INEVENT_MAX_PAGE_SIZE, inEventApiReadPages, inEventApiRequestAllItems } from './paginate';
export type { PagedRead, PageLimit } from './paginate';
export { inEventApiRequest } from './request';
export { redactTokens } from './redact';
export type { InEventRequest, InEventValue } from './request';
