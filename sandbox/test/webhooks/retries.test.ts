import { createServer } from 'node:net';
import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, rowsOf, str, tokenFor, type Params } from '../testClient';
import { startReceiver, type Receiver } from './receiver';

const { admin, eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
let receiver: Receiver;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	receiver = await startReceiver();
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	sandbox.reset();
	receiver.received.length = 0;
	receiver.respondWith(() => 200);
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const act = (action: string, query: Params, body?: Params, on: Sandbox = sandbox, as: string = token) =>
	call(on, action, { token: as, query, body });
const hook = async (url = receiver.url(), on: Sandbox = sandbox, as: string = token) =>
	str(
		rowsOf(await act('webhook.create', { eventID: eventA.eventId }, { type: 'eventEnrollment', url }, on, as))[0],
		'webhookID',
	);
let people = 0;
const bind = (on: Sandbox = sandbox, as: string = token) => {
	people++;
	return act(
		'event.person.bind',
		{ eventID: eventA.eventId },
		{ name: `Person ${people}`, email: `p${people}@hooks.test` },
		on,
		as,
	);
};

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('retries', () => {
	it('500, 500, 200 with 2 retries: three byte-identical bodies, every attempt logged', async () => {
		sandbox.setWebhookRetries(2, 30);
		receiver.respondWith((index) => (index < 2 ? 500 : 200));
		const webhookID = await hook();
		expect((await bind()).status).toBe(200);
		await sandbox.whenDeliveriesSettled();
		expect(receiver.received).toHaveLength(3);
		const [first, second, third] = receiver.received;
		expect(second.body).toBe(first.body);
		expect(third.body).toBe(first.body);
		expect(second.at - first.at).toBeGreaterThanOrEqual(25);
		expect(third.at - second.at).toBeGreaterThanOrEqual(25);
		expect(sandbox.deliveries().map(({ attempt, status, body }) => ({ attempt, status, body }))).toEqual([
			{ attempt: 1, status: 500, body: first.body },
			{ attempt: 2, status: 500, body: first.body },
			{ attempt: 3, status: 200, body: first.body },
		]);
		const log = rowsOf(await act('webhook.log.find', { eventID: eventA.eventId }));
		expect(log.map(({ webhookID: id, attempt, status, payload }) => ({ id, attempt, status, payload }))).toEqual([
			{ id: webhookID, attempt: '3', status: '200', payload: first.body },
			{ id: webhookID, attempt: '2', status: '500', payload: first.body },
			{ id: webhookID, attempt: '1', status: '500', payload: first.body },
		]);
	});

	it('stops after the retries; no retry by default; 2xx other than 200 is a success', async () => {
		receiver.respondWith(() => 503);
		await hook();
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(sandbox.deliveries().map((d) => d.status)).toEqual([503]);
		sandbox.clearDeliveries();
		sandbox.setWebhookRetries(1, 0);
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(sandbox.deliveries().map((d) => [d.attempt, d.status])).toEqual([
			[1, 503],
			[2, 503],
		]);
		sandbox.clearDeliveries();
		receiver.respondWith(() => 204);
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(sandbox.deliveries().map((d) => d.status)).toEqual([204]);
	});

	it('the action does not wait for the receiver: it answers while the delivery is still unanswered', async () => {
		sandbox.setWebhookTimeout(60_000);
		receiver.respondWith(() => 'hang');
		await hook();
		expect((await bind()).status).toBe(200);
		// The delivery reaches the receiver after the answer and stays open: no attempt has ended.
		await receiver.waitFor(1);
		expect(sandbox.deliveries()).toEqual([]);
		sandbox.reset(); // cuts the open delivery
	});

	it('no answer within the timeout → status 0 and a retry; a refused connection → status 0', async () => {
		sandbox.setWebhookTimeout(80);
		sandbox.setWebhookRetries(1, 10);
		receiver.respondWith(() => 'hang');
		await hook();
		const answer = await bind();
		expect(answer.status).toBe(200);
		await sandbox.whenDeliveriesSettled();
		const attempts = sandbox.deliveries();
		expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
			[1, 0],
			[2, 0],
		]);
		for (const attempt of attempts) expect(attempt.ms).toBeGreaterThanOrEqual(75);
		expect(receiver.received).toHaveLength(2);

		sandbox.clearDeliveries();
		sandbox.setWebhookRetries(0);
		await hook(`http://127.0.0.1:${await closedPort()}/gone`);
		receiver.respondWith(() => 200);
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(
			sandbox
				.deliveries()
				.map((d) => [d.url.endsWith('/gone'), d.status])
				.sort(),
		).toEqual([
			[false, 200],
			[true, 0],
		]);
	});

	it('an answer slower than the timeout counts as none, even if it comes later', async () => {
		sandbox.setWebhookTimeout(50);
		receiver.respondWith(() => ({ status: 200, delayMs: 150 }));
		await hook();
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(sandbox.deliveries().map((d) => d.status)).toEqual([0]);
	});

	it('deliveries start after the answer, latency included', async () => {
		sandbox.setLatency(120);
		await hook();
		const sent = Date.now();
		await bind();
		await receiver.waitFor(1);
		expect(receiver.received[0].at - sent).toBeGreaterThanOrEqual(115);
	});
});

