import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { companyLocator, optionsCollection } from '../common.descriptions';
import { domainLocator, resolveDomainId } from './customDomain.fields';

const properties: INodeProperties[] = [companyLocator, domainLocator, optionsCollection([], { typedOutput: false })];

export const description = showOnlyFor('customDomain', 'getChallenge', properties);

/**
 * The DNS records to publish before verifying (`ssl.challenge`), one item per record with `type`,
 * `name` and `value`, ready for a DNS provider node. Record kinds are inferred (CNAME + TXT).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const sslId = await resolveDomainId.call(this, companyId, itemIndex);
	const { data } = await inEventApiRequest.call(this, 'ssl.challenge', {
		qs: { companyID: companyId, sslID: sslId },
		itemIndex,
	});
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), { itemData: { item: itemIndex } });
}
