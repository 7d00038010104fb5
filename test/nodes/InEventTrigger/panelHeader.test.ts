import type { INodePropertyOptions } from 'n8n-workflow';

import { InEvent } from '../../../nodes/InEvent/InEvent.node';
import { InEventTrigger } from '../../../nodes/InEventTrigger/InEventTrigger.node';

/**
 * n8n's node panel folds a trigger into the action node whose type name it gives without "Trigger",
 * and heads that app (its triggers and actions) with the trigger's description (the editor's
 * useActionsGeneration). The editor test reads that header from the page.
 */
describe('the InEvent app’s header in n8n’s node panel', () => {
	const action = new InEvent().description;
	const trigger = new InEventTrigger().description;

	it('is one app: the trigger’s type name is the action node’s plus "Trigger"', () => {
		expect(trigger.name.replace('Trigger', '')).toBe(action.name);
	});

	it('names every resource of the app, not only what the trigger watches', () => {
		const resources = (action.properties.find((property) => property.name === 'resource')?.options ?? []).map(
			(option) => (option as INodePropertyOptions).name,
		);
		expect(resources).toHaveLength(7);
		const header = trigger.description.toLowerCase();
		expect(resources.filter((resource) => !header.includes(resource.toLowerCase()))).toEqual([]);
	});
});
