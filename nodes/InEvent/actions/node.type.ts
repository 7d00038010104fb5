import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type InEventResource = 'event' | 'attendee' | 'activity' | 'checkIn' | 'customDomain' | 'report' | 'custom';

/** One operation: runs for one input item and returns its output items (paired with that item). */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/**
 * An operation that takes the whole input at once (Create or Update reads the event once for all its
 * items). Returns every output item, error items in place of failed items under Continue On Fail.
 */
export type InputExecute = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
