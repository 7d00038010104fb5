import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PageLimit } from '../transport';
import { runModeOf, TOOL_PAGE_LIMIT } from './toolCall';
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
export function getPageLimit(this: IExecuteFunctions, itemIndex: number, idKey?: string): PageLimit {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : limitOf.call(this, itemIndex);
	return { returnAll, limit, idKey };
}

/** Limit's default in the editor (n8n's convention; its lint wants the literal in `limitProperty`, a test ties the two). */
export const DEFAULT_PAGE_LIMIT = 50;

/**
 * Limit as set. A tool's Get Many with Limit at its default returns TOOL_PAGE_LIMIT records (n8n
 * fills in defaults before a run, so a default Limit and a Limit set to 50 look the same).
 */
function limitOf(this: IExecuteFunctions, itemIndex: number): number {
	const limit = this.getNodeParameter('limit', itemIndex, DEFAULT_PAGE_LIMIT) as number;
	return runModeOf(this) !== 'workflow' && limit === DEFAULT_PAGE_LIMIT ? TOOL_PAGE_LIMIT : limit;
}
