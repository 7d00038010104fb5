import type { INode } from 'n8n-workflow';

import { toUnixSeconds } from '../../helpers/types';
import { invalidInput } from '../../helpers/validation';
import type { SessionFieldKind } from './session.fields';

/** A session field value as InEvent takes it: dates as Unix seconds, capacity a whole number (0 = unlimited). */
export function sessionValue(
	node: INode,
	itemIndex: number,
	field: { key: string; label: string; kind: SessionFieldKind },
	raw: unknown,
): string {
	if (field.kind === 'date') return toUnixSeconds(node, itemIndex, field.label, raw);
	if (field.kind === 'capacity') {
		const number = Number(raw);
		if (raw === '' || raw === null || !Number.isInteger(number) || number < 0) {
			throw invalidInput(
				node,
				itemIndex,
				`Capacity must be a whole number, 0 for unlimited (got ${JSON.stringify(raw)})`,
			);
		}
		return String(number);
	}
	const text = String(raw ?? '');
	if (field.key === 'name' && text.trim() === '') throw invalidInput(node, itemIndex, 'Name must not be empty');
	return field.key === 'name' ? text.trim() : text;
}

/** InEvent refuses a session that ends before it starts; say so before any request. */
export function requireOrderedTimes(node: INode, itemIndex: number, begin: string, end: string): void {
	if (Number(end) < Number(begin)) throw invalidInput(node, itemIndex, 'End must not be before Start');
}
