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
				action: 'Add a custom domain',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a custom domain and its status (pending or active)',
				action: 'Get a custom domain',
			},
			{
				name: 'Get DNS Challenge',
				value: 'getChallenge',
				description: 'Get the DNS records to publish before verifying a custom domain',
				action: 'Get the DNS challenge of a custom domain',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the company's custom domains with their status",
				action: 'Get many custom domains',
			},
			{
				name: 'Verify',
				value: 'verify',
				description: 'Ask InEvent to check the DNS records and activate the domain',
				action: 'Verify a custom domain',
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
