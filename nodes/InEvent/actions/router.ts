import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorItem, itemFailure, runFailureItem, usesErrorOutput } from '../helpers/itemErrors';
import { runInOrder } from '../helpers/runInOrder';
import { messageForModel, runModeOf } from '../helpers/toolCall';
import { invalidInput } from '../helpers/validation';
import { beginExecution, DEFAULT_EXECUTION_SETTINGS } from '../transport';
import type { ExecutionSettings } from '../transport';
import * as attendee from './attendee/Attendee.resource';
import * as checkIn from './checkIn/CheckIn.resource';
import * as custom from './custom/Custom.resource';
import * as customDomain from './customDomain/CustomDomain.resource';
import * as event from './event/Event.resource';
import * as report from './report/Report.resource';
import * as session from './session/Session.resource';
import type { InEventResource, InputExecute, OperationExecute } from './node.type';

const operations: Record<InEventResource, Record<string, OperationExecute>> = {
	event: {
		create: event.create.execute,
		get: event.get.execute,
		getAll: event.getAll.execute,
		update: event.update.execute,
	},
	attendee: {
		create: attendee.create.execute,
		get: attendee.get.execute,
		getAll: attendee.getAll.execute,
		update: attendee.update.execute,
		delete: attendee.delete.execute,
	},
	activity: {
		create: session.create.execute,
		get: session.get.execute,
		getAll: session.getAll.execute,
		update: session.update.execute,
		delete: session.delete.execute,
		addAttendee: session.addAttendee.execute,
		removeAttendee: session.removeAttendee.execute,
	},
	checkIn: {
		checkIn: checkIn.checkIn.execute,
		checkOut: checkIn.checkOut.execute,
		getAll: checkIn.getAll.execute,
	},
	customDomain: {
		create: customDomain.create.execute,
		get: customDomain.get.execute,
		getAll: customDomain.getAll.execute,
		getChallenge: customDomain.getChallenge.execute,
		verify: customDomain.verify.execute,
	},
	report: {
		getAttendees: report.getAttendees.execute,
		getColumns: report.getColumns.execute,
	},
	custom: {
		call: custom.call.execute,
	},
};

/** Operations that take the whole input at once. */
const wholeInputOperations: Partial<Record<InEventResource, Record<string, InputExecute>>> = {
	attendee: { upsert: attendee.upsert.execute },
};

/** Options › pace, timeout and retries, read once per execution from the first item; out of range → a clear error. */
function settingsFromOptions(this: IExecuteFunctions): ExecutionSettings {
	let options: IDataObject = {};
	try {
		options = this.getNodeParameter('options', 0, {}) as IDataObject;
	} catch {
		// an operation without an Options collection runs at the defaults
	}
	const node = this.getNode();
	const read = (name: string, label: string, fallback: number, min: number, max: number): number => {
		const value = options[name];
		if (value === undefined || value === '') return fallback;
		const number = Number(value);
		if (!Number.isInteger(number) || number < min || number > max) {
			throw invalidInput(
				node,
				0,
				`${label} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
			);
		}
		return number;
	};
	const defaults = DEFAULT_EXECUTION_SETTINGS;
	return {
		maxPerSecond: read('maxRequestsPerSecond', 'Max Requests Per Second', defaults.maxPerSecond, 1, 100),
		maxInFlight: read('maxConcurrentRequests', 'Max Concurrent Requests', defaults.maxInFlight, 1, 20),
		retries: read('retries', 'Retries', defaults.retries, 0, 10),
		timeoutMs: read('timeout', 'Timeout (Seconds)', defaults.timeoutMs / 1000, 1, 600) * 1000,
	};
}

/**
 * Runs the node. As an AI Agent's tool (n8n's engine runs it for the call), a failure becomes the
 * tool's result, `{ "error": … }`, so the model can tell the user or try again, unless On Error is
 * an explicit Stop Workflow; n8n's engine does the same itself only from n8n 2.24 on. Called
 * in-process (the MCP Server Trigger), the error is thrown and reaches the client as an error result.
 * Either way the message does not start with "[item 0]". As a workflow node under Continue (using
 * error output), a failure of the whole run fails every input item (see `usesErrorOutput`).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const mode = runModeOf(this);
	if (mode === 'workflow') {
		try {
			return await runItems.call(this);
		} catch (error) {
			// Items fail one by one under Continue On Fail; what is thrown here failed the whole run.
			const items = this.getInputData();
			if (!usesErrorOutput(this.getNode()) || items.length === 0) throw asNodeError(this.getNode(), error);
			return [items.map((_, itemIndex) => runFailureItem(error, itemIndex))];
		}
	}
	try {
		const output = await runItems.call(this);
		for (const item of output.flat()) {
			if (typeof item.json.error === 'string') item.json.error = messageForModel(item.json.error);
		}
		return output;
	} catch (error) {
		const failure = itemFailure(this.getNode(), error, 0);
		failure.message = messageForModel(failure.message);
		if (mode === 'agentTool' && this.getNode().onError !== 'stopWorkflow') return [[errorItem(failure, 0)]];
		throw failure;
	}
}

/**
 * Runs the chosen operation for every input item, several items at once (paced by the execution's
 * request scheduler), with output in input order. With Continue On Fail a failing item becomes an
 * error item in its place; without it, no new item starts after a failure and the first failing
 * item's error is raised.
 */
async function runItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const settings = settingsFromOptions.call(this);
	beginExecution(this, settings);
	const continueOnFail = this.continueOnFail();
	if (items.length === 0) return [[]];
	// Resource and operation take no expressions: the first item's are every item's.
	const wholeInput =
		wholeInputOperations[this.getNodeParameter('resource', 0) as InEventResource]?.[
			this.getNodeParameter('operation', 0) as string
		];
	if (wholeInput) return [await wholeInput.call(this)];

	const perItem = await runInOrder(items.length, settings.maxInFlight, async (itemIndex) => {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as InEventResource;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const execute = operations[resource]?.[operation];
			if (!execute) {
				throw new NodeOperationError(node, `The operation "${operation}" of resource "${resource}" is not supported`, {
					itemIndex,
				});
			}
			return await execute.call(this, itemIndex);
		} catch (error) {
			const failure = itemFailure(node, error, itemIndex);
			if (continueOnFail) return [errorItem(failure, itemIndex)];
			throw failure;
		}
	});
	return [perItem.flat()];
}
