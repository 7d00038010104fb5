import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, INodeExecutionData } from 'n8n-workflow';

/** Every error names its item: `[item 3] Event ID must be a number`. */
export function itemFailure(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	const prefix = `[item ${itemIndex}]`;
	if (!failure.message.startsWith(prefix)) failure.message = `${prefix} ${failure.message}`;
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

/** With Continue On Fail, a failing item becomes this error item in its place. */
export function errorItem(failure: Error, itemIndex: number): INodeExecutionData {
	return { json: { error: failure.message }, pairedItem: { item: itemIndex } };
}
