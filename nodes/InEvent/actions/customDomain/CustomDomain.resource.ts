import type { INodeProperties } from 'n8n-workflow';

import { inferredNotice } from '../inferredNotice';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getChallenge from './getChallenge.operation';
import * as verify from './verify.operation';

export { create, get, getAll, getChallenge, verify };

export const description: INodeProperties[] = [
	inferredNotice('customDomain', 'its custom-domain API'),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customDomain'] } },
		options: [
			{
				name: 'Add',
				value: 'create',
				description: 'Register a custom domain (e.g. events.example.com) for the company',
				action: 'Add a custom domain for event pages',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a custom domain and its status (pending or active)',
				action: 'Get a custom domain and its status',
			},
			{
				name: 'Get DNS Challenge',
				value: 'getChallenge',
				description: 'Get the DNS records to publish before verifying a custom domain',
				action: 'Get the DNS records to publish for a domain',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the company's custom domains with their status",
				action: 'Get many custom domains of a company',
			},
			{
				name: 'Verify',
				value: 'verify',
				description: 'Ask InEvent to check the DNS records and activate the domain',
				action: 'Verify the DNS records of a custom domain',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...getChallenge.description,
	...verify.description,
];
