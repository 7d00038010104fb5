/**
 * Attendee › Create or Update syncing a whole contact list into a large event, as an admin keeps an
 * event in line with a CRM, against the sandbox with 300 ms latency and InEvent's limits on (as the
 * burst and queue-mode tests), in the pinned n8n (`n8n execute`): 2,000 contacts into a 2,000-attendee
 * event (40 changed, 40 new, 40 with a re-cased email padded with spaces, the rest as stored), then the
 * same list again. The same sync in queue mode, its worker killed midway: syncQueue.e2e.test.ts.
 *
 * The node's default options (so its default match strategy) throughout; the assertions are about
 * outcomes (the event, the output items, the writes and 429s on the wire), not about how the node
 * finds the attendees. Each run logs one line of figures (`[sync]`).
 */
import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { N8nHome } from '../../tools/n8n/n8n';
import { systemCredential } from '../../tools/n8n/imports';
import { wireStats } from '../../tools/n8n/webhookBurst';
import { measuringRates, RATE_WAIT_ALLOWANCE_MS } from './harness/rateSection';
import { CREDENTIAL_IDS } from './harness/suite';
import {
	buildSyncList,
	callsPerAction,
	checkEventAgainstList,
	emailKey,
	formatCalls,
	rateLimitedWindows,
	snapshotEvent,
	SYNC_NODE,
	syncWorkflow,
	WRITE_ACTIONS,
	writesOutside,
} from './harness/syncList';
import type { ListShape, StoredAttendee, SyncList } from './harness/syncList';
import { budgetMs, CREDENTIAL_NAME, LATENCY_MS, readOutput, seconds, usePackedTarball } from './harness/syncRun';

const tarball = usePackedTarball();

/** The count of each kind in the list. */
function tally(list: SyncList): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const kind of list.kinds) counts[kind] = (counts[kind] ?? 0) + 1;
	return counts;
}

