/**
 * Custom Action › Call an Action, and n8n's own HTTP Request node with the InEvent credential, in a real
 * n8n against the sandbox: a single read (`n8n execute`), a list read with Paginate › Return All, an action
 * InEvent does not have (failing, and with Continue On Fail), and the HTTP Request node through Predefined
 * Credential Type (one sign-in, n8n's refresh after a revoked token). 300 webhook executions at once, half
 * through Call an Action and half through Attendee › Create on one credential: callActionBurst.e2e.test.ts.
 *
 * The HTTP Request case runs first, on the System credential as imported (no token stored yet). The workflows
 * are test/e2e/workflows/e2eCall*.json. What only this file's sandbox knows (its URL, the event it seeds
 * before n8n starts) they read as `$env.E2E_CALL_*`. Each case logs one line of figures (`[call]`).
 */
import { SANDBOX_FIXTURES } from '../../sandbox';
import type { RequestLogEntry } from '../../sandbox';
import type { Execution } from '../../tools/n8n/n8n';
import { tokenOf } from '../../tools/n8n/webhookBurst';
import { expectNoSecretIn as expectNoSecretInFor } from './harness/secrets';
import { useRealN8n } from './harness/suite';

const { eventA, companyId } = SANDBOX_FIXTURES;
const PAGED_ATTENDEES = 1200;
const PAGE = 100;
/** The node's default Options › Max Concurrent Requests: the most pages a list read asks for ahead. */
const READ_AHEAD = 5;
const UNKNOWN_ACTION = 'event.notAnAction';

/** Seeded before n8n is set up (the workflows read them as $env). */
const seeded = { pagesEventId: '', pagedPersonIds: [] as string[] };
const env = useRealN8n([], { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false' }, (sandbox) => {
	const [pagesEventId] = sandbox.seedEvents(companyId, 1);
	seeded.pagesEventId = pagesEventId;
	seeded.pagedPersonIds = sandbox.seedAttendees(pagesEventId, PAGED_ATTENDEES);
	return { E2E_CALL_SANDBOX_URL: sandbox.url, E2E_CALL_PAGES_EVENT: pagesEventId };
});

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const actionsOf = (requests: RequestLogEntry[]) => requests.map((entry) => entry.action);

const expectNoSecretIn = (what: string, text: string): void => expectNoSecretInFor(env.sandbox(), what, text);

/** `n8n execute` with a fresh request log: the execution and what the sandbox saw; no secret in n8n's output. */
async function execute(workflowId: string): Promise<{ run: Execution; requests: RequestLogEntry[] }> {
	env.sandbox().clearLog();
	const run = await env.n8n().execute(workflowId);
	expectNoSecretIn(`n8n execute --id=${workflowId}'s output`, `${run.result.stdout}\n${run.result.stderr}`);
	return { run, requests: [...env.sandbox().requests] };
}

