import type { INodeProperties } from 'n8n-workflow';

/** A notice at the top of a resource whose InEvent API pages are missing: the user should know. */
export function inferredNotice(resource: string, what: string): INodeProperties {
	return {
		displayName: `InEvent does not document ${what}. This follows the action names of InEvent's SDKs and our reading of them (see the package README); fields marked "inferred" rely on that reading.`,
		name: `${resource}InferredNotice`,
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [resource] } },
	};
}
