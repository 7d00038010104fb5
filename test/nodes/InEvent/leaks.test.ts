import type { INodeParameters } from 'n8n-workflow';

import { SANDBOX_FIXTURES, startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { runNode, storedCredential } from '../../harness/runNode';
import type { StoredCredential } from '../../harness/credentialsHelper';
import { useRaisedLimits } from '../../harness/useSandbox';

const { admin, eventA, eventB } = SANDBOX_FIXTURES;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
// Over real HTTP on purpose: what must not leak includes what a real socket's errors carry (the
// request's path and headers). The sandbox's limits are off, so the pace is raised: the test is about
// what is shown, not about InEvent's pace, and takes no longer on a machine that is busy elsewhere.
useRaisedLimits({ perTokenPerSecond: 1000, perMachinePerSecond: 1000 });

/** Everything a user or a log could see of a run: output items, or the error's message, description and JSON. */
async function visibleOf(
	parameters: INodeParameters,
	credential: StoredCredential,
	continueOnFail: boolean,
): Promise<string> {
	try {
		const output = await runNode({
			parameters,
			credential,
			items: [{ id: eventA.eventId }, { id: '999999' }, { id: eventB.eventId }],
			continueOnFail,
		});
		return JSON.stringify(output);
	} catch (error) {
		const failure = error as Error & { description?: string };
		return [failure.message, failure.description, JSON.stringify(failure), failure.stack].join('\n');
	}
}

describe('secrets never appear in output items, error messages, descriptions or serialized errors', () => {
	it.each(['header', 'query'])('with the token sent as %s', async (authTransport) => {
		sandbox.reset();
		const system = storedCredential({
			region: 'custom',
			baseUrl: sandbox.url,
			username: admin.username,
			password: admin.password,
			authTransport,
		});
		const eventScope = storedCredential({
			region: 'custom',
			baseUrl: sandbox.url,
			username: admin.username,
			password: eventA.eventPassword,
			scope: 'event',
			eventId: eventA.eventId,
			authTransport,
		});
		const wrong = storedCredential({
			region: 'custom',
			baseUrl: sandbox.url,
			username: admin.username,
			password: 'leak-test-wrong-pw',
			authTransport,
		});
		const get = { resource: 'event', operation: 'get', eventId: byId('={{ $json.id }}') };
		const edit = {
			resource: 'event',
			operation: 'update',
			eventId: byId('={{ $json.id }}'),
			updateFields: { name: 'Leak Check' },
		};
		const sessions = { resource: 'activity', operation: 'getAll', eventId: byId('={{ $json.id }}') };
		const scan = {
			resource: 'checkIn',
			operation: 'checkIn',
			eventId: byId(eventA.eventId),
			identifyBy: 'code',
			code: '={{ $json.id }}',
		};
		const report = { resource: 'report', operation: 'getAttendees', eventId: byId('={{ $json.id }}'), output: 'items' };
		const domain = {
			resource: 'customDomain',
			operation: 'verify',
			companyId: byId(SANDBOX_FIXTURES.companyId),
			sslId: byId('={{ $json.id }}'),
		};
		const seen: string[] = [];
		for (const style of ['json', 'text', 'reason'] as const) {
			sandbox.setErrorStyle(style);
			for (const continueOnFail of [true, false]) {
				seen.push(await visibleOf(get, system, continueOnFail));
				seen.push(await visibleOf(edit, eventScope, continueOnFail));
				seen.push(await visibleOf(get, wrong, continueOnFail));
				for (const parameters of [sessions, scan, report, domain]) {
					seen.push(await visibleOf(parameters, system, continueOnFail));
					seen.push(await visibleOf(parameters, eventScope, continueOnFail));
				}
			}
		}
		sandbox.expireAllTokens();
		seen.push(await visibleOf(get, system, true));

		const secrets = [admin.password, eventA.eventPassword, 'leak-test-wrong-pw', ...sandbox.store.tokens.keys()];
		expect(sandbox.store.tokens.size).toBeGreaterThan(1);
		const text = seen.join('\n');
		expect(text).toContain('[item 1]');
		for (const secret of secrets) expect(text).not.toContain(secret);
		for (const secret of secrets) expect(text).not.toContain(encodeURIComponent(secret));
	}, 60_000);
});
