import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { catalogueEntry } from '../../../../../nodes/InEvent/actions/custom/catalogue';
import { storedCredential } from '../../../../harness/runNode';
import { startTinyServer } from '../../../../harness/tinyServer';
import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { admin, eventA, companyId } = SANDBOX_FIXTURES;
const { sandbox, credential } = useSandbox();

const pair = (name: string, value: string) => ({ name, value });

function call(action: string, more: INodeParameters = {}): INodeParameters {
	return { resource: 'custom', operation: 'call', action: { __rl: true, mode: 'name', value: action }, ...more };
}

const query = (...parameters: Array<{ name: string; value: string }>) => ({ queryParameters: { parameters } });
const body = (...parameters: Array<{ name: string; value: string }>) => ({ bodyParameters: { parameters } });

async function failureOf(promise: Promise<unknown>): Promise<Error> {
	return await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: Error) => error,
	);
}

describe('Custom Action › Call an Action', () => {
	it('sends the action with its query parameters and gives one item per record of data', async () => {
		const items = await run(credential(), call('event.get', query(pair('eventID', eventA.eventId))));
		expect(items.map((item) => [item.json.eventID, item.json.name, item.pairedItem])).toEqual([
			[eventA.eventId, eventA.name, { item: 0 }],
		]);
		const [sent] = requestsOf(sandbox(), 'event.get');
		expect(sent.method).toBe('POST');
		expect(sent.query.eventID).toBe(eventA.eventId);
	});

	it('sends a parameter the catalogue does not list as given (the catalogue can be older than InEvent)', async () => {
		expect(catalogueEntry('event.get')?.query).not.toContain('newerFlag');
		await run(credential(), call('event.get', query(pair('eventID', eventA.eventId), pair('newerFlag', '1'))));
		expect(requestsOf(sandbox(), 'event.get')[0].query.newerFlag).toBe('1');
	});

	it('takes the query and the body as JSON, a nested value as JSON text in its field', async () => {
		const email = 'json.caller@example.com';
		const [item] = await run(
			credential(),
			call('event.person.bind', {
				specifyQuery: 'json',
				jsonQuery: JSON.stringify({ eventID: Number(eventA.eventId) }),
				specifyBody: 'json',
				jsonBody: JSON.stringify({ name: 'Json Caller', email }),
			}),
		);
		expect(item.json.email).toBe(email);
		const [sent] = requestsOf(sandbox(), 'event.person.bind');
		expect([sent.query.eventID, sent.body.name, sent.body.email]).toEqual([eventA.eventId, 'Json Caller', email]);
	});

	it("with Include InEvent's Whole Answer, one item with count and data", async () => {
		const items = await run(
			credential(),
			call('event.get', { ...query(pair('eventID', eventA.eventId)), options: { fullResponse: true } }),
		);
		expect(items).toHaveLength(1);
		expect(items[0].json.count).toBe(1);
		expect((items[0].json.data as IDataObject[])[0].eventID).toBe(eventA.eventId);
	});

	it('Paginate › Return All reads a list at 100 a page, every record once', async () => {
		sandbox().seedAttendees(eventA.eventId, 250);
		const total = sandbox().store.membersOf(eventA.eventId).size;
		const items = await run(
			credential(),
			call('event.person.find', {
				...query(pair('eventID', eventA.eventId), pair('selection', 'all')),
				paginate: true,
				returnAll: true,
			}),
		);
		expect(items).toHaveLength(total);
		expect(new Set(items.map((item) => item.json.personID)).size).toBe(total);
		const pages = requestsOf(sandbox(), 'event.person.find');
		expect(pages.every((page) => page.query.limit === '100')).toBe(true);
		expect(
			pages
				.map((page) => Number(page.query.offset))
				.sort((a, b) => a - b)
				.slice(0, 3),
		).toEqual([0, 100, 200]);
	});

	it('Paginate › Limit stops at the limit', async () => {
		sandbox().seedAttendees(eventA.eventId, 250);
		const items = await run(
			credential(),
			call('event.person.find', {
				...query(pair('eventID', eventA.eventId), pair('selection', 'all')),
				paginate: true,
				returnAll: false,
				limit: 120,
			}),
		);
		expect(items).toHaveLength(120);
		expect(requestsOf(sandbox(), 'event.person.find').length).toBeLessThanOrEqual(2);
	});

	it('an Event-scope credential adds its event to the query', async () => {
		const eventScope = storedCredential({
			region: 'custom',
			baseUrl: sandbox().url,
			username: admin.username,
			password: eventA.eventPassword,
			scope: 'event',
			eventId: eventA.eventId,
		});
		const [item] = await run(eventScope, call('event.get'));
		expect(item.json.eventID).toBe(eventA.eventId);
	});

	it("an action InEvent does not have fails with InEvent's answer and status, and no secret", async () => {
		const failure = await failureOf(run(credential(), call('nothing.here', query(pair('eventID', eventA.eventId)))));
		expect(failure.message).toBe("[item 0] InEvent refused nothing.here (HTTP 400: action nothing.here doesn't exist)");
		expect(
			JSON.stringify({ message: failure.message, description: (failure as { description?: string }).description }),
		).not.toContain(admin.password);
	});

	it('a missing parameter is InEvent’s message too', async () => {
		const failure = await failureOf(run(credential(), call('event.get')));
		expect(failure.message).toMatch(/^\[item 0\] InEvent refused event\.get \(HTTP 400: eventID/);
	});

	it('a read is tried again after a 5xx; a write is never resent blindly and says it may have been applied', async () => {
		sandbox().setFaults([{ kind: 'http503', actions: ['event.get'], times: 1 }]);
		const [item] = await run(credential(), call('event.get', query(pair('eventID', eventA.eventId))));
		expect(item.json.eventID).toBe(eventA.eventId);
		expect(requestsOf(sandbox(), 'event.get')).toHaveLength(2);

		sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['company.event.bind'], times: 1 }]);
		const failure = await failureOf(
			run(
				credential(),
				call('company.event.bind', { ...query(pair('companyID', companyId)), ...body(pair('name', 'Blind Resend')) }),
			),
		);
		expect(failure.message).toMatch(
			/InEvent may have applied company\.event\.bind all the same: check before sending it again/,
		);
		expect(requestsOf(sandbox(), 'company.event.bind')).toHaveLength(1);
	});

	it.each([
		[call(''), 'Action is empty'],
		[call('event get'), 'Action must be module.method, e.g. event.get (got "event get")'],
		[call('person.signIn'), 'Action person.signIn is what the credential does'],
		[
			call('event.get', { specifyQuery: 'json', jsonQuery: '{"eventID": ' }),
			'Query Parameters (JSON) is not valid JSON',
		],
		[call('event.get', { specifyBody: 'json', jsonBody: '[1, 2]' }), 'Body Parameters (JSON) must be a JSON object'],
		[
			call('event.get', query(pair('tokenID', 'x'))),
			'Query Parameters: leave out "tokenID" (the credential sends the token)',
		],
		[call('event.get', query(pair('', 'x'))), 'Query Parameters: parameter 1 has no name'],
		[
			call('event.person.find', { ...query(pair('eventID', eventA.eventId), pair('limit', '5')), paginate: true }),
			'Query Parameters: leave out limit when Paginate is on',
		],
		[call('event.get', { paginate: true }), "Paginate: event.get takes no limit and offset in InEvent's SDKs"],
	])('bad input fails naming the field and the item, before InEvent is called (%#)', async (parameters, message) => {
		const failure = await failureOf(run(credential(), parameters));
		expect(failure.message).toContain(`[item 0] ${message}`);
		expect(sandbox().requests.filter((entry) => entry.action !== 'person.signIn')).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item is reported in place and the others go through', async () => {
		const items = await run(
			credential(),
			call('={{ $json.action }}', query(pair('eventID', eventA.eventId))),
			[{ action: 'event.get' }, { action: 'not an action' }, { action: 'event.get' }],
			true,
		);
		expect(items.map((item) => item.json.eventID ?? item.json.error)).toEqual([
			eventA.eventId,
			'[item 1] Action must be module.method, e.g. event.get (got "not an action")',
			eventA.eventId,
		]);
	});
});

describe('Custom Action › Call an Action › Paginate on rows without an ID', () => {
	it('keeps every row, identical ones too (a log has no ID to tell two equal lines apart)', async () => {
		const server = await startTinyServer((action, res, req) => {
			const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset') ?? 0);
			const rows =
				action === 'person.signIn'
					? [{ tokenID: 'tok' }]
					: Array(offset === 0 ? 100 : offset === 100 ? 20 : 0).fill({ line: 'same' });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ count: rows.length, data: rows }));
		});
		try {
			const stored = storedCredential({ region: 'custom', baseUrl: server.url, username: 'a', password: 'b' });
			const items = await run(stored, call('event.auditLine.find', { paginate: true, returnAll: true }));
			expect(items).toHaveLength(120);
		} finally {
			await server.close();
		}
	});
});
