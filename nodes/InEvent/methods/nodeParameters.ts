import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** A numeric ID the user already chose in another parameter of this node, if any. */
export function idOfNode(this: ILoadOptionsFunctions, parameter: string): string | undefined {
	try {
		const value = this.getCurrentNodeParameter(parameter, { extractValue: true });
		return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
	} catch {
		return undefined;
	}
}
