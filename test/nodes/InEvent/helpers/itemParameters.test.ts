import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { InEvent } from '../../../../nodes/InEvent/InEvent.node';
import { itemJsonPathOf, itemParameters } from '../../../../nodes/InEvent/helpers/itemParameters';
import { executeContextFor, storedCredential } from '../../../harness/runNode';

const credential = storedCredential({ username: 'admin@example.com', password: 'secret' });

/** Every kind of value a mapped parameter meets, and some the direct read must leave to n8n. */
const ITEMS: IDataObject[] = [
	{
		eventId: '1001',
		email: 'ada@example.com',
		'Full name': 'Ada Lovelace',
		org: { name: 'Analytical' },
		phone: 5550101,
		vip: true,
	},
	{ eventId: 1002, email: '', 'Full name': ' padded ', org: { name: '' }, phone: '+1 555', vip: false, size: 'M' },
	{ eventId: null, email: null, org: null, phone: Number.NaN, vip: 'yes', size: ['M', 'L'] },
	{ email: 42, 'Full name': { first: 'Grace' }, org: { name: { legal: 'Hopper Inc' } }, phone: 0 },
	{},
];

/** Create or Update as set in the editor, every value mapped from the input. */
const MAPPED: INodeParameters = {
	resource: 'attendee',
	operation: 'upsert',
	eventId: { __rl: true, mode: 'id', value: '={{ $json.eventId }}' },
	email: '={{ $json.email }}',
	name: '={{ $json["Full name"] }}',
	fields: {
		company: "={{ $json['org'].name }}",
		role: 'Speaker',
		telephone: '={{$json.phone}}',
		present: '={{ $json.vip }}',
	},
	options: { ignoreEmptyValues: true, matchStrategy: 'auto' },
	customFields: { field: [{ key: 'f_size', value: '={{ $json.size }}' }] },
};

/** The same node with values only n8n's expression engine can give. */
const COMPUTED: INodeParameters = {
	...MAPPED,
	eventId: { __rl: true, mode: 'list', value: '={{ String($json.eventId) }}' },
	email: '={{ $json.email.toUpperCase() }}',
	name: '=Hello {{ $json["Full name"] }}',
	fields: { company: '={{ $json.nothing }}', role: 'Speaker' },
	customFields: { field: [{ key: 'f_size', value: '={{ $json.size[0] }}' }] },
};

const NAMES = ['eventId', 'email', 'name', 'fields', 'options', 'customFields'];

function contextFor(parameters: INodeParameters, items: IDataObject[]) {
	const context = executeContextFor({ parameters, credential, items });
	// n8n drops parameters the node does not show for its resource and operation: these must all be there.
	for (const name of NAMES) expect(context.getNode().parameters[name]).toEqual(parameters[name]);
	return context;
}

describe('itemJsonPathOf: the expressions read from the item directly', () => {
	it.each([
		['={{ $json.email }}', ['email']],
		['={{$json.email}}', ['email']],
		['={{ $json["First name"] }}', ['First name']],
		["={{ $json['org'].name }}", ['org', 'name']],
		['={{ $json.a.b_c.$d }}', ['a', 'b_c', '$d']],
	])('%s → %j', (expression, path) => {
		expect(itemJsonPathOf(expression)).toEqual(path);
	});

	it.each([
		'{{ $json.email }}', // not an expression: no leading =
		'={{ $json.email.toUpperCase() }}',
		'={{ $json.email }} ',
		'=Hello {{ $json.name }}',
		'={{ $json.a + $json.b }}',
		'={{ $json[0] }}',
		'={{ $json[key] }}',
		'={{ $json }}',
		'={{ $("Contacts").item.json.email }}',
		'={{ $json.email || "none" }}',
		'={{ $json["a\\"b"] }}',
		"={{ $fromAI('email') }}",
	])('%s → left to n8n', (expression) => {
		expect(itemJsonPathOf(expression)).toBeUndefined();
	});
});

