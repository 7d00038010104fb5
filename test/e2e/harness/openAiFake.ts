/**
 * A scripted OpenAI-compatible Chat Completions server on loopback, to play the model behind n8n's
 * OpenAI Chat Model: it records every request body and answers from the script the test set, either
 * with a tool call or, once the conversation holds the tool's result, with a final text.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
}

export interface OfferedTool {
	type: string;
	function: { name: string; description?: string; parameters?: JsonSchemaObject };
}

export interface JsonSchemaObject {
	type?: string;
	properties?: Record<string, { type?: string; description?: string; default?: unknown }>;
	required?: string[];
	$schema?: string;
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
}

/** What the model does for one conversation. */
export interface ModelScript {
	/** The tool it calls first, with its arguments; none: it answers at once. */
	call?: { tool: string; args: Record<string, unknown> };
	/** Its final answer, from the text of the `role: "tool"` message (undefined when no tool was called). */
	answer(toolResult: string | undefined): string;
}

export interface OpenAiFake {
	/** `http://127.0.0.1:<port>/v1`: the base URL for an `openAiApi` credential. */
	readonly baseUrl: string;
	/** Every request body received on /v1/chat/completions, in arrival order. */
	readonly requests: ChatRequest[];
	/** The script for the conversations from now on. */
	play(script: ModelScript): void;
	close(): Promise<void>;
}

/** The text of a message, whether the client sent a string or content parts. */
export function textOf(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

function completion(message: ChatMessage, finishReason: string): object {
	return {
		id: `chatcmpl-fake-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'fake-model',
		choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

function reply(script: ModelScript, request: ChatRequest, callCount: number): object {
	const toolMessage = [...request.messages].reverse().find((message) => message.role === 'tool');
	if (script.call && !toolMessage) {
		const toolCall = {
			id: `call_fake_${callCount}`,
			type: 'function',
			function: { name: script.call.tool, arguments: JSON.stringify(script.call.args) },
		};
		return completion({ role: 'assistant', content: null, tool_calls: [toolCall] }, 'tool_calls');
	}
	const answer = script.answer(toolMessage ? textOf(toolMessage) : undefined);
	return completion({ role: 'assistant', content: answer }, 'stop');
}

function send(res: ServerResponse, status: number, body: object): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startOpenAiFake(): Promise<OpenAiFake> {
	const requests: ChatRequest[] = [];
	let script: ModelScript = { answer: () => 'No script was set for this test.' };
	const server: Server = createServer((req, res) => {
		void (async () => {
			const raw = await readBody(req);
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				send(res, 404, {
					error: { message: `the fake serves POST /v1/chat/completions, not ${req.method} ${req.url}` },
				});
				return;
			}
			const request = JSON.parse(raw) as ChatRequest;
			requests.push(request);
			if (request.stream === true) {
				send(res, 400, { error: { message: 'the fake does not stream: turn streaming off' } });
				return;
			}
			send(res, 200, reply(script, request, requests.length));
		})().catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		play: (next) => {
			script = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
