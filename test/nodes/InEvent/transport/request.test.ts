import { resetAccountState } from '../../../../nodes/InEvent/transport/accounts';
import { REAL_CLOCK } from '../../../../nodes/InEvent/transport/pace';
import { SANDBOX_FIXTURES, startSandbox } from '../../../../sandbox';
import type { Sandbox } from '../../../../sandbox';
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

	it('refuses a 200 that is not the {count, data} envelope, after its retries with backoff', async () => {
		// The process's clock notes the retries' backoff (0.5 s and more) and goes on at once; the pace's own
		// short waits (its spacing, the loop-stall watch) run in real time as they would in n8n.
		const waits: number[] = [];
		resetAccountState({
			now: () => Date.now(),
			sleep: async (ms) => (ms >= 500 ? void waits.push(ms) : await REAL_CLOCK.sleep(ms)),
		});
		const server = await startTinyServer((action, res) => {
			res.writeHead(200, { 'Content-Type': action === 'person.signIn' ? 'application/json' : 'text/html' });
			res.end(
				action === 'person.signIn' ? JSON.stringify({ count: 1, data: [{ tokenID: 'tok' }] }) : '<html>login</html>',
			);
		});
		try {
			const stored = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			await expect(runNode({ parameters: getEvent('1'), credential: stored })).rejects.toThrow(
				/\[item 0\] InEvent answered event\.get without its \{count, data\} envelope.*\(after 4 tries\)/,
			);
			// Options › Retries (3): three waits of 0.5 s, 1 s and 2 s, each with up to 50% jitter.
			expect(waits).toHaveLength(3);
			[500, 1000, 2000].forEach((base, index) => {
				expect(waits[index]).toBeGreaterThanOrEqual(base);
				expect(waits[index]).toBeLessThanOrEqual(base * 1.5);
			});
		} finally {
			await server.close();
		}
	});

	it('a call resent with a refreshed token that is then revoked too refreshes once more and succeeds', async () => {
		// Tokens tok-1, tok-2, tok-3 in sign-in order. tok-1 works for the first call only (it "expires"),
		// and tok-2 is revoked after its first use: the call that was told to resend with it must refresh again.
		let signIns = 0;
		const uses = new Map<string, number>();
		const server = await startTinyServer((action, res, req) => {
			const send = (status: number, body: unknown) => {
				setTimeout(() => {
					res.writeHead(status, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify(body));
				}, 40);
			};
			if (action === 'person.signIn') return send(200, { count: 1, data: [{ tokenID: `tok-${++signIns}` }] });
			const token = String(req.headers.authorization ?? '').replace('Bearer ', '');
			const use = (uses.get(token) ?? 0) + 1;
			uses.set(token, use);
			const valid = token === 'tok-3' || use === 1;
			return valid
				? send(200, { count: 1, data: [{ eventID: '1', token }] })
				: send(401, { error: { message: 'tokenID is invalid' } });
		});
		try {
			const stored = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			const output = await runNode({
				parameters: { ...getEvent('1'), options: { maxConcurrentRequests: 5 } },
				credential: stored,
				items: [{}, {}, {}],
			});
			expect(output.map((item) => item.json.eventID)).toEqual(['1', '1', '1']);
			expect(signIns).toBe(3);
		} finally {
			await server.close();
		}
	});
});
