import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { findCustomDomain } from './lookups';
import { companyLocator, optionsCollection } from '../common.descriptions';
import { DOMAIN_FIELD_TYPES, requireDomainName } from './customDomain.fields';

const properties: INodeProperties[] = [
	companyLocator,
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. events.example.com',
		description: 'The host name to serve InEvent pages on, without "https://" or a path',
	},
	optionsCollection(),
];

export const description = showOnlyFor('customDomain', 'create', properties);

/** Registers a custom domain for the company (`ssl.create`); it stays pending until verified. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const domain = requireDomainName.call(this, itemIndex, this.getNodeParameter('domain', itemIndex));
	const { data } = await inEventApiRequest.call(this, 'ssl.create', {
		qs: { companyID: companyId },
		body: { domain },
		itemIndex,
		// Exactly once: a domain is unique in a company, so after an ambiguous failure look it up.
		recover: async () => await findCustomDomain.call(this, companyId, domain, itemIndex),
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, DOMAIN_FIELD_TYPES);
}
