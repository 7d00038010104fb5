/**
 * The pace's one door: InEvent's limits, the account's window (AccountPace), the execution's own
 * caps (ExecutionPace), a call's place (Turn), the 429 wait, and the clock they all run on.
 * Nothing in this folder imports anything outside it.
 */
export { AccountPace, INEVENT_LIMITS } from './accountPace';
export type { InEventLimits, ProcessPace } from './accountPace';
export { REAL_CLOCK } from './clock';
export type { Clock } from './clock';
export { ExecutionPace } from './executionPace';
export type { ExecutionPaceLimits, RunOptions } from './executionPace';
export { retryDelayMs, waitOutRateLimit } from './rateLimitWait';
export { StartWindow } from './startWindow';
export { Turn } from './turn';
