/**
 * The InEvent node as an AI tool in a real n8n, through the two examples that ship for it: the MCP
 * Server Trigger example driven by the official MCP SDK client (Streamable HTTP), and the
 * registration-desk example (Webhook → AI Agent) whose model is a scripted OpenAI-compatible fake.
 * One n8n serves both for the whole file.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { AGENT_EXAMPLE, MCP_EXAMPLE, askAgent, serveAiExamples } from './harness/aiExamples';
import type { ServedAiExamples } from './harness/aiExamples';
import { callMcpTool, connectMcp } from './harness/mcpClient';
import { installedVersion, selectedN8nInstall } from '../../tools/n8n/n8nVersions';
import { startOpenAiFake, textOf } from './harness/openAiFake';
import type { OpenAiFake } from './harness/openAiFake';
import { measuringRates } from './harness/rateSection';
import { useRealN8n } from './harness/suite';
import { expectedTools, requiredArguments } from './harness/toolExpectations';
import { wireStats } from '../../tools/n8n/webhookBurst';

const BEARER_TOKEN = 'e2e-mcp-clients-token-7d41c9';
const { eventA, admin, attendee } = SANDBOX_FIXTURES;
const N8N_VERSION = installedVersion(selectedN8nInstall()) ?? 'unknown';
const env = useRealN8n();
let fake: OpenAiFake;
let served: ServedAiExamples;

beforeAll(async () => {
	fake = await startOpenAiFake();
	served = await serveAiExamples(env.n8n(), { bearerToken: BEARER_TOKEN, openAiBaseUrl: fake.baseUrl });
}, 300_000);
afterAll(async () => {
	await served?.served.stop();
	await fake?.close();
});

/** The event's attendees whose email is `email` (any case), as the sandbox stores them. */
function attendeesWithEmail(sandbox: Sandbox, email: string): string[] {
	const personIds = [...(sandbox.store.memberships.get(eventA.eventId)?.keys() ?? [])];
	return personIds.filter((id) => sandbox.store.persons.get(id)?.email.toLowerCase() === email.toLowerCase());
}

function itemsOf(text: string): IDataObject[] {
	return JSON.parse(text) as IDataObject[];
}

