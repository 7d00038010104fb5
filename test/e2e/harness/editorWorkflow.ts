import type { IDataObject } from 'n8n-workflow';

import { systemCredential } from '../../../tools/n8n/imports';
import { webhookNode } from '../../../tools/n8n/webhookBurst';
import type { N8nRest } from './n8nRest';

/**
 * What a user does in the editor once the package is installed: a credential, a workflow
 * (Webhook → InEvent Attendee › Get Many, answering with all items), published so its production
 * webhook is live. All through the editor's REST API of the running n8n.
 */
export async function publishAttendeeListWorkflow(
	rest: N8nRest,
	{ sandboxUrl, eventId, path, limit }: { sandboxUrl: string; eventId: string; path: string; limit: number },
): Promise<{ workflowId: string; credentialId: string }> {
	const credential = systemCredential(sandboxUrl);
	const created = await rest.call<{ id: string }>('POST', '/credentials', {
		name: credential.name,
		type: credential.type,
		data: credential.data,
	});
	const hook = webhookNode(path);
	hook.parameters = { ...(hook.parameters as IDataObject), responseData: 'allEntries' };
	const list: IDataObject = {
		id: `n-${path}-list`,
		name: 'List Attendees',
		type: 'n8n-nodes-inevent.inEvent',
		typeVersion: 1,
		position: [250, 0],
		parameters: {
			resource: 'attendee',
			operation: 'getAll',
			eventId: { __rl: true, mode: 'id', value: eventId },
			returnAll: false,
			limit,
		},
		credentials: { inEventApi: { id: created.id, name: credential.name } },
	};
	const workflow = await rest.call<{ id: string; versionId: string }>('POST', '/workflows', {
		name: 'Installer e2e: list attendees',
		nodes: [hook, list],
		connections: { [String(hook.name)]: { main: [[{ node: list.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await rest.call<unknown>('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	return { workflowId: workflow.id, credentialId: created.id };
}
