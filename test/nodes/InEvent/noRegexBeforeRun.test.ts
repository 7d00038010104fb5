import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { InEvent } from '../../../nodes/InEvent/InEvent.node';
import { InEventTrigger } from '../../../nodes/InEventTrigger/InEventTrigger.node';
import { runNode, storedCredential } from '../../harness/runNode';

/** Every property, nested collections and fixed collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) =>
			'values' in option
				? allProperties(option.values)
				: 'name' in option && 'type' in option
					? allProperties([option as INodeProperties])
					: [],
		);
		return [property, ...nested];
	});
}

const modesOf = (property: INodeProperties): INodePropertyMode[] => property.modes ?? [];

describe('no regex of ours that n8n evaluates before an execution', () => {
	// n8n 2.41 checks resource-locator values against their modes' `validation` regexes before every run,
	// in a VM with a 250 ms wall-clock limit: a busy queue-mode worker failed executions with "Regular
	// expression execution timed out". IDs are checked by the node itself when it runs.
	it.each([
		['InEvent', new InEvent().description.properties],
		['InEvent Trigger', new InEventTrigger().description.properties],
	])('%s: no resource-locator mode has a regex validation or extraction', (_name, properties) => {
		const withRegex = allProperties(properties)
			.flatMap((property) => modesOf(property).map((mode) => ({ property: property.name, mode })))
			.filter(
				({ mode }) =>
					mode.validation?.some((rule) => typeof rule === 'object' && rule.type === 'regex') ||
					mode.extractValue !== undefined,
			)
			.map(({ property, mode }) => `${property}.${mode.name}`);
		expect(withRegex).toEqual([]);
	});

	it('a typed ID that is not a number still fails with the field and the item named', async () => {
		// No InEvent is reached: the base URL is never called.
		const run = runNode({
			credential: storedCredential({ baseUrl: 'http://127.0.0.1:9/', username: 'u', password: 'p' }),
			parameters: { resource: 'event', operation: 'get', eventId: { __rl: true, mode: 'id', value: '12a' } },
		});
		await expect(run).rejects.toThrow(/^\[item 0\] Event ID must be a number/);
	});
});