describe('Custom Action › Call an Action in a real n8n', () => {
	it('the HTTP Request node with Predefined Credential Type › InEvent API: one sign-in, then after a revoked token one more and success', async () => {
		// First in the file: the System credential as imported, with no token stored yet.
		const first = await execute('e2eCallHttpReq01');
		expect(first.run.ok).toBe(true);
		expect(first.requests.map((entry) => [entry.action, entry.status])).toEqual([
			['person.signIn', 200],
			['event.get', 200],
		]);
		const sent = first.requests[1];
		expect(sent.method).toBe('POST');
		expect(sent.query).toMatchObject({ action: 'event.get', eventID: eventA.eventId });
		expect(sent.query.tokenID).toBeUndefined();
		const token = tokenOf(sent);
		expect(token).toMatch(/^\$2a\$08\$/);
		expect(env.sandbox().store.tokens.has(String(token))).toBe(true);
		const [answer] = first.run.runData['HTTP Request'].items;
		expect(answer).toMatchObject({ count: 1, data: [expect.objectContaining({ eventID: eventA.eventId })] });

		expect(env.sandbox().revokeToken(String(token))).toBe(true);
		const second = await execute('e2eCallHttpReq01');
		console.log(
			`[call] HTTP Request node: ${actionsOf(first.requests).join(', ')}; after the revoke: ${second.requests.map((entry) => `${entry.action} ${entry.status}`).join(', ')}`,
		);
		expect(second.run.ok).toBe(true);
		expect(second.requests.map((entry) => [entry.action, entry.status])).toEqual([
			['event.get', 401],
			['person.signIn', 200],
			['event.get', 200],
		]);
		expect(tokenOf(second.requests[0])).toBe(token);
		expect(tokenOf(second.requests[2])).not.toBe(token);
		expect(second.run.runData['HTTP Request'].items[0]).toMatchObject({
			data: [expect.objectContaining({ eventID: eventA.eventId })],
		});
	});

	it('Call an Action event.get: one item, the event as InEvent has it', async () => {
		const { run, requests } = await execute('e2eCallGet000001');
		expect(run.ok).toBe(true);
		const items = run.runData['Call event.get'].items;
		console.log(
			`[call] event.get: ${items.length} item in ${seconds(run.workflowMs)} (${seconds(run.result.ms)} with n8n's start)`,
		);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ eventID: eventA.eventId, name: eventA.name });
		// The token the HTTP Request node's runs stored, reused (a sign-in first when this case runs alone).
		expect(actionsOf(requests).filter((action) => action !== 'person.signIn')).toEqual(['event.get']);
		expect(actionsOf(requests).filter((action) => action === 'person.signIn').length).toBeLessThanOrEqual(1);
		expect(requests[requests.length - 1]).toMatchObject({
			status: 200,
			query: { action: 'event.get', eventID: eventA.eventId },
		});
	});

	it('Call an Action with Paginate › Return All over 1,200 attendees: each once, every page at limit 100, little read ahead', async () => {
		expect(env.sandbox().store.countAttendees(seeded.pagesEventId)).toBe(PAGED_ATTENDEES);
		const { run, requests } = await execute('e2eCallPages0001');
		expect(run.ok).toBe(true);
		const items = run.runData['List Attendees'].items;
		const pages = requests.filter((entry) => entry.action === 'event.person.find');
		const offsets = pages.map((page) => Number(page.query.offset)).sort((a, b) => a - b);
		const beyond = offsets.filter((offset) => offset >= PAGED_ATTENDEES);
		console.log(
			`[call] Paginate › Return All: ${items.length} items from ${pages.length} pages (${beyond.length} at or past the end: offsets ${beyond.join(', ')}) in ${seconds(run.workflowMs)}`,
		);

		expect(items).toHaveLength(PAGED_ATTENDEES);
		const personIds = items.map((item) => String(item.personID));
		expect(new Set(personIds).size).toBe(PAGED_ATTENDEES);
		expect([...personIds].sort()).toEqual([...seeded.pagedPersonIds].sort());

		expect(pages.every((page) => page.status === 200)).toBe(true);
		expect(pages.every((page) => page.query.limit === String(PAGE) && page.query.eventID === seeded.pagesEventId)).toBe(
			true,
		);
		expect(pages.every((page) => page.query.selection === 'all')).toBe(true);
		expect(new Set(offsets).size).toBe(offsets.length);
		expect(offsets.filter((offset) => offset < PAGED_ATTENDEES)).toEqual(
			Array.from({ length: PAGED_ATTENDEES / PAGE }, (_, index) => index * PAGE),
		);
		// The end shows as an empty page at 1,200; beyond it only pages already asked for ahead.
		expect(beyond[0]).toBe(PAGED_ATTENDEES);
		expect(beyond.every((offset) => offset % PAGE === 0)).toBe(true);
		expect(beyond.length).toBeLessThanOrEqual(READ_AHEAD);
	});

	it('an action InEvent does not have: the error names it with the message and status of InEvent, on the item with Continue On Fail, and no secret anywhere', async () => {
		const { run, requests } = await execute('e2eCallUnknown01');
		const refused = `InEvent refused ${UNKNOWN_ACTION} (HTTP 400: action ${UNKNOWN_ACTION} doesn't exist)`;
		const [carried] = run.runData['Unknown Action (Continue)'].items;
		const failed = run.runData['Unknown Action'].error;
		console.log(
			`[call] unknown action: on the item "${String(carried?.error)}"; the failure "${String(run.error?.message)}"`,
		);

		expect(run.ok).toBe(false);
		expect(run.runData['Unknown Action (Continue)'].items).toHaveLength(1);
		expect(String(carried.error)).toContain(refused);
		expect(String(failed?.message)).toContain(refused);
		expect(String(run.error?.message)).toContain(refused);
		expect(
			requests.filter((entry) => entry.action === UNKNOWN_ACTION).map((entry) => [entry.status, entry.query.eventID]),
		).toEqual([
			[400, eventA.eventId],
			[400, eventA.eventId],
		]);
		// execute() has searched n8n's whole output (its log lines and the execution, errors included).
	});
});
