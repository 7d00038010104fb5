/**
 * The official MCP SDK client (Streamable HTTP) against an n8n MCP Server Trigger, as a user's
 * assistant would connect to it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { waitUntilLive } from '../../../tools/n8n/webhookBurst';

export interface McpToolResult {
	isError: boolean;
	/** The text parts of the result, joined. */
	text: string;
}

/** Connects (the `initialize` handshake) with `Authorization: Bearer <token>`, or no header when token is undefined. */
export async function connectMcp(url: string, token: string | undefined): Promise<Client> {
	const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
	const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
	const client = new Client({ name: 'inevent-e2e', version: '1.0.0' });
	await client.connect(transport);
	return client;
}

export async function callMcpTool(client: Client, name: string, args: Record<string, unknown>): Promise<McpToolResult> {
	const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
	const parts = Array.isArray(result.content) ? (result.content as Array<{ type: string; text?: string }>) : [];
	return { isError: result.isError === true, text: parts.map((part) => part.text ?? '').join('\n') };
}

/**
 * Waits until n8n serves the MCP endpoint: a POST without credentials is answered 404 while n8n starts
 * or before the workflow is registered, and 401/403 from the trigger's authentication once it is.
 */
export async function waitForMcp(url: string, { timeoutMs }: { timeoutMs: number }): Promise<void> {
	await waitUntilLive(`the MCP endpoint ${url}`, timeoutMs, async () => {
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
				body: '{}',
				signal: AbortSignal.timeout(5000),
			});
			const body = await response.text();
			if (response.status === 401 || response.status === 403) return undefined;
			return `${response.status} ${body.slice(0, 200)}`;
		} catch (error) {
			return String(error);
		}
	});
}
