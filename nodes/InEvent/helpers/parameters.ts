import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PageLimit } from '../transport/paginate';
import { requireNumericId } from './validation';

/** Reads a resource-locator or plain ID parameter and checks it is a numeric InEvent ID. */
export function getIdParameter(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return requireNumericId(this.getNode(), itemIndex, label, value);
}

export function getOptions(this: IExecuteFunctions, itemIndex: number, name = 'options'): IDataObject {
	return this.getNodeParameter(name, itemIndex, {}) as IDataObject;
}

/** Return All / Limit of a Get Many operation, as the pager takes them. */
export function getPageLimit(this: IExecuteFunctions, itemIndex: number, idKey: string): PageLimit {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return { returnAll, limit, idKey };
}