describe('300 registrations at once', () => {
	it('registerAttendees(300) → 300 deliveries, all in flight together', async () => {
		receiver.respondWith(() => ({ status: 200, delayMs: 400 }));
		await hook();
		const people300 = Array.from({ length: 300 }, (_, i) => ({ name: `Reg ${i}`, email: `reg${i}@hooks.test` }));
		const ids = sandbox.registerAttendees(eventA.eventId, people300);
		expect(new Set(ids).size).toBe(300);
		await sandbox.whenDeliveriesSettled();
		expect(receiver.received).toHaveLength(300);
		// In flight together, counted at the receiver (one after another, at most one would be open at a time).
		expect(receiver.maxOpen()).toBeGreaterThan(200);
		const received = receiver.bodies().map((body) => (body.data as Record<string, string>).personID);
		expect(received.sort()).toEqual([...ids].sort());
		expect(sandbox.deliveries().every((d) => d.status === 200 && d.attempt === 1)).toBe(true);
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(303);
	});

	it('POST /__sandbox/register does the same out of process', async () => {
		await hook();
		const res = await fetch(`${sandbox.url}__sandbox/register`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventId: eventA.eventId, people: [{ name: 'Out Of', email: 'out.of@hooks.test' }] }),
		});
		const { personIds } = (await res.json()) as { personIds: string[] };
		expect(personIds).toHaveLength(1);
		await sandbox.whenDeliveriesSettled();
		const deliveries = (await (await fetch(`${sandbox.url}__sandbox/deliveries`)).json()) as { deliveries: unknown[] };
		expect(deliveries.deliveries).toHaveLength(1);
		const webhooks = (await (await fetch(`${sandbox.url}__sandbox/webhooks`)).json()) as { webhooks: unknown[] };
		expect(webhooks.webhooks).toEqual(sandbox.webhooks());
		const bad = await fetch(`${sandbox.url}__sandbox/register`, {
			method: 'POST',
			body: JSON.stringify({ eventId: eventA.eventId, people: [{ name: 'No Email' }] }),
		});
		expect(bad.status).toBe(400);
		expect((await fetch(`${sandbox.url}__sandbox/clear-deliveries`, { method: 'POST' })).status).toBe(200);
		expect(sandbox.deliveries()).toEqual([]);
	});
});

describe('stopping', () => {
	it('reset() drops in-flight deliveries and pending retries; nothing is reported after', async () => {
		sandbox.setWebhookRetries(3, 50);
		receiver.respondWith(() => 500);
		await hook();
		await bind();
		await receiver.waitFor(1);
		sandbox.reset();
		await sandbox.whenDeliveriesSettled();
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect(receiver.received).toHaveLength(1);
		expect(sandbox.deliveries()).toEqual([]);
		expect(sandbox.store.webhookLogs).toEqual([]);
	});

	it('a 200 whose body never ends counts at the status line; reset() then cuts it without an error', async () => {
		receiver.respondWith(() => 'headersOnly');
		await hook();
		await bind();
		await sandbox.whenDeliveriesSettled();
		expect(sandbox.deliveries().map((d) => d.status)).toEqual([200]);
		sandbox.reset();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(sandbox.deliveries()).toEqual([]);
	});

	it('close() aborts in-flight deliveries and pending retries at once', async () => {
		const own = await startSandbox({ webhookRetries: 5, webhookRetryDelayMs: 50, webhookTimeoutMs: 60_000 });
		const ownToken = await tokenFor(own, admin.username, admin.password);
		receiver.respondWith((index) => (index === 0 ? 500 : 'hang'));
		await hook(receiver.url(), own, ownToken);
		await hook(receiver.url(), own, ownToken);
		await bind(own, ownToken);
		await receiver.waitFor(2);
		const settled = own.whenDeliveriesSettled();
		const started = Date.now();
		await own.close();
		await settled;
		// Sooner than the hanging delivery's 60 s timeout: it was aborted, not waited out (a bound any
		// machine meets; it takes milliseconds).
		expect(Date.now() - started).toBeLessThan(60_000);
		const seen = own.deliveries().length;
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect(receiver.received).toHaveLength(2); // the retry after the 500 never went
		expect(own.deliveries()).toHaveLength(seen);
	}, 90_000);
});

describe('secrets and the request log', () => {
	it('never writes a hook URL to stdout/stderr; deliveries are not in the request log', async () => {
		const secret = receiver.url('/s3cr3t-token');
		const writes: string[] = [];
		const spies = [
			jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
				writes.push(String(chunk));
				return true;
			}),
			jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
				writes.push(String(chunk));
				return true;
			}),
			...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
				jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
					writes.push(args.map(String).join(' '));
				}),
			),
		];
		try {
			sandbox.setWebhookRetries(1, 0);
			sandbox.setWebhookTimeout(50);
			receiver.respondWith((index) => (index === 0 ? 'hang' : 500));
			await hook(secret);
			await hook(`http://127.0.0.1:${await closedPort()}/s3cr3t-token`);
			sandbox.clearLog();
			await bind();
			await sandbox.whenDeliveriesSettled();
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		expect(writes.filter((line) => line.includes('s3cr3t'))).toEqual([]);
		expect(sandbox.deliveries()).toHaveLength(4);
		expect(sandbox.requests.map((entry) => entry.action)).toEqual(['event.person.bind']);
	});
});
