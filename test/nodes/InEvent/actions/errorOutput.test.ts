import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWithErrorOutput } from '../../../harness/errorOutput';
import { runNode } from '../../../harness/runNode';
import { byId, requestsOf, SANDBOX_FIXTURES, upsertOf, useSandbox } from '../../../harness/useSandbox';

const { eventA, eventB, attendee: ana, collector } = SANDBOX_FIXTURES;
const env = useSandbox();

const routed = async (parameters: INodeParameters, items: IDataObject[]) =>
	await runWithErrorOutput({ parameters, items, credential: env.credential() });

const getByEmail: INodeParameters = {
	resource: 'attendee',
	operation: 'get',
	eventId: byId(eventA.eventId),
	lookupBy: 'email',
	email: '={{ $json.email }}',
};

const createAtB: INodeParameters = {
	resource: 'attendee',
	operation: 'create',
	eventId: byId(eventB.eventId),
	name: '={{ $json.name }}',
	email: '={{ $json.email }}',
};

const people = [
	{ name: 'Good One', email: 'good.one@example.test', company: 'One' },
	{ name: 'Bad Email', email: 'not-an-email', company: 'Bad' },
	{ name: 'Good Three', email: 'good.three@example.test', company: 'Three' },
];

/** Secrets that must reach no item. */
const secrets = () => [SANDBOX_FIXTURES.admin.password, ...env.sandbox().store.tokens.keys()];

function expectNoSecret(value: unknown): void {
	expect(secrets().length).toBeGreaterThan(1);
	for (const secret of secrets()) expect(JSON.stringify(value)).not.toContain(secret);
}

