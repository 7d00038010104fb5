import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	DEFAULT_EXECUTION_SETTINGS,
	executionSettingsOf,
	inEventApiRequest,
} from '../../../../nodes/InEvent/transport';
import { InEvent } from '../../../../nodes/InEvent/InEvent.node';
import { ActiveTrigger } from '../../../harness/pollTrigger';
import { editorContext, executeContextFor } from '../../../harness/runNode';
import { byId, SANDBOX_FIXTURES, useSandbox } from '../../../harness/useSandbox';

const { companyId, eventA, eventB } = SANDBOX_FIXTURES;
const env = useSandbox();
const node = new InEvent();

type EditorCall = (this: ILoadOptionsFunctions) => Promise<unknown>;

/** A list-search or load-options method of the node, as the editor finds it. */
function editorMethod(kind: 'listSearch' | 'loadOptions', name: string): EditorCall {
	const methods: Record<string, EditorCall | undefined> = node.methods[kind];
	const method = methods[name];
	if (!method) throw new Error(`no ${kind} method ${name}`);
	return method;
}

describe('each entry point begins its execution settings; the transport refuses a context nobody began', () => {
	it('a request on a context no entry point began fails with a clear internal error, and sends nothing', async () => {
		const context = editorContext(env.credential());
		await expect(inEventApiRequest.call(context, 'company.find', { qs: { selection: 'all' } })).rejects.toThrow(
			'InEvent transport used without execution settings (an entry point did not begin them)',
		);
		expect(() => executionSettingsOf(context)).toThrow(/without execution settings/);
		expect(env.sandbox().requests).toEqual([]);
	});

	it('a run begins the Options it was given', async () => {
		const context = executeContextFor({
			parameters: {
				resource: 'event',
				operation: 'get',
				eventId: byId(eventA.eventId),
				options: { timeout: 12, retries: 1, maxConcurrentRequests: 2, maxRequestsPerSecond: 4 },
			},
			credential: env.credential(),
		});
		await node.execute.call(context);
		expect(executionSettingsOf(context)).toEqual({ timeoutMs: 12_000, retries: 1, maxInFlight: 2, maxPerSecond: 4 });
	});

	it('a list search begins the defaults, and its requests are retried by them', async () => {
		env.sandbox().setFaults([{ kind: 'http503', actions: ['company.find'], times: 1 }]);
		const context = editorContext(env.credential(), {}, 'searchCompanies');
		const found = (await editorMethod('listSearch', 'searchCompanies').call(context)) as { results: unknown[] };
		expect(found.results.length).toBeGreaterThan(0);
		expect(executionSettingsOf(context)).toEqual(DEFAULT_EXECUTION_SETTINGS);
		expect(env.sandbox().requests.filter((entry) => entry.action === 'company.find')).toHaveLength(2);
	});

	it('a load-options call begins the defaults', async () => {
		const context = editorContext(env.credential(), { eventId: byId(eventB.eventId) }, 'getTags');
		expect(await editorMethod('loadOptions', 'getTags').call(context)).toHaveLength(2);
		expect(executionSettingsOf(context)).toEqual(DEFAULT_EXECUTION_SETTINGS);
	});

	it('a trigger poll begins the defaults (the trigger has no Options)', async () => {
		const trigger = new ActiveTrigger({ event: 'eventCreated', companyId: byId(companyId) }, env.credential());
		await trigger.poll();
		expect(trigger.lastContext).toBeDefined();
		expect(executionSettingsOf(trigger.lastContext!)).toEqual(DEFAULT_EXECUTION_SETTINGS);
	});
});
