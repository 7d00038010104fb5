import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * How this run of the node was asked for:
 * - `workflow`: as a node of a workflow;
 * - `agentTool`: as the tool variant (`…inEventTool`), run by n8n's engine for an AI Agent's tool call
 *   (the engine marks the node `rewireOutputLogTo: 'ai_tool'`);
 * - `inProcessTool`: as the tool variant called in-process, by the MCP Server Trigger (or an older
 *   Agent), which turns a thrown error into an error result for its client.
 */
export type RunMode = 'workflow' | 'agentTool' | 'inProcessTool';

export function runModeOf(context: Pick<IExecuteFunctions, 'getNode'>): RunMode {
	const node = context.getNode();
	if (!node.type.endsWith('Tool')) return 'workflow';
	return node.rewireOutputLogTo === 'ai_tool' ? 'agentTool' : 'inProcessTool';
}

/** Get Many as a tool, with Limit left at its default: a model's context holds this many records well. */
export const TOOL_PAGE_LIMIT = 10;

/** A tool call is one item: "[item 0]" tells a model nothing. */
export function messageForModel(message: string): string {
	return message.replace(/^\[item 0\] /, '');
}