describe('On Error › Continue (using error output)', () => {
	describe('items failing one by one', () => {
		it('Attendee › Get: the unknown email goes to the error output with its input, the found one to success', async () => {
			const { output, success, error } = await routed(getByEmail, [
				{ email: ana.username },
				{ email: 'nobody@example.test' },
			]);
			const message = `[item 1] Couldn't find the email nobody@example.test at event ${eventA.eventId}`;
			expect(output[1]).toEqual({ json: { error: message }, pairedItem: { item: 1 } });
			expect(success).toHaveLength(1);
			expect(success[0]).toMatchObject({ personID: ana.personId, email: ana.username });
			expect(error).toEqual([{ email: 'nobody@example.test', error: message }]);
			expectNoSecret(output);
		});

		it('Attendee › Create: the bad email goes to the error output, the two others are registered', async () => {
			const { output, success, error } = await routed(createAtB, people);
			const message = '[item 1] Email must be an email address (got "not-an-email")';
			expect(output.map(({ json, pairedItem }) => [json.email ?? json.error, pairedItem])).toEqual([
				['good.one@example.test', { item: 0 }],
				[message, { item: 1 }],
				['good.three@example.test', { item: 2 }],
			]);
			expect(success.map(({ email }) => email)).toEqual(['good.one@example.test', 'good.three@example.test']);
			expect(error).toEqual([{ ...people[1], error: message }]);
			expect(requestsOf(env.sandbox(), 'event.person.bind')).toHaveLength(2);
		});

		it('Report › Get Attendee Report: a bad and an unknown event go to the error output, the file to success', async () => {
			const report: INodeParameters = {
				resource: 'report',
				operation: 'getAttendees',
				eventId: byId('={{ $json.eventId }}'),
				output: 'csv',
				columns: ['personID', 'email'],
			};
			const { output, success, error } = await routed(report, [
				{ eventId: eventA.eventId },
				{ eventId: 'abc' },
				{ eventId: '99999' },
			]);
			expect(output.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(success).toEqual([expect.objectContaining({ eventId: eventA.eventId, columns: ['personID', 'email'] })]);
			expect(error).toEqual([
				{ eventId: 'abc', error: '[item 1] Event ID must be a number (got "abc")' },
				{
					eventId: '99999',
					error: "[item 2] InEvent refused event.report.personSchema (HTTP 400: Couldn't find the eventID)",
				},
			]);
			expectNoSecret(output);
		});
	});

	describe('Attendee › Create or Update (the whole input at once)', () => {
		it('the bad email goes to the error output; the new and the existing contact are written and go to success', async () => {
			const input = [people[0], people[1], { name: ana.name, email: ana.username, company: 'Analytical' }];
			const { output, success, error } = await routed(upsertOf(eventA.eventId), input);
			const message = '[item 1] Email must be an email address (got "not-an-email")';
			expect(output[1]).toEqual({ json: { error: message }, pairedItem: { item: 1 } });
			expect(success.map(({ email, created }) => [email, created])).toEqual([
				['good.one@example.test', true],
				[ana.username, false],
			]);
			expect(error).toEqual([{ ...people[1], error: message }]);
			expect(env.sandbox().store.findPersonByEmail(ana.username)?.company).toBe('Analytical');
		});

		it('a run refused as a whole (Remove Attendees Not in the Input, an unreadable item) sends every item to the error output, none lost', async () => {
			const { output, success, error } = await routed(upsertOf(eventA.eventId, { removeMissing: true }), people);
			const refusal =
				"Remove Attendees Not in the Input needs every item's email, and items 1 could not be read (see their errors): nothing was written or removed";
			expect(output).toEqual([
				{ json: { error: `[item 0] ${refusal}` }, pairedItem: { item: 0 } },
				{ json: { error: '[item 1] Email must be an email address (got "not-an-email")' }, pairedItem: { item: 1 } },
				{ json: { error: `[item 2] ${refusal}` }, pairedItem: { item: 2 } },
			]);
			expect(success).toEqual([]);
			expect(error.map(({ email }) => email)).toEqual(people.map(({ email }) => email));
			const writes = env
				.sandbox()
				.requests.filter(({ action }) =>
					['event.person.bind', 'event.person.operate', 'event.person.dismiss'].includes(action),
				);
			expect(writes).toEqual([]);
		});

		it('a removal InEvent refuses goes to the error output as it is (it has no input item), naming the person', async () => {
			env.sandbox().setFaults([{ kind: 'http500', actions: ['event.person.dismiss'] }]);
			const options = { removeMissing: true, maxRemovalShare: 100, retries: 0 };
			const { output, success, error } = await routed(upsertOf(eventA.eventId, options), [
				{ name: ana.name, email: ana.username, company: 'Analytical' },
			]);
			expect(output).toHaveLength(2);
			expect(success.map(({ email }) => email)).toEqual([ana.username]);
			expect(error).toEqual([
				{
					error: expect.stringContaining(
						`Removing ${collector.username} (person ${collector.personId}) from event ${eventA.eventId}: `,
					),
				},
			]);
			expect(output[1].pairedItem).toBeUndefined();
			expect(env.sandbox().store.getMembership(eventA.eventId, collector.personId)).toBeDefined();
		});

		it('an option out of range fails every item with its message', async () => {
			const { output, error } = await routed(upsertOf(eventA.eventId, { matchStrategy: 'guess' }), people.slice(0, 2));
			const message = 'Find Attendees By must be auto, readEvent or lookUpEach (got "guess")';
			expect(output).toEqual([
				{ json: { error: `[item 0] ${message}` }, pairedItem: { item: 0 } },
				{ json: { error: `[item 1] ${message}` }, pairedItem: { item: 1 } },
			]);
			expect(error).toHaveLength(2);
		});
	});

	describe('a failure of the whole run through the router', () => {
		const tooFast = { ...getByEmail, options: { maxRequestsPerSecond: 0 } };
		const message = 'Max Requests Per Second must be a whole number from 1 to 100 (got 0)';

		it('fails every input item, each with [item N] and the message, on the error output', async () => {
			const { output, success, error } = await routed(tooFast, [{ email: ana.username }, { email: 'x@example.test' }]);
			expect(output).toEqual([
				{ json: { error: `[item 0] ${message}` }, pairedItem: { item: 0 } },
				{ json: { error: `[item 1] ${message}` }, pairedItem: { item: 1 } },
			]);
			expect(success).toEqual([]);
			expect(error).toEqual([
				{ email: ana.username, error: `[item 0] ${message}` },
				{ email: 'x@example.test', error: `[item 1] ${message}` },
			]);
			expect(requestsOf(env.sandbox(), 'event.person.get')).toEqual([]);
		});

		it('Continue (regular output) is unchanged: the run still fails, for n8n to pass the input on', async () => {
			const run = runNode({ parameters: tooFast, credential: env.credential(), items: [{}], continueOnFail: true });
			await expect(run).rejects.toThrow(`[item 0] ${message}`);
		});

		it('as an AI Agent tool the failure is still the one tool result, without [item 0]', async () => {
			const output = await runNode({
				parameters: tooFast,
				credential: env.credential(),
				items: [{ email: ana.username }],
				node: { type: 'n8n-nodes-inevent.inEventTool', rewireOutputLogTo: 'ai_tool', onError: 'continueErrorOutput' },
			});
			expect(output).toEqual([{ json: { error: message }, pairedItem: { item: 0 } }]);
		});
	});
});
