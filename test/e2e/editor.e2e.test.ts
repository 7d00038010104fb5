/**
 * The package as a person sees it: the n8n that `npm start` gives (sandbox, pinned n8n, owner
 * login, "InEvent sandbox" credential, examples) on free ports in a temp folder, driven in Debian's
 * Chromium. Saves the README's screenshots (test/e2e/.artifacts/screenshots/; docs/screenshots/
 * with UPDATE_SCREENSHOTS=1) and, when a step fails, a screenshot and n8n's last log lines.
 */
import type { Browser, Page } from 'playwright-core';

import { SANDBOX_FIXTURES } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { agentCanvas, createAgentExample } from './harness/agentCanvas';
import { launchChromium, newEditorPage, saveFailure, saveScreenshot, VIEWPORT } from './harness/browser';
import { DEMO_OWNER, DemoN8n } from '../../tools/n8n/demo';
import {
	actionNames,
	appHeader,
	credentialFieldNames,
	credentialFieldsShownFor,
	credentialOptionName,
	credentialOptionNames,
	eventListNames,
	reportColumnNames,
	resourceNames,
	triggerNames,
} from './harness/editorExpectations';
import {
	chooseOption,
	closeNotifications,
	credentialForm,
	dismissInterruptions,
	nodePanel,
	nodeView,
	openNewWorkflow,
	optionsOf,
	signIn,
} from './harness/editorUi';
import { N8nRest } from './harness/n8nRest';
import { freePort } from '../../tools/n8n/ports';
import { stopAll } from '../../tools/n8n/processes';
import { INEVENT_TOOL_TYPE } from './harness/toolExpectations';

const { eventA } = SANDBOX_FIXTURES;
const EVENT_A_ENTRY = `${eventA.name} (${eventA.eventId})`;

let demo: DemoN8n | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const started = Date.now();

function timing(label: string, since: number): void {
	process.stdout.write(`[editor e2e] ${label}: ${((Date.now() - since) / 1000).toFixed(1)} s\n`);
}

/** Runs a step; on failure keeps the page and n8n's log tail before failing the test. */
async function step(name: string, body: (page: Page) => Promise<void>): Promise<void> {
	const since = Date.now();
	try {
		if (!page) throw new Error('the browser did not start');
		await body(page);
		timing(name, since);
	} catch (error) {
		await saveFailure(name, page, demo?.logTail() ?? '(n8n did not start)');
		throw error;
	}
}

function sandbox(): Sandbox {
	if (!demo?.sandbox) throw new Error('the sandbox did not start');
	return demo.sandbox;
}

const sorted = (names: string[]): string[] => [...names].sort();

beforeAll(async () => {
	const since = Date.now();
	demo = new DemoN8n({ port: await freePort(), sandboxPort: 0, logLevel: 'info' });
	try {
		await demo.start();
		timing('n8n (npm start setup) up', since);
		browser = await launchChromium();
		page = await newEditorPage(browser);
		page.setDefaultTimeout(60_000);
		await dismissInterruptions(page);
	} catch (error) {
		await saveFailure('start-up', page, demo.logTail());
		throw error;
	}
}, 300_000);

afterAll(async () => {
	await browser?.close().catch(() => undefined);
	stopAll();
	await demo?.stop();
	timing('whole editor test', started);
});

