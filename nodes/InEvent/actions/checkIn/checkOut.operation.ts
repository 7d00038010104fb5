import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeScan, scanDescription } from './scan';

export const description = scanDescription('checkOut', 'out');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await executeScan.call(this, itemIndex, 'out');
}
