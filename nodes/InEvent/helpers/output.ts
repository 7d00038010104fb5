import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getOptions } from './parameters';
import type { SimplifySpec } from './simplify';
import { simplifyRecord } from './simplify';
import type { FieldTypes } from './types';
import { toTypedOutput } from './types';

/**
 * Output items paired with the input item: cut down to a few fields when the operation has Simplify
 * (`simple`) and it is on, then typed when the user turned on Options › Typed Output.
 */
export function toOutputItems(
	this: IExecuteFunctions,
	records: IDataObject[],
	itemIndex: number,
	types: FieldTypes,
	simplify?: SimplifySpec,
): INodeExecutionData[] {
	const options = getOptions.call(this, itemIndex);
	const simple = simplify !== undefined && this.getNodeParameter('simple', itemIndex, true) === true;
	const kept = simple ? records.map((record) => simplifyRecord(record, simplify)) : records;
	const json = options.typedOutput === true ? kept.map((record) => toTypedOutput(record, types)) : kept;
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData: { item: itemIndex } });
}
