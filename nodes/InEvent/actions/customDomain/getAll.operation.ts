import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toOutputItems } from '../../helpers/output';
import { getIdParameter } from '../../helpers/parameters';
import { inEventApiRequest } from '../../transport';
import { companyLocator, optionsCollection } from '../common.descriptions';
import { DOMAIN_FIELD_TYPES } from './customDomain.fields';

const properties: INodeProperties[] = [companyLocator, optionsCollection()];

export const description = showOnlyFor('customDomain', 'getAll', properties);

/** Every custom domain of the company with its status (`ssl.find`; a company has a handful, one call). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const companyId = getIdParameter.call(this, 'companyId', 'Company ID', itemIndex);
	const { data } = await inEventApiRequest.call(this, 'ssl.find', { qs: { companyID: companyId }, itemIndex });
	return toOutputItems.call(this, data, itemIndex, DOMAIN_FIELD_TYPES);
}
