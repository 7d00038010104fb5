import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, INodeExecutionData } from 'n8n-workflow';

/** The error as one of n8n's node errors: a NodeApiError or NodeOperationError is kept as it is. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/** Every error names its item: `[item 3] Event ID must be a number`. */
export function itemFailure(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const failure = asNodeError(node, error, itemIndex);
	const prefix = `[item ${itemIndex}]`;
	if (!failure.message.startsWith(prefix)) failure.message = `${prefix} ${failure.message}`;
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

/**
 * With Continue On Fail, a failing item becomes this error item in its place. Its json is the
 * `{ error }` alone, paired with its input item: the shape n8n's engine moves to the error output under
 * Continue (using error output), adding the input item's fields (n8n 1.x and 2.x alike).
 */
export function errorItem(failure: Error, itemIndex: number): INodeExecutionData {
	return { json: { error: failure.message }, pairedItem: { item: itemIndex } };
}

/**
 * On Error › Continue (using error output). A node that throws under it has n8n's engine send every
 * input item down the success output, unmarked (n8n issue #25581): a failure of the whole run (an
 * option, a guard of Create or Update) must become error items instead.
 */
export function usesErrorOutput(node: INode): boolean {
	return node.onError === 'continueErrorOutput';
}

/** A failure of the whole run, as one input item's error item: `[item N]` and the run's message. */
export function runFailureItem(error: unknown, itemIndex: number): INodeExecutionData {
	const message = (error instanceof Error ? error.message : String(error)).replace(/^\[item \d+\] /, '');
	return errorItem(new Error(`[item ${itemIndex}] ${message}`), itemIndex);
}
