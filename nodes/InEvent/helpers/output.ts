import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getOptions } from './parameters';
import type { FieldTypes } from './types';
import { toTypedOutput } from './types';

/** Output items paired with the input item, typed when the user turned on Options › Typed Output. */
export function toOutputItems(
	this: IExecuteFunctions,
	records: IDataObject[],
	itemIndex: number,
	types: FieldTypes,
): INodeExecutionData[] {
	const options = getOptions.call(this, itemIndex);
	const json = options.typedOutput === true ? records.map((record) => toTypedOutput(record, types)) : records;
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } });
}
