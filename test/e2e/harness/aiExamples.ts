/**
 * The two AI examples (`examples/event-assistant-over-mcp.json`, `examples/registration-desk-agent.json`)
 * served by one `n8n start`: the credentials they refer to (ids read from the examples), both
 * workflows published, and their URLs once live.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { waitForMcp } from './mcpClient';
import type { N8nHome } from '../../../tools/n8n/n8n';
import { REPO_ROOT } from '../../../tools/n8n/n8n';
import { serveWebhooks } from '../../../tools/n8n/serveWebhooks';
import type { ServedN8n } from '../../../tools/n8n/serveWebhooks';

export const MCP_EXAMPLE = readExample('event-assistant-over-mcp.json');
export const AGENT_EXAMPLE = readExample('registration-desk-agent.json');

interface ExampleNode {
	name: string;
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
}

function readExample(file: string): IDataObject {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as IDataObject;
}

function nodeOfType(workflow: IDataObject, type: string): ExampleNode {
	const node = (workflow.nodes as ExampleNode[]).find((candidate) => candidate.type === type);
	if (!node) throw new Error(`${String(workflow.id)} has no ${type} node`);
	return node;
}

function credentialOf(node: ExampleNode, type: string): { id: string; name: string } {
	const credential = node.credentials?.[type];
	if (!credential) throw new Error(`${node.name} has no ${type} credential`);
	return credential;
}

export interface ServedAiExamples {
	served: ServedN8n;
	/** `<n8n>/mcp/<path>`: the MCP Server Trigger's production URL. */
	mcpUrl: string;
	/** `<n8n>/webhook/<path>`: the agent's Webhook. */
	agentUrl: string;
}

/**
 * Imports the examples' bearer-token and OpenAI credentials (the OpenAI one pointing at `openAiBaseUrl`)
 * and both workflows, publishes them, starts n8n and waits until both URLs answer.
 */
export async function serveAiExamples(
	home: N8nHome,
	{ bearerToken, openAiBaseUrl }: { bearerToken: string; openAiBaseUrl: string },
): Promise<ServedAiExamples> {
	const trigger = nodeOfType(MCP_EXAMPLE, '@n8n/n8n-nodes-langchain.mcpTrigger');
	const model = nodeOfType(AGENT_EXAMPLE, '@n8n/n8n-nodes-langchain.lmChatOpenAi');
	const hook = nodeOfType(AGENT_EXAMPLE, 'n8n-nodes-base.webhook');
	await home.importCredentials([
		{ ...credentialOf(trigger, 'httpBearerAuth'), type: 'httpBearerAuth', data: { token: bearerToken } },
		{ ...credentialOf(model, 'openAiApi'), type: 'openAiApi', data: { apiKey: 'sk-fake-e2e', url: openAiBaseUrl } },
	]);
	await home.importWorkflows([MCP_EXAMPLE, AGENT_EXAMPLE]);
	await home.activate(String(MCP_EXAMPLE.id));
	const hookPath = String(hook.parameters.path);
	const served = await serveWebhooks(
		home,
		[{ id: String(AGENT_EXAMPLE.id), path: hookPath }],
		join(home.folder, 'n8n-server.log'),
	);
	const mcpUrl = `${home.editorUrl}mcp/${String(trigger.parameters.path)}`;
	await waitForMcp(mcpUrl, { timeoutMs: 60_000 });
	return { served, mcpUrl, agentUrl: served.webhookUrl(hookPath) };
}

export interface AgentReply {
	status: number;
	body: string;
	/** The agent's answer (`output` of the JSON body), when there is one. */
	output?: string;
}

/** POSTs `{ message }` to the agent's webhook, as the desk's front end would. */
export async function askAgent(url: string, message: string): Promise<AgentReply> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ message }),
		signal: AbortSignal.timeout(120_000),
	});
	const body = await response.text();
	let output: string | undefined;
	try {
		const parsed = JSON.parse(body) as { output?: unknown };
		if (typeof parsed.output === 'string') output = parsed.output;
	} catch {
		// not JSON: an error page; the status and body say why
	}
	return { status: response.status, body, output };
}
