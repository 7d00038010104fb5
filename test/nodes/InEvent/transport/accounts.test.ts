import type { INodeExecutionData } from 'n8n-workflow';

import type { RequestLogEntry } from '../../../../sandbox';
import { wireStats } from '../../../../tools/n8n/webhookBurst';
import { runNode } from '../../../harness/runNode';
import type { StoredCredential } from '../../../harness/credentialsHelper';
import { byId, SANDBOX_FIXTURES } from '../../../harness/useSandbox';
import { at, useVirtualSandbox } from '../../../harness/virtualWire';

const { admin, otherAdmin, eventA, otherEvent } = SANDBOX_FIXTURES;

// Every test here runs many executions at once, each its own n8n execution context, as a webhook
// burst does: they share nothing but the credential (n8n's database) and this process.
// On virtual time (test/harness/virtualWire.ts): n8n-core's real request path, the sandbox in process,
// its rate limiter, latency and log times on the same clock as the node's pace.
const env = useVirtualSandbox({ rateLimits: true });

const getEvent = (eventId: string) => ({ resource: 'event', operation: 'get', eventId: byId(eventId) });

/** `count` executions at once, each of `items` items, all with the same stored credential (started now, not run). */
async function executions(
	credential: StoredCredential,
	count: number,
	items = 1,
	eventId: string = eventA.eventId,
): Promise<INodeExecutionData[][]> {
	return await Promise.all(
		Array.from({ length: count }, async () =>
			runNode({
				parameters: getEvent(eventId),
				credential,
				items: Array.from({ length: items }, () => ({})),
				continueOnFail: true,
			}),
		),
	);
}

/** `count` executions at once, run on virtual time until all are done. */
async function burst(...args: Parameters<typeof executions>): Promise<INodeExecutionData[][]> {
	return await env.run(executions(...args));
}

const calls = (action = 'event.get') => env.sandbox().requests.filter((entry) => entry.action === action);

/** The most calls that arrived on one token inside any 1-second span. */
const mostPerSecondOnOneToken = (entries: RequestLogEntry[]): number => wireStats(entries).maxStartsInAnySecondPerToken;

const errorsOf = (runs: INodeExecutionData[][]) =>
	runs.flat().flatMap((item) => (item.json.error === undefined ? [] : [String(item.json.error)]));

describe('one InEvent account, many executions of one process', () => {
	it('a cold credential met by 40 executions at once: one sign-in, no 429, never more than 10 calls a second', async () => {
		env.sandbox().setLatency(100);
		const runs = await burst(env.credential(), 40, 2);
		expect(errorsOf(runs)).toEqual([]);
		expect(calls('person.signIn')).toHaveLength(1);
		expect(calls()).toHaveLength(80);
		expect(env.sandbox().stats().rateLimited).toBe(0);
		expect(mostPerSecondOnOneToken(calls())).toBeLessThanOrEqual(10);
		expect(env.credential().saves).toBe(1);
	}, 60_000);

	it('a token refused in the middle of a burst is refreshed once for every execution, and each refused call resent once', async () => {
		env.sandbox().setLatency(100);
		const credential = env.credential();
		await burst(credential, 1);
		env.sandbox().clearLog();
		const expiry = at(env.clock(), 1200, () => env.sandbox().expireAllTokens());
		const runs = await burst(credential, 30);
		expiry.cancel();
		expect(errorsOf(runs)).toEqual([]);
		expect(calls('person.signIn')).toHaveLength(1);
		const refused = calls().filter((entry) => entry.status === 401).length;
		expect(refused).toBeGreaterThan(0);
		expect(calls().filter((entry) => entry.status === 200)).toHaveLength(30);
		expect(calls()).toHaveLength(30 + refused);
		expect(env.sandbox().stats().rateLimited).toBe(0);
	}, 60_000);

	it('takes the token another n8n process stored after a refusal, instead of signing in again', async () => {
		env.sandbox().setLatency(100);
		const credential = env.credential();
		await burst(credential, 1);
		const ours = String(credential.data.tokenId);
		env.sandbox().clearLog();
		const otherProcessSignsIn = at(env.clock(), 800, async () => {
			// Another worker: its own sign-in (on the same wire), saved in the shared database, and ours revoked meanwhile.
			const answer = await env.sandbox().handle({
				method: 'POST',
				url: `/?action=person.signIn&username=${encodeURIComponent(admin.username)}`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ password: admin.password }).toString(),
			});
			if (answer.kind !== 'answer') throw new Error('the other worker got no answer');
			const { data } = JSON.parse(answer.body) as { data: Array<{ tokenID: string }> };
			credential.data.tokenId = data[0].tokenID;
			env.sandbox().revokeToken(ours);
		});
		const runs = await burst(credential, 1, 30);
		otherProcessSignsIn.cancel();
		expect(errorsOf(runs)).toEqual([]);
		expect(calls('person.signIn')).toHaveLength(1);
		expect(calls().filter((entry) => entry.status === 200)).toHaveLength(30);
		expect(calls().filter((entry) => entry.status === 401).length).toBeGreaterThan(0);
	}, 60_000);

	it('two accounts do not slow each other down', async () => {
		const other = env.credentialAs(otherAdmin);
		const started = env.clock().now();
		const [mine, theirs] = await env.run(
			Promise.all([executions(env.credential(), 20), executions(other, 20, 1, otherEvent.eventId)]),
		);
		const seconds = (env.clock().now() - started) / 1000;
		expect(errorsOf([...mine, ...theirs])).toEqual([]);
		expect(calls('person.signIn')).toHaveLength(2);
		// 20 calls each at 10 per 1.05 s in parallel: about 2 s, not the 4 s of one shared pace.
		expect(seconds).toBeLessThan(3.5);
		expect(env.sandbox().stats().rateLimited).toBe(0);
	}, 60_000);

	it('with Processes = 2 this process keeps to 5 calls a second on the token', async () => {
		const credential = env.credential();
		credential.data.processes = 2;
		await burst(credential, 15);
		expect(mostPerSecondOnOneToken(calls())).toBeLessThanOrEqual(5);
	}, 60_000);
});

describe('sign-in under load', () => {
	it('a sign-in refused with 429 is waited out and tried again; no execution fails', async () => {
		env.sandbox().setFaults([{ kind: 'http429', actions: ['person.signIn'], times: 2 }]);
		const runs = await burst(env.credential(), 10);
		expect(errorsOf(runs)).toEqual([]);
		expect(calls('person.signIn').map((entry) => entry.status)).toEqual([429, 429, 200]);
		expect(calls()).toHaveLength(10);
	}, 60_000);

	it('a sign-in that meets a 503 is tried again', async () => {
		env.sandbox().setFaults([{ kind: 'http503', actions: ['person.signIn'], times: 1 }]);
		const runs = await burst(env.credential(), 5);
		expect(errorsOf(runs)).toEqual([]);
		expect(calls('person.signIn').map((entry) => entry.status)).toEqual([503, 200]);
	}, 60_000);

	it('a wrong password is tried once for all executions, and each says what to check', async () => {
		const credential = env.credentialAs({ username: admin.username, password: 'not-the-admin-password' });
		const runs = await burst(credential, 20);
		const errors = errorsOf(runs);
		expect(errors).toHaveLength(20);
		for (const error of errors) {
			expect(error).toMatch(
				/InEvent rejected the sign-in of user .*HTTP 401.*Check the username, the System-scope password/,
			);
			expect(error).not.toContain('not-the-admin-password');
		}
		expect(calls('person.signIn')).toHaveLength(1);
		expect(calls()).toHaveLength(0);
	}, 60_000);
});
