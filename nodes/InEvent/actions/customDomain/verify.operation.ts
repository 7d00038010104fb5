import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { companyLocator, optionsCollection } from '../common.descriptions';
import { DOMAIN_FIELD_TYPES, domainLocator, resolveDomainId } from './customDomain.fields';

const properties: INodeProperties[] = [companyLocator, domainLocator, optionsCollection()];

export const description = showOnlyFor('customDomain', 'verify', properties);

/**
 * Asks InEvent to check the DNS records (`ssl.verify`). A domain whose records are not visible yet
 * comes back `pending`, not as an error (inferred), so a workflow can wait and try again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const sslId = await resolveDomainId.call(this, companyId, itemIndex);
	const { data } = await inEventApiRequest.call(this, 'ssl.verify', {
		qs: { companyID: companyId, sslID: sslId },
		itemIndex,
	});
	return toOutputItems.call(this, data.slice(0, 1), itemIndex, DOMAIN_FIELD_TYPES);
}
