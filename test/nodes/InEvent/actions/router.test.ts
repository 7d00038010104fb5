import type { INode, INodeParameters } from 'n8n-workflow';

import { limitProperty } from '../../../../nodes/InEvent/actions/common.descriptions';
import { DEFAULT_PAGE_LIMIT } from '../../../../nodes/InEvent/helpers/parameters';
import { runNode } from '../../../harness/runNode';
import { byId, requestsOf, SANDBOX_FIXTURES, useSandbox } from '../../../harness/useSandbox';

const { eventA, admin } = SANDBOX_FIXTURES;
const env = useSandbox();

const TOOL_TYPE = 'n8n-nodes-inevent.inEventTool';
/** The tool variant as n8n's engine runs it for an AI Agent's tool call. */
const AGENT_CALL: Partial<INode> = { type: TOOL_TYPE, rewireOutputLogTo: 'ai_tool' };
/** The tool variant called in-process, as the MCP Server Trigger does. */
const MCP_CALL: Partial<INode> = { type: TOOL_TYPE };

const lookUp = (email: string): INodeParameters => ({
	resource: 'attendee',
	operation: 'get',
	eventId: byId(eventA.eventId),
	lookupBy: 'email',
	email,
});

const run = async (parameters: INodeParameters, node: Partial<INode> = {}, continueOnFail = false) =>
	await runNode({ parameters, credential: env.credential(), node, continueOnFail });

/** Every string InEvent or the credential holds that must never reach a model or a client. */
function secrets(): string[] {
	return [admin.password, ...env.sandbox().store.tokens.keys()];
}

describe('the node as a tool', () => {
	it("under an AI Agent, a failure is the tool's result: what went wrong, without [item 0] or a secret", async () => {
		const output = await run(lookUp('nobody@example.com'), AGENT_CALL);
		expect(output).toEqual([
			{
				json: { error: `Couldn't find the email nobody@example.com at event ${eventA.eventId}` },
				pairedItem: { item: 0 },
			},
		]);
		expect(secrets().length).toBeGreaterThan(1);
		for (const secret of secrets()) expect(JSON.stringify(output)).not.toContain(secret);
	});

	it('under an AI Agent, a bad input names the field', async () => {
		const [item] = await run({ resource: 'event', operation: 'get', eventId: byId('abc') }, AGENT_CALL);
		expect(item.json.error).toMatch(/^Event ID must be a number/);
	});

	it('under an AI Agent, an explicit On Error: Stop Workflow still stops the run', async () => {
		await expect(run(lookUp('nobody@example.com'), { ...AGENT_CALL, onError: 'stopWorkflow' })).rejects.toThrow(
			/^Couldn't find the email nobody@example\.com/,
		);
	});

	it('under an AI Agent with Continue On Fail, the error item carries the message without [item 0]', async () => {
		const [item] = await run(lookUp('nobody@example.com'), AGENT_CALL, true);
		expect(item.json).toEqual({ error: `Couldn't find the email nobody@example.com at event ${eventA.eventId}` });
	});

	it('called in-process (MCP Server Trigger), a failure is thrown for the client, without [item 0]', async () => {
		const failure = run(lookUp('nobody@example.com'), MCP_CALL);
		await expect(failure).rejects.toThrow(/^Couldn't find the email nobody@example\.com at event \d+$/);
	});

	it('as a workflow node, failures are unchanged: thrown, naming the item', async () => {
		await expect(run(lookUp('nobody@example.com'))).rejects.toThrow(/^\[item 0\] Couldn't find the email/);
	});

	it('a success is the same records as a workflow node gets', async () => {
		const [asNode] = await run(lookUp(SANDBOX_FIXTURES.attendee.username));
		const [asTool] = await run(lookUp(SANDBOX_FIXTURES.attendee.username), AGENT_CALL);
		expect(asTool.json).toEqual(asNode.json);
		expect(asTool.json.email).toBe(SANDBOX_FIXTURES.attendee.username);
	});

	it('Get Many with Limit at its default returns 10 records as a tool, 50 as a node; a Limit set is kept', async () => {
		const sandbox = env.sandbox();
		sandbox.seedAttendees(eventA.eventId, 60);
		const list = (limit?: number): INodeParameters => ({
			resource: 'attendee',
			operation: 'getAll',
			eventId: byId(eventA.eventId),
			...(limit === undefined ? {} : { limit }),
		});
		expect(limitProperty.default).toBe(DEFAULT_PAGE_LIMIT);
		expect(await run(list(), MCP_CALL)).toHaveLength(10);
		expect(await run(list(), AGENT_CALL)).toHaveLength(10);
		expect(await run(list())).toHaveLength(50);
		expect(await run(list(25), MCP_CALL)).toHaveLength(25);
		expect(requestsOf(sandbox, 'event.person.find').length).toBeGreaterThan(0);
	});
});