describe('the InEvent node in n8n’s editor', () => {
	it('signs in with the login npm start prints', async () => {
		await step('sign in', async (page) => {
			await signIn(page, demo?.editorUrl ?? '', DEMO_OWNER.email, DEMO_OWNER.password);
			expect(new URL(page.url()).pathname).not.toContain('signin');
		});
	}, 120_000);

	it('shows the credential fields of each region and scope', async () => {
		await step('credential form', async (page) => {
			await credentialForm.openNew(page, demo?.editorUrl ?? '', 'InEvent API');
			const fields = credentialFieldNames();
			const regionLabel = (value: string) => credentialOptionName('region', value);
			const scopeLabel = (value: string) => credentialOptionName('scope', value);

			expect(await optionsOf(page, 'region', 3)).toEqual(credentialOptionNames('region'));
			expect(await optionsOf(page, 'scope', 2)).toEqual(credentialOptionNames('scope'));
			expect(await credentialForm.shownFields(page, fields)).toEqual(
				credentialFieldsShownFor({ region: 'na', scope: 'system' }),
			);

			await chooseOption(page, 'region', regionLabel('eu'));
			await credentialForm.waitForField(page, 'baseUrl', 'hidden');
			expect(await credentialForm.shownFields(page, fields)).toEqual(
				credentialFieldsShownFor({ region: 'eu', scope: 'system' }),
			);

			await chooseOption(page, 'region', regionLabel('custom'));
			await credentialForm.waitForField(page, 'baseUrl', 'visible');
			expect(await credentialForm.shownFields(page, fields)).toEqual(
				credentialFieldsShownFor({ region: 'custom', scope: 'system' }),
			);

			await chooseOption(page, 'scope', scopeLabel('event'));
			await credentialForm.waitForField(page, 'eventId', 'visible');
			expect(await credentialForm.shownFields(page, fields)).toEqual(
				credentialFieldsShownFor({ region: 'custom', scope: 'event' }),
			);

			await chooseOption(page, 'region', regionLabel('na'));
			await credentialForm.waitForField(page, 'baseUrl', 'hidden');
			const naEvent = credentialFieldsShownFor({ region: 'na', scope: 'event' });
			expect(await credentialForm.shownFields(page, fields)).toEqual(naEvent);
			expect(naEvent).toEqual(expect.arrayContaining(['eventId']));
			expect(naEvent).not.toContain('baseUrl');

			await credentialForm.scrollToTop(page);
			// The pointer off the form, so no field shows its hover controls.
			await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 5);
			await saveScreenshot(page, 'credential');
			await credentialForm.discard(page);
		});
	}, 120_000);

	it('finds InEvent in the node panel with its triggers and actions', async () => {
		await step('node panel', async (page) => {
			await openNewWorkflow(page, demo?.editorUrl ?? '');
			await nodePanel.open(page, 'first-step');
			expect(await nodePanel.search(page, 'InEvent', 'InEvent')).toContain('InEvent');
			await nodePanel.openNode(page, 'InEvent');

			// The header over the triggers and actions describes the whole app: every resource of the
			// action node, not only the trigger's events.
			const header = await nodePanel.appHeader(page);
			process.stdout.write(`[editor e2e] InEvent's header: ${header.title}: ${header.description}\n`);
			expect(header).toEqual(appHeader());
			const described = header.description.toLowerCase();
			expect(resourceNames().filter((resource) => !described.includes(resource.toLowerCase()))).toEqual([]);

			const triggers = triggerNames();
			const actions = actionNames();
			expect(await nodePanel.categories(page, 2)).toEqual([
				`Triggers (${triggers.length})`,
				`Actions (${actions.length})`,
			]);
			expect(sorted(await nodePanel.entries(page, triggers.length))).toEqual(sorted(triggers));
			const all = await nodePanel.expandCategory(page, 'Actions', triggers.length + actions.length);
			expect(sorted(all)).toEqual(sorted([...triggers, ...actions]));
			expect(actions).toHaveLength(28);
			expect(triggers).toHaveLength(4);
		});
	}, 120_000);

	it('lists the sandbox events in Attendee › Get Many, runs the step and shows the items', async () => {
		await step('get many', async (page) => {
			await nodePanel.click(page, 'Get many attendees of an event by name or email');
			await nodeView.waitOpen(page, 'Get many attendees of an event by name or email');
			expect(await nodeView.credential(page)).toBe('InEvent sandbox');

			const events = eventListNames(sandbox());
			expect(events).toContain(EVENT_A_ENTRY);
			expect(sorted(await nodeView.listOf(page, 'eventId', events.length))).toEqual(sorted(events));
			await nodeView.pickFromList(page, EVENT_A_ENTRY);

			const limit = await nodeView.numberValue(page, 'limit');
			const attendees = sandbox().store.membersOf(eventA.eventId);
			const expected = Math.min(limit, attendees.size);
			sandbox().clearLog();
			expect(await nodeView.executeStep(page)).toBe(`${expected} items`);
			const finds = sandbox().requests.filter((request) => request.action === 'event.person.find');
			expect(finds.length).toBeGreaterThan(0);
			expect(finds.every((request) => request.query.eventID === eventA.eventId && request.status === 200)).toBe(true);

			const table = await nodeView.outputTable(page);
			expect(table.headers).toEqual(expect.arrayContaining(['personID', 'email']));
			expect(table.firstColumn.length).toBeGreaterThan(0);
			for (const personId of table.firstColumn) expect(attendees.has(personId)).toBe(true);
			await saveScreenshot(page, 'get-many-run');
			await nodeView.close(page);
		});
	}, 180_000);

	it('loads the Report columns from the sandbox', async () => {
		await step('report columns', async (page) => {
			await closeNotifications(page);
			await nodePanel.open(page, 'plus');
			await nodePanel.search(page, 'InEvent', 'InEvent');
			await nodePanel.openNode(page, 'InEvent');
			const actions = actionNames();
			expect(sorted(await nodePanel.entries(page, actions.length))).toEqual(expect.arrayContaining(sorted(actions)));
			expect(await nodePanel.appHeader(page)).toEqual(appHeader());
			await saveScreenshot(page, 'node-panel');

			await nodePanel.click(page, 'Get the attendee report of an event');
			await nodeView.waitOpen(page, 'Get the attendee report of an event');
			await nodeView.listOf(page, 'eventId', 1);
			sandbox().clearLog();
			await nodeView.pickFromList(page, EVENT_A_ENTRY);
			const columns = reportColumnNames();
			expect(await nodeView.multiOptionsOf(page, 'columns', columns.length)).toEqual(columns);
			const schemaCalls = sandbox().requests.filter((request) => request.action === 'event.report.personSchema');
			expect(schemaCalls.map((request) => request.query.eventID)).toContain(eventA.eventId);
			await saveScreenshot(page, 'report-columns', { forDocs: false });
		});
	}, 120_000);

	it('shows the registration desk agent example with its four InEvent tools on the canvas', async () => {
		await step('agent workflow', async (page) => {
			const rest = new N8nRest(demo?.editorUrl ?? '');
			await rest.login(DEMO_OWNER.email, DEMO_OWNER.password);
			const example = await createAgentExample(rest);
			expect(example.tools).toHaveLength(4);
			await agentCanvas.open(page, demo?.editorUrl ?? '', example.workflowId, example.nodes);
			await agentCanvas.fitWhole(page, example.nodes);

			expect(await agentCanvas.uncoveredNodes(page, [example.agent, ...example.tools])).toEqual([
				example.agent,
				...example.tools,
			]);
			expect(await agentCanvas.uncoveredNodes(page, example.nodes)).toEqual(example.nodes);
			expect(await agentCanvas.typesOf(page, example.tools)).toEqual(example.tools.map(() => INEVENT_TOOL_TYPE));
			expect(await agentCanvas.nodesWithIssues(page)).toEqual([]);
			await closeNotifications(page);
			await saveScreenshot(page, 'agent-workflow');
		});
	}, 120_000);
});
