import type { INodeProperties } from 'n8n-workflow';

export const companyLocator: INodeProperties = {
	displayName: 'Company',
	name: 'companyId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The InEvent company (workspace) that owns the events',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1001',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A company ID is a number' } }],
		},
	],
};

export const eventLocator: INodeProperties = {
	displayName: 'Event',
	name: 'eventId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The InEvent event',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchEvents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 73565',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'An event ID is a number' } }],
		},
	],
};

export const typedOutputOption: INodeProperties = {
	displayName: 'Typed Output',
	name: 'typedOutput',
	type: 'boolean',
	default: false,
	description:
		'Whether to convert InEvent\'s strings: known booleans to true/false, timestamps to ISO 8601, counts to numbers (IDs stay strings)',
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

export const attendeeLocator: INodeProperties = {
	displayName: 'Attendee',
	name: 'personId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The attendee (InEvent person) in the event',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAttendees', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1330',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A person ID is a number' } }],
		},
	],
};
