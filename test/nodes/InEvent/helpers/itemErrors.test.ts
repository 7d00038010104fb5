import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { runFailureItem, usesErrorOutput } from '../../../../nodes/InEvent/helpers/itemErrors';

const node = (onError?: INode['onError']): INode => ({
	id: 'node-1',
	name: 'InEvent',
	type: 'n8n-nodes-inevent.inEvent',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	...(onError ? { onError } : {}),
});

describe('item errors', () => {
	it("a run's failure names each item once: the first item's [item 0] becomes the item's own", () => {
		const failure = new NodeOperationError(node(), '[item 0] Retries must be a whole number from 0 to 10 (got 11)');
		expect(runFailureItem(failure, 2)).toEqual({
			json: { error: '[item 2] Retries must be a whole number from 0 to 10 (got 11)' },
			pairedItem: { item: 2 },
		});
		expect(runFailureItem('no item named', 0).json).toEqual({ error: '[item 0] no item named' });
		expect(failure.message).toBe('[item 0] Retries must be a whole number from 0 to 10 (got 11)');
	});

	it('only Continue (using error output) uses the error output', () => {
		expect(usesErrorOutput(node('continueErrorOutput'))).toBe(true);
		for (const onError of ['continueRegularOutput', 'stopWorkflow', undefined] as const)
			expect(usesErrorOutput(node(onError))).toBe(false);
	});
});
