import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireNumericId } from './validation';

/** Reads a resource-locator or plain ID parameter and checks it is a numeric InEvent ID. */
export function getIdParameter(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return requireNumericId(this.getNode(), itemIndex, label, value);
}

export function getOptions(this: IExecuteFunctions, itemIndex: number, name = 'options'): IDataObject {
	return this.getNodeParameter(name, itemIndex, {}) as IDataObject;
}
