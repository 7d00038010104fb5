import { SANDBOX_FIXTURES, startSandbox, type InProcessAnswer, type NetworkClock, type Sandbox } from '../../index';
import { call } from '../testClient';

const { admin, eventA } = SANDBOX_FIXTURES;

/** A network clock that moves only when told: sleeps resolve at once and add their time. */
class SteppedClock implements NetworkClock {
	time = 1_000_000;

	readonly slept: number[] = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		this.slept.push(ms);
		this.time += ms;
	}
}

let sandbox: Sandbox;
let clock: SteppedClock;

beforeAll(async () => {
	clock = new SteppedClock();
	sandbox = await startSandbox({ port: 0, rateLimits: true, networkClock: clock });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clock.slept.length = 0;
});

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function signIn(): Promise<string> {
	const answer = await sandbox.handle({
		method: 'POST',
		url: `/?action=person.signIn&username=${encodeURIComponent(admin.username)}`,
		headers: form,
		body: new URLSearchParams({ password: admin.password }).toString(),
	});
	if (answer.kind !== 'answer') throw new Error('no answer');
	return (JSON.parse(answer.body) as { data: Array<{ tokenID: string }> }).data[0].tokenID;
}

const eventGet = async (token: string): Promise<InProcessAnswer> =>
	await sandbox.handle({
		method: 'GET',
		url: `/?action=event.get&eventID=${eventA.eventId}`,
		headers: { Authorization: `Bearer ${token}` },
	});

describe('the in-process entry (Sandbox.handle)', () => {
	it('answers as the HTTP server does, and logs the call at the network clock', async () => {
		const token = await signIn();
		const inProcess = await eventGet(token);
		const overHttp = await call(sandbox, 'event.get', {
			method: 'GET',
			bearer: token,
			query: { eventID: eventA.eventId },
		});
		expect(inProcess).toMatchObject({ kind: 'answer', status: 200 });
		if (inProcess.kind !== 'answer') return;
		expect(inProcess.headers['Content-Type']).toBe(overHttp.contentType);
		expect(JSON.parse(inProcess.body)).toEqual(overHttp.json);
		expect(sandbox.requests.map((entry) => [entry.action, entry.status])).toEqual([
			['person.signIn', 200],
			['event.get', 200],
			['event.get', 200],
		]);
		expect(sandbox.requests[1].time).toBe(clock.now());
		expect(sandbox.requests[1].headers.authorization).toBe(`Bearer ${token}`);
	});

	it('counts the rate limits on the network clock, and answers 429 with Retry-After', async () => {
		const token = await signIn();
		const answers = [];
		for (let index = 0; index < 11; index++) answers.push(await eventGet(token));
		expect(answers.slice(0, 10).every((answer) => answer.kind === 'answer' && answer.status === 200)).toBe(true);
		expect(answers[10]).toMatchObject({ kind: 'answer', status: 429, headers: { 'Retry-After': '1' } });
		expect(sandbox.stats().rateLimited).toBe(1);
		clock.time += 1000;
		expect(await eventGet(token)).toMatchObject({ kind: 'answer', status: 200 });
	});

	it('waits the latency on the network clock, renders errors in the current style, and drops as asked', async () => {
		sandbox.setLatency(250);
		sandbox.setErrorStyle('reason');
		const refused = await eventGet('not-a-token');
		expect(clock.slept).toEqual([250]);
		expect(refused).toMatchObject({ kind: 'answer', status: 401, body: '' });
		if (refused.kind === 'answer') expect(refused.statusText).toMatch(/tokenID/);
		sandbox.setFaults([{ kind: 'drop', actions: ['event.get'] }]);
		expect(await eventGet(await signIn())).toEqual({ kind: 'dropped' });
		sandbox.setFaults([{ kind: 'hang', actions: ['event.get'], hangMs: 5000 }]);
		clock.slept.length = 0;
		expect(await eventGet(await signIn())).toEqual({ kind: 'dropped' });
		expect(clock.slept).toEqual([250, 5000]);
	});

	it('refuses the HTTP control API', async () => {
		await expect(sandbox.handle({ method: 'POST', url: '/__sandbox/reset' })).rejects.toThrow(/Sandbox's methods/);
	});
});
