import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as attendee from './attendee/Attendee.resource';
import * as event from './event/Event.resource';
import type { OperationExecute } from './node.type';

const operations: Record<string, Record<string, OperationExecute>> = {
	event: { create: event.create.execute, get: event.get.execute, getAll: event.getAll.execute, update: event.update.execute },
	attendee: {
		create: attendee.create.execute,
		get: attendee.get.execute,
		getAll: attendee.getAll.execute,
		update: attendee.update.execute,
		delete: attendee.delete.execute,
	},
};

/** Every error names its item: `[item 3] Event ID must be a number`. */
function withItemPrefix(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	const prefix = `[item ${itemIndex}]`;
	if (!failure.message.startsWith(prefix)) failure.message = `${prefix} ${failure.message}`;
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

/** Runs the chosen operation for every input item; with Continue On Fail a failing item becomes an error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const execute = operations[resource]?.[operation];
			if (!execute) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`, {
					itemIndex,
				});
			}
			output.push(...(await execute.call(this, itemIndex)));
		} catch (error) {
			const failure = withItemPrefix(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				output.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw failure;
		}
	}
	return [output];
}
