import type { INodeProperties } from 'n8n-workflow';

interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
}

/**
 * An InEvent ID picked from a searchable list or typed. IDs are numbers, checked when the node runs
 * (`[item 3] Event ID must be a number`), not by a `validation` regex on the mode: n8n 2.41 runs such a
 * regex before every execution in a VM with a 250 ms wall-clock limit, and a busy queue-mode worker failed
 * an execution with "Regular expression execution timed out" (the queue-mode e2e, 200 executions at once).
 */
function idLocator({
	displayName,
	name,
	description,
	searchListMethod,
	placeholder,
}: LocatorSpec): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
			},
		],
	};
}

export const companyLocator = idLocator({
	displayName: 'Company',
	name: 'companyId',
	description: 'The InEvent company (workspace) that owns the events',
	searchListMethod: 'searchCompanies',
	placeholder: 'e.g. 1001',
});

export const eventLocator = idLocator({
	displayName: 'Event',
	name: 'eventId',
	description: 'The InEvent event',
	searchListMethod: 'searchEvents',
	placeholder: 'e.g. 73565',
});

export const attendeeLocator = idLocator({
	displayName: 'Attendee',
	name: 'personId',
	description: 'The attendee (InEvent person) in the event',
	searchListMethod: 'searchAttendees',
	placeholder: 'e.g. 1330',
});

export const typedOutputOption: INodeProperties = {
	displayName: 'Typed Output',
	name: 'typedOutput',
	type: 'boolean',
	default: false,
	description:
		"Whether to convert InEvent's strings: known booleans to true/false, timestamps to ISO 8601, counts to numbers (IDs stay strings)",
};

/** How fast and how patiently the node calls InEvent (inevent-api.md §7: a token is blocked above 10 calls a second). */
const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Requests Per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		description: 'The node never starts more InEvent calls than this in any second. InEvent blocks a token above 10.',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrentRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 5,
		description:
			'How many InEvent calls may be waiting for an answer at once (items are processed this many at a time)',
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How many more times a call is tried after a network failure, a timeout or an InEvent 5xx. Creates and removals are first checked, never blindly resent.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 30,
		description: 'How long to wait for InEvent to answer one call',
	},
];

/** The "Options" collection of every operation: pacing, Typed Output where records come back, and its own. */
export function optionsCollection(
	extra: INodeProperties[] = [],
	{ typedOutput = true }: { typedOutput?: boolean | INodeProperties } = {},
): INodeProperties {
	const typed = typedOutput === true ? [typedOutputOption] : typedOutput === false ? [] : [typedOutput];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, ...typed, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** A `selection` multi-select of InEvent presets, stacked with "|" (AND) when sent. */
export function selectionProperty(presets: Array<{ name: string; value: string }>): INodeProperties {
	return {
		displayName: 'Selection',
		name: 'selection',
		type: 'multiOptions',
		options: presets,
		default: ['all'],
		description: 'InEvent presets; several are combined with AND',
	};
}

/** n8n's Simplify (as in its Notion and Gmail nodes): a dozen fields instead of InEvent's long records. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const sessionLocator = idLocator({
	displayName: 'Session',
	name: 'activityId',
	description: 'The session (agenda activity) in the event',
	searchListMethod: 'searchSessions',
	placeholder: 'e.g. 5001',
});
