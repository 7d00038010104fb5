import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runInOrder } from '../../../helpers/runInOrder';
import { executionSettingsOf } from '../../../transport';
import type { EventSync } from './eventReads';
import { removalItem, removeListed } from './mirror';

/** The removals of a mirror run, after every contact: one item each (the plan's with Preview Only). */
export async function runRemovals(
	this: IExecuteFunctions,
	events: Map<string, EventSync>,
	previewOnly: boolean,
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const removed: INodeExecutionData[] = [];
	for (const [eventId, { removal }] of events) {
		if (!removal) continue;
		if (previewOnly) {
			removed.push(...removal.removals.map((entry) => removalItem(entry, eventId, true)));
			continue;
		}
		const results = await runInOrder(removal.removals.length, executionSettingsOf(this).maxInFlight, async (index) => {
			try {
				return await removeListed.call(this, eventId, removal.removals[index]);
			} catch (error) {
				const failure = error as NodeOperationError;
				if (!continueOnFail) throw new NodeOperationError(this.getNode(), failure);
				return { json: { error: failure.message } };
			}
		});
		removed.push(...results);
	}
	return removed;
}
