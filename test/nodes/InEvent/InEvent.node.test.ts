import type { INodeProperties } from 'n8n-workflow';

import { InEvent } from '../../../nodes/InEvent/InEvent.node';
import { runNode, storedCredential } from '../../harness/runNode';

const { description } = new InEvent();

function parametersOf(resource: string, operation: string): string[] {
	return description.properties
		.filter((property: INodeProperties) => {
			const show = property.displayOptions?.show;
			return show?.resource?.includes(resource) && show?.operation?.includes(operation);
		})
		.map((property) => property.name);
}

describe('InEvent node description (parameter names are a public contract)', () => {
	it('is a usable-as-tool programmatic node with the InEvent credential', () => {
		expect(description.name).toBe('inEvent');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'inEventApi', required: true }]);
		expect(description.subtitle).toContain('operation');
	});

	it.each([
		['event', 'create', ['companyId', 'name', 'nickname', 'additionalFields', 'options']],
		['event', 'get', ['eventId', 'options']],
		['event', 'getAll', ['companyId', 'selection', 'returnAll', 'limit', 'filters', 'options']],
		['event', 'update', ['eventId', 'updateFields', 'options']],
		['attendee', 'create', ['eventId', 'name', 'email', 'additionalFields', 'options']],
		['attendee', 'get', ['eventId', 'lookupBy', 'personId', 'email', 'options']],
		['attendee', 'getAll', ['eventId', 'selection', 'returnAll', 'limit', 'filters', 'options']],
		['attendee', 'update', ['eventId', 'personId', 'updateFields', 'options']],
		['attendee', 'delete', ['eventId', 'personId', 'options']],
	])('%s › %s has parameters %p', (resource, operation, names) => {
		expect(parametersOf(resource, operation)).toEqual(names);
	});

	it('pages with limit default 50', () => {
		const limit = description.properties.find((property) => property.name === 'limit');
		expect(limit?.default).toBe(50);
	});
});

describe('router', () => {
	it('refuses an operation it does not know, naming the item', async () => {
		const credential = storedCredential({
			region: 'custom',
			baseUrl: 'http://127.0.0.1:9/',
			username: 'a',
			password: 'b',
		});
		await expect(runNode({ parameters: { resource: 'event', operation: 'archive' }, credential })).rejects.toThrow(
			'[item 0] The operation "archive" of resource "event" is not supported',
		);
	});

	it('refuses options out of range before any request, naming the field', async () => {
		const credential = storedCredential({
			region: 'custom',
			baseUrl: 'http://127.0.0.1:9/',
			username: 'a',
			password: 'b',
		});
		await expect(
			runNode({
				parameters: {
					resource: 'event',
					operation: 'get',
					eventId: { __rl: true, mode: 'id', value: '1' },
					options: { retries: 50 },
				},
				credential,
			}),
		).rejects.toThrow('[item 0] Retries must be a whole number from 0 to 10 (got 50)');
	});
});
