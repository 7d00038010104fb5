import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

export interface FieldEdit {
	key: string;
	value: string;
}

/**
 * Sends edits one call per field, in order, and returns the last answer. When one is refused, the
 * error says which fields were applied and which were not, so nothing is silently lost.
 */
export async function applyEditsOneByOne<T>(
	edits: FieldEdit[],
	send: (edit: FieldEdit) => Promise<T>,
): Promise<T | undefined> {
	let latest: T | undefined;
	for (const [position, edit] of edits.entries()) {
		try {
			latest = await send(edit);
		} catch (error) {
			const failure = error as NodeApiError | NodeOperationError;
			const applied = edits.slice(0, position).map(({ key }) => key);
			const notApplied = edits.slice(position).map(({ key }) => key);
			failure.message = `${failure.message}. Applied: ${applied.join(', ') || 'none'}; not applied: ${notApplied.join(', ')}`;
			throw failure;
		}
	}
	return latest;
}