describe('the MCP example, driven by the official MCP client', () => {
	let client: Client;
	beforeAll(async () => {
		client = await connectMcp(served.mcpUrl, BEARER_TOKEN);
	});
	afterAll(async () => {
		await client?.close();
	});

	it('refuses a client without the bearer token or with a wrong one, and runs nothing', async () => {
		env.sandbox().clearLog();
		await expect(connectMcp(served.mcpUrl, undefined)).rejects.toMatchObject({ code: 403 });
		await expect(connectMcp(served.mcpUrl, 'not-the-token')).rejects.toMatchObject({ code: 403 });
		expect(env.sandbox().requests).toEqual([]);
	});

	it('lists the five tools with the names, automatic descriptions and argument schemas n8n derives', async () => {
		const { tools } = await client.listTools();
		console.log(`[ai] n8n ${N8N_VERSION}: tools/list as an MCP client received it:\n${JSON.stringify(tools, null, 2)}`);
		const expected = expectedTools(MCP_EXAMPLE);
		expect(expected).toHaveLength(5);
		expect(tools.map((tool) => tool.name).sort()).toEqual(expected.map((tool) => tool.name).sort());
		for (const tool of expected) {
			const listed = tools.find((candidate) => candidate.name === tool.name);
			expect({ name: tool.name, description: listed?.description }).toEqual({
				name: tool.name,
				description: tool.description,
			});
			expect(listed?.inputSchema.properties).toEqual(tool.arguments);
			expect([...(listed?.inputSchema.required ?? [])].sort()).toEqual(requiredArguments(tool));
		}
	});

	it('looks an attendee up by email, then checks her in with the person ID it returned', async () => {
		const stored = env.sandbox().store.findPersonByEmail(attendee.username);
		const found = await callMcpTool(client, 'Find_Attendee_By_Email', { email: attendee.username.toUpperCase() });
		expect(found.isError).toBe(false);
		const [person] = itemsOf(found.text);
		expect(person).toMatchObject({ personID: stored?.personID, name: stored?.name, email: stored?.email });

		const scansBefore = env.sandbox().store.checklogsOf(eventA.eventId).length;
		const checkedIn = await callMcpTool(client, 'Check_In_Attendee', { personId: person.personID });
		expect(checkedIn.isError).toBe(false);
		const scans = env.sandbox().store.checklogsOf(eventA.eventId);
		expect(scans).toHaveLength(scansBefore + 1);
		expect(scans[scans.length - 1]).toMatchObject({ personID: stored?.personID, activityID: '0' });
	});

	it('registers a person sent twice once: one attendee for that email, and a company left out is kept', async () => {
		const args = { name: 'Maria Lopez', email: 'maria.lopez@example.com', company: 'Acme' };
		const first = await callMcpTool(client, 'Register_Or_Update_Attendee', args);
		const second = await callMcpTool(client, 'Register_Or_Update_Attendee', { name: args.name, email: args.email });
		expect([first.isError, second.isError]).toEqual([false, false]);
		expect(itemsOf(first.text)[0]).toMatchObject({ created: true });
		expect(itemsOf(second.text)[0]).toMatchObject({ created: false });
		const registered = attendeesWithEmail(env.sandbox(), args.email);
		expect(registered).toHaveLength(1);
		expect(env.sandbox().store.persons.get(registered[0])).toMatchObject({ name: args.name, company: 'Acme' });
	});

	it('calls any InEvent action by the name and parameters the client gives (Call an Action with $fromAI)', async () => {
		env.sandbox().clearLog();
		const called = await callMcpTool(client, 'Call_InEvent_Action', {
			action: 'event.get',
			query: JSON.stringify({ eventID: eventA.eventId }),
		});
		expect(called.isError).toBe(false);
		expect(itemsOf(called.text)[0]).toMatchObject({ eventID: eventA.eventId, name: eventA.name });
		expect(
			env
				.sandbox()
				.requests.filter((entry) => entry.action === 'event.get')
				.map((entry) => entry.query.eventID),
		).toEqual([eventA.eventId]);

		const unknown = await callMcpTool(client, 'Call_InEvent_Action', { action: 'nothing.here' });
		expect(unknown.isError).toBe(true);
		expect(unknown.text).toContain("InEvent refused nothing.here (HTTP 400: action nothing.here doesn't exist)");
		expect(unknown.text).not.toContain(admin.password);
	});

	it('answers an unknown email with isError and the node message, without the password or any token', async () => {
		const email = 'nobody.here@example.com';
		const result = await callMcpTool(client, 'Find_Attendee_By_Email', { email });
		console.log(`[ai] n8n ${N8N_VERSION}: the MCP error result's text:\n${result.text}`);
		expect(result.isError).toBe(true);
		expect(result.text).toContain("Couldn't find the email");
		expect(result.text).toContain(email);
		expect(result.text).not.toContain(admin.password);
		const tokens = [...env.sandbox().store.tokens.keys()];
		expect(tokens.length).toBeGreaterThan(0);
		for (const token of tokens) expect(result.text).not.toContain(token);
	});

	it('30 tool calls at once from 3 clients, with the sandbox at InEvent rate limits, all succeed without a 429', async () => {
		const sandbox = env.sandbox();
		const people = sandbox
			.seedAttendees(eventA.eventId, 15)
			.map((personId) => sandbox.store.persons.get(personId))
			.filter((person) => person !== undefined);
		const clients = await Promise.all([1, 2, 3].map(() => connectMcp(served.mcpUrl, BEARER_TOKEN)));
		sandbox.setRateLimits(true);
		sandbox.setLatency(300);
		sandbox.clearLog();
		try {
			const calls = clients.flatMap((caller, c) =>
				Array.from({ length: 10 }, (_, i) => {
					const person = people[(c * 10 + i) % people.length];
					const lookUp = i % 2 === 0;
					return lookUp
						? { caller, person, lookUp, tool: 'Find_Attendee_By_Email', args: { email: person.email } }
						: { caller, person, lookUp, tool: 'Search_Attendees', args: { name: person.name } };
				}),
			);
			// Within the file's default timeout (180 s) with room for another job's rate section to end first.
			let started = 0;
			const results = await measuringRates('ai.e2e: 30 MCP tool calls', () => {
				started = Date.now();
				return Promise.all(calls.map((call) => callMcpTool(call.caller, call.tool, call.args)));
			});
			const stats = wireStats(sandbox.requests);
			const answered429 = sandbox.requests.filter((entry) => entry.status === 429).length;
			console.log(
				`[ai] n8n ${N8N_VERSION}: 30 MCP tool calls in ${((Date.now() - started) / 1000).toFixed(1)} s; wire: ${stats.calls} calls, ${stats.signIns} sign-ins, ${answered429} × 429, max ${stats.maxStartsInAnySecondPerToken} starts/s per token`,
			);
			expect(results.filter((result) => result.isError).map((result) => result.text)).toEqual([]);
			calls.forEach((call, index) => {
				const ids = itemsOf(results[index].text).map((item) => item.personID);
				if (call.lookUp) expect(ids).toEqual([call.person.personID]);
				else expect(ids).toContain(call.person.personID);
			});
			expect(answered429).toBe(0);
		} finally {
			sandbox.setRateLimits(false);
			sandbox.setLatency(0);
			await Promise.all(clients.map((caller) => caller.close()));
		}
	});
});