describe('Create or Update: 2,000 contacts into a 2,000-attendee event in the pinned n8n', () => {
	const WORKFLOW_ID = 'e2eSyncList00001';
	const SHAPE: ListShape = { changed: 40, fresh: 40, recased: 40, omitted: 40 };
	const ATTENDEES = 2000;
	const budget = budgetMs(ATTENDEES, SHAPE.changed + SHAPE.fresh);
	let sandbox: Sandbox;
	let home: N8nHome | undefined;
	let list: SyncList;
	let before: Map<string, StoredAttendee>;
	let afterFirst: Map<string, StoredAttendee> | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, latencyMs: LATENCY_MS, rateLimits: true });
		const [eventId] = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, 1);
		sandbox.seedAttendees(eventId, ATTENDEES);
		list = buildSyncList(sandbox, eventId, SHAPE);
		before = snapshotEvent(sandbox, eventId);
		home = new N8nHome();
		await home.init();
		await home.installPackage(tarball());
		await home.importCredentials([systemCredential(sandbox.url)]);
		await home.importWorkflows([
			syncWorkflow({
				id: WORKFLOW_ID,
				name: 'E2E: sync 2,000 contacts',
				list,
				credentialId: CREDENTIAL_IDS.system,
				credentialName: CREDENTIAL_NAME,
			}),
		]);
	}, 300_000);

	afterAll(async () => {
		await sandbox?.close();
		home?.remove();
	});

	async function run(label: string) {
		sandbox.clearLog();
		const execution = await measuringRates(`sync.e2e: 2,000 contacts, ${label}`, () =>
			home!.execute(WORKFLOW_ID, budget),
		);
		const log = [...sandbox.requests];
		const items = execution.runData[SYNC_NODE]?.items ?? [];
		const output = readOutput(list, items);
		const calls = callsPerAction(log);
		const stats = wireStats(log);
		console.log(
			`[sync] ${list.contacts.length} contacts → ${ATTENDEES}-attendee event, ${label}: ${seconds(execution.workflowMs)} (n8n execute ${seconds(execution.result.ms)}, the node ${seconds(execution.runData[SYNC_NODE]?.executionTime ?? 0)}); ${stats.calls} calls: ${formatCalls(calls)}; ${stats.rateLimited} 429s (max ${stats.maxStartsInAnySecondPerToken} arrivals in a second); items ${items.length}, failed ${output.failed.length}, created ${output.created}, updateForm ${formatCalls(output.forms)}`,
		);
		for (const line of rateLimitedWindows(log)) console.log(`[sync] ${label}: ${line}`);
		if (!execution.ok || output.failed.length > 0)
			console.log(
				`[sync] ${label}: ${JSON.stringify(execution.error ?? output.failed[0])}\n${execution.result.stderr.slice(-2000)}`,
			);
		return { execution, log, items, output, stats };
	}

	it(
		'registers the 40 new, stores the 40 changes as sent, leaves the rest alone, items in input order, 0 failed',
		async () => {
			expect(tally(list)).toEqual({ same: 1880, changed: 40, recased: 40, new: 40 });
			const { execution, log, items, output, stats } = await run('first run');
			afterFirst = snapshotEvent(sandbox, list.eventId);

			const check = checkEventAgainstList(sandbox, list, before);
			// Writes only for what changed: the changed attendees and the new emails.
			const changedIds = new Set(
				list.personIds.filter((id, index): id is string => list.kinds[index] === 'changed' && !!id),
			);
			const newEmails = new Set(
				list.contacts.filter((_, index) => list.kinds[index] === 'new').map((c) => emailKey(c.email)),
			);
			// The output's attendees are the stored ones.
			const otherAttendee = list.personIds
				.map((personId, index) => ({ index, personId, got: String(items[index]?.personID) }))
				.filter(({ personId, got }) => personId !== undefined && got !== personId);
			expect({
				ok: execution.ok,
				items: items.length,
				failed: output.failed.length,
				outOfOrder: output.outOfOrder.slice(0, 5),
				createdWrongly: output.createdWrongly.slice(0, 5),
				otherAttendee: otherAttendee.slice(0, 5),
				problems: check.problems.slice(0, 10),
				problemCount: check.problems.length,
				duplicates: check.duplicates,
				attendees: check.attendees,
				writesOutside: writesOutside(sandbox, log, { personIds: changedIds, emails: newEmails }).slice(0, 10),
				// The account's pace keeps 50 ms of slack per second: on a loaded machine a late call can still
				// make 11 arrivals in one InEvent second. Such a 429 is waited out and resent (never an item's
				// error); more than a couple means the pace itself is wrong.
				rateLimitedAtMostTwo: stats.rateLimited <= 2,
			}).toEqual({
				ok: true,
				items: 2000,
				failed: 0,
				outOfOrder: [],
				createdWrongly: [],
				otherAttendee: [],
				problems: [],
				problemCount: 0,
				duplicates: [],
				attendees: ATTENDEES + SHAPE.fresh,
				writesOutside: [],
				rateLimitedAtMostTwo: true,
			});
		},
		budget + 60_000 + RATE_WAIT_ALLOWANCE_MS,
	);

	it(
		'the same list again writes nothing: no bind, operate or respond, every item created: false',
		async () => {
			expect(afterFirst).toBeDefined();
			const { execution, log, items, output, stats } = await run('sent again');

			expect({
				ok: execution.ok,
				items: items.length,
				failed: output.failed.length,
				outOfOrder: output.outOfOrder.slice(0, 5),
				created: output.created,
				writes: log.filter((entry) => WRITE_ACTIONS.includes(entry.action)).map((entry) => entry.action),
				rateLimitedAtMostTwo: stats.rateLimited <= 2,
			}).toEqual({
				ok: true,
				items: 2000,
				failed: 0,
				outOfOrder: [],
				created: 0,
				writes: [],
				rateLimitedAtMostTwo: true,
			});
			// Nothing moved, not even a dateUpdated stamp.
			expect(snapshotEvent(sandbox, list.eventId)).toEqual(afterFirst);
		},
		budget + 60_000 + RATE_WAIT_ALLOWANCE_MS,
	);
});

/** A POST with a JSON body that can be abandoned; the reply resolves (never rejects) with what came back. */
