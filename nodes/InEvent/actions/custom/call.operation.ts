import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getOptions, getPageLimit } from '../../helpers/parameters';
import { invalidInput } from '../../helpers/validation';
import { inEventApiRequest, inEventApiRequestAllItems, redactTokens } from '../../transport';
import { limitProperty, optionsCollection, returnAllProperty } from '../common.descriptions';
import { actionParameters, requireActionName } from './actionParameters';
import { catalogueEntry, pagesWithLimit } from './catalogue';

function parametersFor(place: 'Query' | 'Body', examples: string): INodeProperties[] {
	const specify = `specify${place}`;
	return [
		{
			displayName: `Specify ${place} Parameters`,
			name: specify,
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'keypair' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'keypair',
		},
		{
			displayName: `${place} Parameters`,
			name: `${place.toLowerCase()}Parameters`,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			description: examples,
			displayOptions: { show: { [specify]: ['keypair'] } },
			options: [
				{
					name: 'parameters',
					displayName: 'Parameter',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: `${place} Parameters (JSON)`,
			name: `json${place}`,
			type: 'json',
			default: '{}',
			description: `${examples}, as one JSON object; a nested value is sent as JSON text in its field`,
			displayOptions: { show: { [specify]: ['json'] } },
		},
	];
}

const properties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The InEvent action, module.method. The list holds InEvent's 1,188 actions with the query and body parameters its SDKs send; an action it lacks can be typed by name.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchActions', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. event.person.find' },
		],
	},
	...parametersFor('Query', 'Identifiers and selectors, e.g. eventID, personID, selection'),
	...parametersFor('Body', 'Data values, e.g. name, email'),
	{
		displayName: 'Paginate',
		name: 'paginate',
		type: 'boolean',
		default: false,
		description:
			'Whether the action is a list read page by page with limit and offset (most *.find actions): the node asks for the pages itself, at 100 a page',
	},
	{ ...returnAllProperty, displayOptions: { show: { paginate: [true] } } },
	{ ...limitProperty, displayOptions: { show: { paginate: [true], returnAll: [false] } } },
	optionsCollection(
		[
			{
				displayName: "Include InEvent's Whole Answer",
				name: 'fullResponse',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item with count and data as InEvent answered, instead of one item per record',
			},
		],
		{ typedOutput: false },
	),
];

export const description = showOnlyFor('custom', 'call', properties);

/** Any string of the answer that holds a token is shown without it (an action may answer a person's own session). */
function withoutTokens(value: unknown): unknown {
	if (typeof value === 'string') return redactTokens(value);
	if (Array.isArray(value)) return value.map(withoutTokens);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutTokens(entry)]));
	}
	return value;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const action = requireActionName.call(
		this,
		itemIndex,
		this.getNodeParameter('action', itemIndex, '', { extractValue: true }),
	);
	const qs = actionParameters.call(this, itemIndex, 'query');
	const body = actionParameters.call(this, itemIndex, 'body');
	const request = { qs, body, itemIndex, keepEmpty: true };

	let records: IDataObject[];
	let count: number;
	if (this.getNodeParameter('paginate', itemIndex, false) === true) {
		const given = ['limit', 'offset'].filter((name) => qs[name] !== undefined);
		if (given.length > 0) {
			throw invalidInput(
				node,
				itemIndex,
				`Query Parameters: leave out ${given.join(' and ')} when Paginate is on (the node pages)`,
			);
		}
		if (catalogueEntry(action) && !pagesWithLimit(action)) {
			throw invalidInput(
				node,
				itemIndex,
				`Paginate: ${action} takes no limit and offset in InEvent's SDKs; turn Paginate off`,
			);
		}
		// A record seen on an earlier page (the list moved) is not repeated when it has its module's ID
		// (`event.person.find` → personID); rows without one are all kept, identical ones too.
		const module = action.split('.').slice(-2, -1)[0];
		records = await inEventApiRequestAllItems.call(this, action, request, {
			...getPageLimit.call(this, itemIndex, `${module}ID`),
			keepIdentical: true,
		});
		count = records.length;
	} else {
		({ data: records, count } = await inEventApiRequest.call(this, action, request));
	}
	const whole = getOptions.call(this, itemIndex).fullResponse === true;
	const json = withoutTokens(whole ? [{ count, data: records }] : records) as IDataObject[];
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } });
}
