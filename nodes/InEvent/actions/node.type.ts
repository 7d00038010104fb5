import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type InEventResource = 'event' | 'attendee' | 'activity' | 'checkIn' | 'customDomain' | 'report';

/** One operation: runs for one input item and returns its output items (paired with that item). */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
