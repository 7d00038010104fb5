import { SANDBOX_FIXTURES, startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { runNode, storedCredential } from '../../../harness/runNode';
import { startTinyServer } from '../../../harness/tinyServer';

const { admin, eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const credential = () =>
	storedCredential({ region: 'custom', baseUrl: sandbox.url, username: admin.username, password: admin.password });
const getEvent = (eventId: string) => ({
	resource: 'event',
	operation: 'get',
	eventId: { __rl: true, mode: 'id', value: eventId },
});

async function failureOf(run: Promise<unknown>): Promise<Error> {
	try {
		await run;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the run to fail');
}

describe('inEventApiRequest', () => {
	it('puts the action and identifiers in the query, data in a form body, and always POSTs', async () => {
		await runNode({
			parameters: {
				resource: 'event',
				operation: 'update',
				eventId: { __rl: true, mode: 'id', value: eventA.eventId },
				updateFields: { name: 'Renamed' },
			},
			credential: credential(),
		});
		const edit = sandbox.requests.find((entry) => entry.action === 'event.edit');
		expect(edit).toMatchObject({
			method: 'POST',
			query: { action: 'event.edit', eventID: eventA.eventId, key: 'name' },
			body: { value: 'Renamed' },
		});
		expect(edit?.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
	});

	it.each(['json', 'text', 'reason'] as const)('reports what InEvent said in the %s error style', async (style) => {
		sandbox.setErrorStyle(style);
		const error = await failureOf(runNode({ parameters: getEvent('999999'), credential: credential() }));
		expect(error.message).toMatch(/^\[item 0\] InEvent refused event\.get \(HTTP 4\d\d: \S.+\)$/);
		const said = /HTTP \d+: (.*)\)$/.exec(error.message)?.[1];
		expect(said).toMatch(/eventID|event/i);
	});

	it('gives the same message whatever the error style', async () => {
		const messages: string[] = [];
		for (const style of ['json', 'text', 'reason'] as const) {
			sandbox.setErrorStyle(style);
			messages.push((await failureOf(runNode({ parameters: getEvent('999999'), credential: credential() }))).message);
		}
		expect(new Set(messages).size).toBe(1);
	});

	it('keeps tokens out of error messages and error items', async () => {
		const stored = credential();
		await runNode({ parameters: getEvent(eventA.eventId), credential: stored });
		const token = String(stored.data.tokenId);
		const output = await runNode({ parameters: getEvent('999999'), credential: stored, continueOnFail: true });
		expect(JSON.stringify(output)).not.toContain(token);
		const error = await failureOf(
			runNode({
				parameters: getEvent('999999'),
				credential: { ...stored, data: { ...stored.data, authTransport: 'query' } },
			}),
		);
		expect(
			JSON.stringify({ message: error.message, description: (error as { description?: string }).description }),
		).not.toContain(token);
	});

	it('refuses a 200 that is not the {count, data} envelope', async () => {
		const server = await startTinyServer((action, res) => {
			res.writeHead(200, { 'Content-Type': action === 'person.signIn' ? 'application/json' : 'text/html' });
			res.end(
				action === 'person.signIn' ? JSON.stringify({ count: 1, data: [{ tokenID: 'tok' }] }) : '<html>login</html>',
			);
		});
		try {
			const stored = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			await expect(runNode({ parameters: getEvent('1'), credential: stored })).rejects.toThrow(
				/\[item 0\] InEvent answered event\.get without its \{count, data\} envelope/,
			);
		} finally {
			await server.close();
		}
	});
});
