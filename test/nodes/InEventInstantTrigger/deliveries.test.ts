import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ServedTrigger } from '../../harness/instantTrigger';
import { serveInstantTrigger } from '../../harness/instantTrigger';
import { byId, requestsOf, SANDBOX_FIXTURES, useSandbox } from '../../harness/useSandbox';

const { eventA, eventB } = SANDBOX_FIXTURES;
const { sandbox, credential } = useSandbox();

let served: ServedTrigger | undefined;
afterEach(async () => {
	// Deactivated as n8n would (its hooks removed, its remembered deliveries forgotten).
	await served?.trigger.delete();
	await served?.close();
	served = undefined;
});

/** Each test registers other people: the sandbox restarts its IDs at every reset, so equal names would give equal bodies. */
let registrations = 0;

async function serve(more: INodeParameters = {}): Promise<ServedTrigger> {
	served = await serveInstantTrigger(
		{ level: 'event', eventId: byId(eventA.eventId), events: ['eventEnrollment'], ...more },
		credential(),
	);
	await served.trigger.activate();
	return served;
}

/** The bodies InEvent (the sandbox) posted, parsed, in order. */
const sentBodies = () =>
	sandbox()
		.deliveries()
		.map((delivery) => JSON.parse(delivery.body) as IDataObject);

async function register(eventId: string, count = 1): Promise<string[]> {
	const prefix = `walk-in-${++registrations}`;
	const people = Array.from({ length: count }, (_, index) => ({
		name: `${prefix} ${index}`,
		email: `${prefix}.${index}@example.com`,
	}));
	const ids = await sandbox().registerAttendees(eventId, people);
	await sandbox().whenDeliveriesSettled();
	return ids;
}

describe.each(['nested', 'flat'] as const)('InEvent Instant Trigger with the %s payload (inferred shapes)', (shape) => {
	beforeEach(() => sandbox().setWebhookPayload(shape));

	it('a registration starts the workflow with the payload exactly as InEvent sent it', async () => {
		const { outcomes } = await serve();
		await register(eventA.eventId);
		expect(sentBodies()).toHaveLength(1);
		expect(outcomes).toEqual([{ items: sentBodies() }]);
	});

	it('Confirm With InEvent: a real registration runs; a forged one naming a person the event lacks starts nothing', async () => {
		const { trigger, outcomes } = await serve({ options: { confirmWithInEvent: true } });
		const [personId] = await register(eventA.eventId);
		expect(outcomes).toEqual([{ items: sentBodies() }]);

		const real = sentBodies()[0];
		const forged = JSON.parse(
			JSON.stringify(real)
				.split(personId)
				.join('999999')
				.replace(/walk-in-\d+\.0@/g, 'forger@'),
		) as IDataObject;
		expect(await trigger.itemsFrom(forged)).toBeUndefined();
		const warning = trigger.logs.find((line) => line.level === 'warn');
		expect(warning?.message).toMatch(
			/dropped a delivery: InEvent did not confirm it \(the person it names is not an attendee of event 73565\)/,
		);
		expect(JSON.stringify(trigger.logs)).not.toContain(trigger.node.webhookId);
		// Each confirmation is one read of the attendee, through the account's pace.
		expect(requestsOf(sandbox(), 'event.person.get').length).toBeGreaterThanOrEqual(2);
	});

	it('Confirm With InEvent: a delivery naming another event is dropped without calling InEvent', async () => {
		const { trigger } = await serve({ options: { confirmWithInEvent: true } });
		await register(eventA.eventId);
		const real = sentBodies()[0];
		const elsewhere = JSON.parse(JSON.stringify(real).split(eventA.eventId).join(eventB.eventId)) as IDataObject;
		sandbox().clearLog();
		expect(await trigger.itemsFrom(elsewhere)).toBeUndefined();
		expect(trigger.logs.at(-1)?.message).toContain(
			`it names event ${eventB.eventId}, and this trigger watches event ${eventA.eventId}`,
		);
		expect(requestsOf(sandbox(), 'event.person.get')).toHaveLength(0);
	});
});

