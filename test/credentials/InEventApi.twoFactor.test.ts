import { runNode, storedCredential } from '../harness/runNode';
import { startTinyServer } from '../harness/tinyServer';

const getEvent = { resource: 'event', operation: 'get', eventId: { __rl: true, mode: 'id', value: '1' } };

describe("an account that needs InEvent's emailed two-factor code", () => {
	it.each([
		['a refusal that mentions the code', 401, { error: { message: 'authorization code required' } }],
		['a 200 that asks to verify by email', 200, { count: 1, data: [{ personID: '1', verifyBy: 'email' }] }],
	])('gets a message that says so and what to do (%s), after one attempt', async (_label, status, body) => {
		const server = await startTinyServer((_action, res) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		});
		try {
			const credential = storedCredential({
				region: 'custom',
				baseUrl: server.url,
				username: 'admin@acme.test',
				password: 'pw-2fa',
			});
			const run = runNode({ parameters: getEvent, credential });
			await expect(run).rejects.toThrow(/two-factor code.*user that has two-factor authentication turned off/);
			await expect(run).rejects.not.toThrow(/pw-2fa/);
			expect(server.hits.map((hit) => hit.action)).toEqual(['person.signIn']);
		} finally {
			await server.close();
		}
	});
});
