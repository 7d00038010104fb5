import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { InstantTrigger } from '../../harness/instantTrigger';
import { storedCredential } from '../../harness/runNode';
import { startTinyServer } from '../../harness/tinyServer';
import { byId, requestsOf, SANDBOX_FIXTURES, useSandbox } from '../../harness/useSandbox';

const { eventA, companyId } = SANDBOX_FIXTURES;
const { sandbox, credential } = useSandbox();

const onEnrollment = (more: INodeParameters = {}): INodeParameters => ({
	level: 'event',
	eventId: byId(eventA.eventId),
	events: ['eventEnrollment'],
	...more,
});

const hooksOf = (url: string) =>
	sandbox()
		.webhooks()
		.filter((hook) => hook.url === url);

describe('InEvent Instant Trigger: the webhook lifecycle against InEvent', () => {
	it("activation registers one hook per type with n8n's production URL", async () => {
		const trigger = new InstantTrigger(
			onEnrollment({ events: ['eventEnrollment', 'activityEnrollment'] }),
			credential(),
		);
		await trigger.activate();
		const creates = requestsOf(sandbox(), 'webhook.create');
		expect(creates.map((entry) => [entry.query.eventID, entry.body.type, entry.body.url])).toEqual([
			[eventA.eventId, 'eventEnrollment', trigger.url()],
			[eventA.eventId, 'activityEnrollment', trigger.url()],
		]);
		expect(hooksOf(trigger.url()).map((hook) => hook.type)).toEqual(['eventEnrollment', 'activityEnrollment']);
		expect(trigger.staticData.webhookIds).toEqual({ production: expect.any(Array) as unknown });
		expect((trigger.staticData.webhookIds as { production: string[] }).production).toHaveLength(2);
	});

	it('a restarted n8n finds its own hooks and adds none', async () => {
		const trigger = new InstantTrigger(onEnrollment(), credential());
		await trigger.activate();
		sandbox().clearLog();
		const restarted = new InstantTrigger(onEnrollment(), credential());
		await restarted.activate();
		expect(await restarted.checkExists()).toBe(true);
		expect(requestsOf(sandbox(), 'webhook.create')).toHaveLength(0);
		expect(hooksOf(trigger.url())).toHaveLength(1);
	});

	it("another workflow's hook on the same event is neither taken for its own nor touched", async () => {
		const other = new InstantTrigger(onEnrollment(), credential(), '11111111-2222-4333-8444-555555555555');
		await other.activate();
		const trigger = new InstantTrigger(onEnrollment(), credential());
		expect(await trigger.checkExists()).toBe(false);
		await trigger.create();
		await trigger.delete();
		expect(hooksOf(other.url())).toHaveLength(1);
		expect(hooksOf(trigger.url())).toHaveLength(0);
	});

	it('deactivation removes its hooks; removing them again is no error', async () => {
		const trigger = new InstantTrigger(onEnrollment({ events: ['eventEnrollment', 'eventCheckIn'] }), credential());
		await trigger.activate();
		expect(await trigger.delete()).toBe(true);
		expect(hooksOf(trigger.url())).toHaveLength(0);
		expect(requestsOf(sandbox(), 'webhook.remove').map((entry) => entry.query.eventID)).toEqual([
			eventA.eventId,
			eventA.eventId,
		]);
		expect(await trigger.delete()).toBe(true);
	});

	it('a type no longer chosen, or one hook too many, is tidied up at activation', async () => {
		const before = new InstantTrigger(onEnrollment({ events: ['eventEnrollment', 'eventDismissal'] }), credential());
		await before.activate();
		await before.create(); // as if n8n had created twice: a second eventEnrollment hook and a second eventDismissal one
		expect(hooksOf(before.url())).toHaveLength(2);
		const after = new InstantTrigger(onEnrollment({ events: ['eventEnrollment'] }), credential());
		expect(await after.checkExists()).toBe(false);
		await after.create();
		expect(hooksOf(after.url()).map((hook) => hook.type)).toEqual(['eventEnrollment']);
	});

	it("after n8n's webhook URL changed, activation moves the hooks to the new URL and removes the old ones", async () => {
		const before = new InstantTrigger(onEnrollment(), credential());
		await before.activate();
		const moved = new InstantTrigger(
			onEnrollment(),
			credential(),
			before.node.webhookId,
			{ production: 'https://n8n.new-domain.test/webhook', test: 'https://n8n.new-domain.test/webhook-test' },
			JSON.parse(JSON.stringify(before.workflow.staticData)) as IDataObject,
		);
		expect(await moved.checkExists()).toBe(false);
		await moved.create();
		expect(hooksOf(before.url())).toHaveLength(0);
		expect(hooksOf(moved.url()).map((hook) => hook.type)).toEqual(['eventEnrollment']);
	});

	it('a test listen while the workflow is active leaves the production hooks alone', async () => {
		const trigger = new InstantTrigger(onEnrollment(), credential());
		await trigger.activate();
		await trigger.activate(true);
		await trigger.delete(true);
		expect(hooksOf(trigger.url())).toHaveLength(1);
		expect(hooksOf(trigger.url(true))).toHaveLength(0);
		expect(await trigger.checkExists()).toBe(true);
	});

	it("the editor's Listen for Test Event registers n8n's test URL and removes it afterwards", async () => {
		const trigger = new InstantTrigger(onEnrollment(), credential());
		await trigger.activate(true);
		expect(hooksOf(trigger.url(true))).toHaveLength(1);
		expect(hooksOf(trigger.url())).toHaveLength(0);
		await trigger.delete(true);
		expect(hooksOf(trigger.url(true))).toHaveLength(0);
	});

	it('a type InEvent refuses fails activation naming it, InEvent saying why, and leaves no hook behind', async () => {
		const trigger = new InstantTrigger(
			onEnrollment({ events: ['eventEnrollment', 'eventCheckIn'], otherTypes: 'notARealType' }),
			credential(),
		);
		const failure = await trigger.activate().then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure?.message).toMatch(/The webhook for "notARealType" was not registered: .*type is not valid/);
		expect(failure?.message).not.toContain(trigger.node.webhookId);
		expect(hooksOf(trigger.url())).toHaveLength(0);
		expect(requestsOf(sandbox(), 'webhook.remove')).toHaveLength(2);
	});

	it('a refusal that echoes the URL fails activation without showing it', async () => {
		// An InEvent that repeats the url it was sent in its error message.
		const server = await startTinyServer((action, res) => {
			res.writeHead(action === 'webhook.create' ? 400 : 200, { 'Content-Type': 'application/json' });
			if (action === 'person.signIn') res.end(JSON.stringify({ count: 1, data: [{ tokenID: 'tok' }] }));
			else if (action === 'webhook.create')
				res.end(JSON.stringify({ error: { message: `url ${echoed} is not valid` } }));
			else res.end(JSON.stringify({ count: 0, data: [] }));
		});
		let echoed = '';
		try {
			const stored = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			const trigger = new InstantTrigger(onEnrollment(), stored);
			echoed = trigger.url();
			const failure = await trigger.activate().then(
				() => undefined,
				(error: Error) => error,
			);
			expect(failure?.message).toContain('url [webhook URL] is not valid');
			// The error carries the workflow's node (n8n's own field, where the editor shows it); what it says does not carry the URL.
			const { message, description } = failure as Error & { description?: string };
			expect(`${message} ${description ?? ''}`).not.toContain(trigger.node.webhookId);
			expect(server.hits.map((hit) => hit.action)).toContain('webhook.create');
		} finally {
			await server.close();
		}
	});

	it('company level registers on the company, for new events', async () => {
		const trigger = new InstantTrigger(
			{ level: 'company', companyId: byId(companyId), events: ['eventCreated'] },
			credential(),
		);
		await trigger.activate();
		expect(requestsOf(sandbox(), 'webhook.create').map((entry) => [entry.query.companyID, entry.body.type])).toEqual([
			[companyId, 'eventCreated'],
		]);
		await trigger.delete();
		expect(hooksOf(trigger.url())).toHaveLength(0);
	});

	it.each([
		[{ events: [], otherTypes: ' ' }, 'Choose at least one event in Events or Other Event Types'],
		[
			{ events: ['eventCreated'] },
			'Events: Event Created is a company-level event; set Level to Company to receive it',
		],
		[{ otherTypes: 'two words' }, 'Other Event Types: "two words" is not a type string'],
		[{ eventId: byId('abc') }, 'Event must be a number (got "abc")'],
		[
			{ events: ['speakerCreated'], options: { confirmWithInEvent: true } },
			'Confirm With InEvent cannot check Speaker Created (speakerCreated)',
		],
		[
			{ otherTypes: 'ticketSold', options: { confirmWithInEvent: true } },
			'Confirm With InEvent cannot check "ticketSold"',
		],
	])('a wrong setting fails activation naming the field, before InEvent is called: %j', async (more, message) => {
		const trigger = new InstantTrigger(onEnrollment(more), credential());
		await expect(trigger.activate()).rejects.toThrow(message);
		expect(requestsOf(sandbox(), 'webhook.create')).toHaveLength(0);
	});
});
