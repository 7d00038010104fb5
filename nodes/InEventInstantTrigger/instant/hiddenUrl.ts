import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { redactSecrets } from '../../InEvent/transport';

/**
 * InEvent signs no delivery, so whoever knows the trigger's URL can start the workflow: the URL is a
 * secret. Every text the trigger may show (an error, a log line) goes through here first.
 */
export function withoutUrl(text: string, url: string, node: INode): string {
	return redactSecrets(text, [url, encodeURIComponent(url), node.webhookId], '[webhook URL]');
}

interface ShownError {
	message?: unknown;
	description?: unknown;
}

/** The same failure, its message and description without the URL (nor anything else kept from the request). */
export function errorWithoutUrl(error: unknown, url: string, node: INode): NodeOperationError {
	const shown = (error ?? {}) as ShownError;
	const message = withoutUrl(String(shown.message ?? 'unknown failure'), url, node);
	const description = typeof shown.description === 'string' ? withoutUrl(shown.description, url, node) : undefined;
	return new NodeOperationError(node, message, description ? { description } : {});
}