describe('InEvent Instant Trigger: repeated deliveries', () => {
	it('a delivery InEvent sends again after a slow answer starts one execution', async () => {
		// Confirm With InEvent makes the trigger answer after one paced read (300 ms here); InEvent
		// gives up on it after 100 ms and sends the same body again.
		sandbox().setLatency(300);
		sandbox().setWebhookTimeout(100);
		sandbox().setWebhookRetries(2, 50);
		const { outcomes } = await serve({ options: { confirmWithInEvent: true } });
		await register(eventA.eventId);
		const attempts = sandbox().deliveries();
		expect(attempts.length).toBeGreaterThanOrEqual(2);
		expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(outcomes.filter((outcome) => 'items' in outcome)).toHaveLength(1);
		expect(outcomes.filter((outcome) => 'started' in outcome)).toHaveLength(attempts.length - 1);
	});

	it('two registrations that differ only in the person are two executions; 50 at once are 50', async () => {
		const { outcomes } = await serve();
		await register(eventA.eventId, 50);
		expect(outcomes.filter((outcome) => 'items' in outcome)).toHaveLength(50);
		expect(outcomes).toHaveLength(50);
	});

	it('with Confirm With InEvent and InEvent failing the check, n8n answers 500, and the same delivery sent again runs', async () => {
		const { outcomes } = await serve({ options: { confirmWithInEvent: true } });
		// The check's read fails on all of the transport's 4 tries, then InEvent answers again.
		sandbox().setFaults([{ kind: 'http503', actions: ['event.person.get'], times: 4 }]);
		sandbox().setWebhookRetries(1, 50);
		await register(eventA.eventId);
		expect(
			sandbox()
				.deliveries()
				.map((attempt) => attempt.status),
		).toEqual([500, 200]);
		expect(outcomes).toEqual([
			{ failed: expect.stringMatching(/event\.person\.get/) as string },
			{ items: [sentBodies()[0]] },
		]);
	}, 30_000);

	it('a repeat that comes while the first is still being confirmed waits for it: the first failing, the repeat runs', async () => {
		const { trigger } = await serve({ options: { confirmWithInEvent: true } });
		await register(eventA.eventId);
		const body = sentBodies()[0];
		// A fresh copy of that delivery (as if new), failing its check on all 4 tries, and its repeat right behind it.
		const copy = { ...body, probe: 'pending-repeat' };
		sandbox().setFaults([{ kind: 'http503', actions: ['event.person.get'], times: 4 }]);
		const [first, repeat] = await Promise.allSettled([trigger.deliver(copy), trigger.deliver(copy)]);
		expect(first.status).toBe('rejected');
		expect(repeat).toEqual({ status: 'fulfilled', value: { workflowData: [[{ json: copy }]] } });
	}, 30_000);
});

describe('InEvent Instant Trigger: Confirm With InEvent on a session check-in', () => {
	it("a walk-in scanned at a session's door (an attendee, not enrolled) is confirmed", async () => {
		const { outcomes } = await serve({ events: ['activityCheckIn'], options: { confirmWithInEvent: true } });
		const [personId] = await sandbox().registerAttendees(eventA.eventId, [
			{ name: 'Walk In', email: 'walk.in.door@example.com' },
		]);
		const [sessionId] = sandbox().seedActivities(eventA.eventId, 1);
		sandbox().checkIn(eventA.eventId, personId, sessionId);
		await sandbox().whenDeliveriesSettled();
		const checkIns = sandbox()
			.deliveries()
			.filter((delivery) => delivery.type === 'activityCheckIn');
		expect(checkIns).toHaveLength(1);
		expect(outcomes).toEqual([{ items: [JSON.parse(checkIns[0].body) as IDataObject] }]);
	});
});