/** The personID quoted in a tool's result text, as a model would read it. */
function personIdIn(toolResult: string | undefined): string {
	return toolResult?.match(/"personID"\s*:\s*"?(\d+)/)?.[1] ?? 'none';
}

describe('the registration desk example: Webhook, AI Agent and a scripted OpenAI-compatible model', () => {
	it('offers the model the four InEvent tools with their JSON schemas', async () => {
		fake.play({ answer: () => 'Hello from the desk.' });
		const first = fake.requests.length;
		const reply = await askAgent(served.agentUrl, 'Hello');
		expect({ status: reply.status, output: reply.output }).toEqual({ status: 200, output: 'Hello from the desk.' });
		const offered = fake.requests[first].tools ?? [];
		const abridged = offered.map(({ function: { name, description, parameters } }) => ({
			name,
			description,
			parameters,
		}));
		console.log(`[ai] n8n ${N8N_VERSION}: the tools of a model request:\n${JSON.stringify(abridged, null, 2)}`);
		const expected = expectedTools(AGENT_EXAMPLE);
		expect(abridged.map((tool) => tool.name).sort()).toEqual(expected.map((tool) => tool.name).sort());
		for (const tool of expected) {
			const sent = abridged.find((candidate) => candidate.name === tool.name);
			expect({ name: tool.name, description: sent?.description }).toEqual({
				name: tool.name,
				description: tool.description,
			});
			expect(sent?.parameters?.properties).toEqual(tool.arguments);
			expect([...(sent?.parameters?.required ?? [])].sort()).toEqual(requiredArguments(tool));
		}
	});

	it('registers Ana Souza when asked and answers with the person ID InEvent gave her', async () => {
		const email = 'ana.souza@example.com';
		fake.play({
			call: { tool: 'Register_Or_Update_Attendee', args: { name: 'Ana Souza', email } },
			answer: (toolResult) => `Ana Souza is registered, person ID ${personIdIn(toolResult)}.`,
		});
		const reply = await askAgent(served.agentUrl, `Register Ana Souza, ${email}`);
		expect(reply.status).toBe(200);
		const registered = attendeesWithEmail(env.sandbox(), email);
		expect(registered).toHaveLength(1);
		expect(env.sandbox().store.persons.get(registered[0])?.name).toBe('Ana Souza');
		expect(reply.output).toBe(`Ana Souza is registered, person ID ${registered[0]}.`);
	});

	it('a failed look-up reaches the model as a tool message naming the problem, and the desk gets its reply', async () => {
		const email = 'walk.in@example.com';
		fake.play({
			call: { tool: 'Find_Attendee_By_Email', args: { email } },
			answer: (toolResult) => `The look-up failed: ${toolResult ?? 'no tool result'}`,
		});
		const first = fake.requests.length;
		const reply = await askAgent(served.agentUrl, `Is ${email} registered?`);
		const messages = fake.requests.slice(first).flatMap((request) => request.messages);
		const toolText = messages
			.filter((message) => message.role === 'tool')
			.map(textOf)
			.join('\n');
		console.log(
			`[ai] n8n ${N8N_VERSION}: webhook ${reply.status} ${reply.body.slice(0, 400)}\ntool message: ${toolText}`,
		);
		expect(toolText).toContain("Couldn't find the email");
		expect(toolText).toContain(email);
		expect(reply.status).toBe(200);
		expect(reply.output).toContain("Couldn't find the email");
	});
});
