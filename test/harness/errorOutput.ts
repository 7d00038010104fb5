import { WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { IDataObject, IExecuteData, INode, INodeExecutionData, INodeType, INodeTypes } from 'n8n-workflow';

import { InEvent } from '../../nodes/InEvent/InEvent.node';
import { additionalDataFor, executeContextFor } from './runNode';
import type { RunOptions } from './runNode';

const nodeType: INodeType = new InEvent();
const nodeTypes: INodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
};

/** The node before ours, whose output items are our input (so n8n can find an error item's input item). */
const INPUT_NODE: INode = {
	id: 'node-0',
	name: 'Input',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface RoutedRun {
	/** What the node returned, before n8n split it. */
	output: INodeExecutionData[];
	/** The success output as n8n's engine made it. */
	success: IDataObject[];
	/** The error output as n8n's engine made it. */
	error: IDataObject[];
}

/**
 * Runs the node with On Error › Continue (using error output), then splits its output with n8n-core's
 * own `WorkflowExecute.handleNodeErrorOutput` (the root's n8n-core, n8n 2.8) as n8n does in a
 * workflow whose input node is `Input`. The e2e suite checks the same on n8n 2.41 and 1.x.
 */
export async function runWithErrorOutput(options: Omit<RunOptions, 'continueOnFail'>): Promise<RoutedRun> {
	const { items = [{}], credential } = options;
	const context = executeContextFor({ ...options, node: { ...options.node, onError: 'continueErrorOutput' } });
	const [output] = await new InEvent().execute.call(context);
	const node = context.getNode();
	const inputItems: INodeExecutionData[] = items.map((json, item) => ({ json, pairedItem: { item } }));
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'test',
		nodes: [INPUT_NODE, node],
		connections: { [INPUT_NODE.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: {},
	});
	const runExecutionData = createRunExecutionData({
		resultData: {
			runData: {
				[INPUT_NODE.name]: [
					{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [inputItems] } },
				],
			},
		},
	});
	const executionData: IExecuteData = {
		node,
		data: { main: [inputItems] },
		source: { main: [{ previousNode: INPUT_NODE.name }] },
	};
	const split: INodeExecutionData[][] = [[...output]];
	new WorkflowExecute(additionalDataFor(credential), 'manual', runExecutionData).handleNodeErrorOutput(
		workflow,
		executionData,
		split,
		0,
	);
	return { output, success: split[0].map(({ json }) => json), error: (split[1] ?? []).map(({ json }) => json) };
}
