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

const resources = () =>
	(description.properties.find((property) => property.name === 'resource')?.options ?? []) as Array<{ value: string }>;

function operationsOf(resource: string) {
	const operation = description.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return (operation?.options ?? []) as Array<{ value: string; action?: string; description?: string }>;
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
		['event', 'get', ['eventId', 'simple', 'options']],
		['event', 'getAll', ['companyId', 'selection', 'returnAll', 'limit', 'filters', 'simple', 'options']],
		['event', 'update', ['eventId', 'updateFields', 'options']],
		['attendee', 'create', ['eventId', 'name', 'email', 'additionalFields', 'customFields', 'options']],
		['attendee', 'upsert', ['eventId', 'email', 'name', 'fields', 'customFields', 'options']],
		['attendee', 'get', ['eventId', 'lookupBy', 'personId', 'email', 'simple', 'options']],
		['attendee', 'getAll', ['eventId', 'selection', 'returnAll', 'limit', 'filters', 'simple', 'options']],
		['attendee', 'update', ['eventId', 'personId', 'updateFields', 'customFields', 'options']],
		['attendee', 'delete', ['eventId', 'personId', 'options']],
		['activity', 'create', ['eventId', 'name', 'dateBegin', 'dateEnd', 'additionalFields', 'options']],
		['activity', 'get', ['eventId', 'activityId', 'simple', 'options']],
		['activity', 'getAll', ['eventId', 'selection', 'returnAll', 'limit', 'filters', 'simple', 'options']],
		['activity', 'update', ['eventId', 'activityId', 'updateFields', 'options']],
		['activity', 'delete', ['eventId', 'activityId', 'options']],
		['activity', 'addAttendee', ['eventId', 'activityId', 'personId', 'options']],
		['activity', 'removeAttendee', ['eventId', 'activityId', 'personId', 'options']],
		['checkIn', 'checkIn', ['eventId', 'identifyBy', 'code', 'personId', 'place', 'activityId', 'options']],
		['checkIn', 'checkOut', ['eventId', 'identifyBy', 'code', 'personId', 'place', 'activityId', 'options']],
		['checkIn', 'getAll', ['eventId', 'direction', 'returnAll', 'limit', 'filters', 'options']],
		['customDomain', 'create', ['companyId', 'domain', 'options']],
		['customDomain', 'get', ['companyId', 'sslId', 'options']],
		['customDomain', 'getAll', ['companyId', 'options']],
		['customDomain', 'getChallenge', ['companyId', 'sslId', 'options']],
		['customDomain', 'verify', ['companyId', 'sslId', 'options']],
		['report', 'getAttendees', ['eventId', 'columns', 'output', 'binaryPropertyName', 'options']],
		['report', 'getColumns', ['eventId', 'options']],
		[
			'custom',
			'call',
			[
				'action',
				'specifyQuery',
				'queryParameters',
				'jsonQuery',
				'specifyBody',
				'bodyParameters',
				'jsonBody',
				'paginate',
				'returnAll',
				'limit',
				'options',
			],
		],
	])('%s › %s has parameters %p', (resource, operation, names) => {
		expect(parametersOf(resource, operation)).toEqual(names);
	});

	it('gives an AI agent a distinct action and description for every operation of every resource', () => {
		const actions = new Set<string>();
		for (const resource of resources()) {
			const options = operationsOf(resource.value);
			expect(options.length).toBeGreaterThan(0);
			for (const option of options) {
				expect(option.description?.length).toBeGreaterThan(15);
				expect(option.action).toBeTruthy();
				expect(actions.has(String(option.action))).toBe(false);
				actions.add(String(option.action));
				expect(parametersOf(resource.value, option.value).length).toBeGreaterThan(0);
			}
		}
		expect(actions.size).toBe(28);
	});

	it('pages with limit default 50', () => {
		const limit = description.properties.find((property) => property.name === 'limit');
		expect(limit?.default).toBe(50);
	});
});

describe('router', () => {
	it('runs every operation the description offers', async () => {
		const credential = storedCredential({
			region: 'custom',
			baseUrl: 'http://127.0.0.1:9/',
			username: 'a',
			password: 'b',
		});
		for (const { value: resource } of resources()) {
			for (const { value } of operationsOf(resource)) {
				// Empty parameters fail on validation or on the unreachable host, never as an unknown operation.
				const failure = await runNode({
					parameters: { resource, operation: value, options: { retries: 0 } },
					credential,
				}).catch((error: Error) => error);
				expect(String((failure as Error).message)).not.toMatch(/is not supported/);
			}
		}
	});

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
