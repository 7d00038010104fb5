/**
 * What n8n should tell a model or an MCP client about each InEvent tool node of a workflow, worked
 * out independently of n8n: the name from the node's name, the automatic description from the
 * operation's `action` text in our node's own description, the arguments from the `$fromAI()` calls.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InEvent } from '../../../nodes/InEvent/InEvent.node';

export const INEVENT_TOOL_TYPE = 'n8n-nodes-inevent.inEventTool';

export interface ExpectedArgument {
	type: string;
	description: string;
	/** Present when the `$fromAI` call gives a default: then the argument is optional. */
	default?: unknown;
}

export interface ExpectedTool {
	name: string;
	description: string;
	arguments: Record<string, ExpectedArgument>;
}

interface WorkflowNode {
	name: string;
	type: string;
	parameters: IDataObject;
}

/** n8n's tool name for a node: every run of characters outside `[A-Za-z0-9_-]` becomes one `_`. */
export function toolNameOf(nodeName: string): string {
	return nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
}

/** `"<action> in <node's default name>"` for the resource and operation, as n8n's automatic mode words it. */
export function automaticDescription(resource: string, operation: string): string {
	const { description } = new InEvent();
	const operationProperty = description.properties.find(
		(property: INodeProperties) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
	const option = operationProperty?.options?.find((candidate) => 'value' in candidate && candidate.value === operation);
	const action = option && 'action' in option ? option.action : undefined;
	if (!action) throw new Error(`the node's description has no action text for ${resource} › ${operation}`);
	return `${action} in ${String(description.defaults.name)}`;
}

const QUOTED = String.raw`\s*(?:"([^"]*)"|'([^']*)')\s*`;
const FROM_AI = new RegExp(String.raw`\$fromAI\(${QUOTED}(?:,${QUOTED})?(?:,${QUOTED})?(?:,\s*([^)]*?)\s*)?\)`, 'g');

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** The `$fromAI(key, description, type, default)` calls in a node's parameters (quotes without escapes). */
export function fromAiArguments(parameters: IDataObject): Record<string, ExpectedArgument> {
	const found: Record<string, ExpectedArgument> = {};
	for (const text of strings(parameters)) {
		for (const match of text.matchAll(FROM_AI)) {
			const [, keyA, keyB, descA, descB, typeA, typeB, rawDefault] = match;
			const argument: ExpectedArgument = {
				type: typeA ?? typeB ?? 'string',
				description: descA ?? descB ?? '',
			};
			if (rawDefault !== undefined && rawDefault !== '') argument.default = JSON.parse(rawDefault) as unknown;
			found[keyA ?? keyB] = argument;
		}
	}
	return found;
}

/** The InEvent tool nodes of a workflow, in the order they appear, as n8n should present them. */
export function expectedTools(workflow: IDataObject): ExpectedTool[] {
	return (workflow.nodes as WorkflowNode[])
		.filter((node) => node.type === INEVENT_TOOL_TYPE)
		.map((node) => ({
			name: toolNameOf(node.name),
			description: automaticDescription(String(node.parameters.resource), String(node.parameters.operation)),
			arguments: fromAiArguments(node.parameters),
		}));
}

/** The argument names a client must send: those without a default. */
export function requiredArguments(tool: ExpectedTool): string[] {
	return Object.entries(tool.arguments)
		.filter(([, argument]) => !('default' in argument))
		.map(([key]) => key)
		.sort();
}