describe('itemParameters: the same values as getNodeParameter, through n8n-core', () => {
	it.each([
		['mapped', MAPPED],
		['computed', COMPUTED],
	])('every %s parameter of every item equals what n8n resolves', (_kind, parameters) => {
		const context = contextFor(parameters, ITEMS);
		const reader = itemParameters.call(context);
		for (const name of NAMES) {
			for (let itemIndex = 0; itemIndex < ITEMS.length; itemIndex++) {
				let expected: unknown;
				let expectedError: unknown;
				try {
					expected = context.getNodeParameter(name, itemIndex, 'fallback');
				} catch (error) {
					expectedError = error;
				}
				if (expectedError !== undefined) {
					expect(() => reader.get(name, itemIndex, 'fallback')).toThrow();
					continue;
				}
				expect({ name, itemIndex, value: reader.get(name, itemIndex, 'fallback') }).toEqual({
					name,
					itemIndex,
					value: expected,
				});
			}
		}
		for (let itemIndex = 0; itemIndex < ITEMS.length; itemIndex++) {
			expect({ itemIndex, eventId: reader.locatorValue('eventId', itemIndex) }).toEqual({
				itemIndex,
				eventId: context.getNodeParameter('eventId', itemIndex, '', { extractValue: true }),
			});
		}
	});

	it('a fixed event ID is read as it is, from a list or by ID', () => {
		for (const mode of ['list', 'id']) {
			const context = contextFor({ ...MAPPED, eventId: { __rl: true, mode, value: '1001' } }, ITEMS);
			const engine = jest.spyOn(context, 'getNodeParameter');
			expect(itemParameters.call(context).locatorValue('eventId', 3)).toBe('1001');
			expect(engine).not.toHaveBeenCalled();
		}
	});

	it("no From List or By ID mode of the node's locators extracts its value: what locatorValue assumes", () => {
		const properties = new InEvent().description.properties.filter((property) => property.type === 'resourceLocator');
		expect(properties.length).toBeGreaterThan(0);
		for (const property of properties)
			for (const mode of (property.modes ?? []).filter(({ name }) => name === 'list' || name === 'id')) {
				expect({ locator: property.name, mode: mode.name, extracts: 'extractValue' in mode }).toEqual({
					locator: property.name,
					mode: mode.name,
					extracts: false,
				});
			}
	});

	it('a parameter not set gives the fallback, as getNodeParameter does', () => {
		const context = contextFor(MAPPED, ITEMS);
		expect(itemParameters.call(context).get('notAParameter', 0, 'fallback')).toBe('fallback');
	});

	it('mapped fields holding strings, numbers and booleans are read without the expression engine', () => {
		const context = contextFor(MAPPED, ITEMS);
		const reader = itemParameters.call(context);
		const engine = jest.spyOn(context, 'getNodeParameter');
		expect(reader.get('email', 0)).toBe('ada@example.com');
		expect(reader.get('name', 1)).toBe(' padded ');
		expect(reader.get('fields', 0)).toEqual({
			company: 'Analytical',
			role: 'Speaker',
			telephone: 5550101,
			present: true,
		});
		expect(reader.get('options', 0)).toEqual({ ignoreEmptyValues: true, matchStrategy: 'auto' });
		expect(reader.get('customFields', 1)).toEqual({ field: [{ key: 'f_size', value: 'M' }] });
		expect(engine).not.toHaveBeenCalled();
	});

	it('null, NaN, objects, arrays, missing keys and other expressions go through the expression engine', () => {
		const context = contextFor(MAPPED, ITEMS);
		const reader = itemParameters.call(context);
		const engine = jest.spyOn(context, 'getNodeParameter');
		reader.get('email', 2); // null
		reader.get('fields', 2); // org is null, phone NaN
		reader.get('name', 3); // an object
		reader.get('customFields', 2); // an array
		reader.get('email', 4); // no such key
		expect(engine.mock.calls.map(([name, itemIndex]) => [name, itemIndex])).toEqual([
			['email', 2],
			['fields', 2],
			['name', 3],
			['customFields', 2],
			['email', 4],
		]);
	});

	it('expressions that compute go through the expression engine', () => {
		const context = contextFor(COMPUTED, ITEMS);
		const reader = itemParameters.call(context);
		const engine = jest.spyOn(context, 'getNodeParameter');
		for (const name of ['email', 'name', 'fields', 'customFields']) reader.get(name, 0, '');
		expect(engine).toHaveBeenCalledTimes(4);
		expect(reader.get('email', 0)).toBe('ADA@EXAMPLE.COM');
		expect(reader.get('name', 0)).toBe('Hello Ada Lovelace');
	});
});
