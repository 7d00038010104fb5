/**
 * The README's picture of the AI example: `examples/registration-desk-agent.json` created through
 * the editor's REST API with this n8n's credentials, opened on n8n 2.8.4's canvas and fitted to
 * the view. Every wait is on something appearing, never a fixed sleep.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Dialog, Locator, Page } from 'playwright-core';

import { AGENT_EXAMPLE } from './aiExamples';
import type { N8nRest } from './n8nRest';
import { INEVENT_TOOL_TYPE } from './toolExpectations';

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** Where the OpenAI credential made for the picture points: nothing listens there, nothing calls it. */
const OPENAI_NOWHERE = 'http://127.0.0.1:9/v1';

interface CredentialRef {
	id: string;
	name: string;
}

interface ExampleNode extends IDataObject {
	name: string;
	type: string;
	credentials?: Record<string, CredentialRef>;
}

interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: IDataObject;
	settings: IDataObject;
}

export interface CreatedExample {
	workflowId: string;
	/** The AI Agent's name. */
	agent: string;
	/** The InEvent tool nodes' names, in the example's order. */
	tools: string[];
	/** Every node the canvas shows as a node (all but the sticky note). */
	nodes: string[];
}

/** A credential of `type` already in n8n (the example's name first), or one `create` makes. */
async function credentialOfType(
	existing: Array<CredentialRef & { type: string }>,
	type: string,
	wanted: string,
	create?: () => Promise<CredentialRef>,
): Promise<CredentialRef> {
	const ofType = existing.filter((credential) => credential.type === type);
	const found = ofType.find((credential) => credential.name === wanted) ?? ofType[0];
	if (found) return { id: found.id, name: found.name };
	if (!create) throw new Error(`n8n has no ${type} credential for the example's "${wanted}"`);
	return await create();
}

/**
 * Creates the example as a new workflow, each node's credential mapped to one of this n8n (the
 * InEvent one the test set up; an OpenAI one pointing nowhere, made when there is none), so the
 * canvas shows no credential warning.
 */
export async function createAgentExample(rest: N8nRest): Promise<CreatedExample> {
	const example = AGENT_EXAMPLE as unknown as Example;
	const existing = await rest.call<Array<CredentialRef & { type: string }>>('GET', '/credentials');
	const mapped = new Map<string, CredentialRef>();
	for (const node of example.nodes) {
		for (const [type, credential] of Object.entries(node.credentials ?? {})) {
			if (mapped.has(type)) continue;
			const create =
				type === 'openAiApi'
					? async () =>
							await rest.call<CredentialRef>('POST', '/credentials', {
								name: credential.name,
								type,
								data: { apiKey: 'sk-screenshot-only', url: OPENAI_NOWHERE },
							})
					: undefined;
			mapped.set(type, await credentialOfType(existing, type, credential.name, create));
		}
	}
	const nodes = example.nodes.map((node) => {
		if (!node.credentials) return node;
		const credentials = Object.fromEntries(
			Object.keys(node.credentials).map((type) => [type, mapped.get(type) as CredentialRef]),
		);
		return { ...node, credentials };
	});
	const workflow = await rest.call<{ id: string }>('POST', '/workflows', {
		name: example.name,
		nodes,
		connections: example.connections,
		settings: example.settings,
	});
	const named = (type: string) => example.nodes.filter((node) => node.type === type).map((node) => node.name);
	return {
		workflowId: workflow.id,
		agent: named(AGENT_TYPE)[0],
		tools: named(INEVENT_TOOL_TYPE),
		nodes: example.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name),
	};
}

/** The little of the DOM the page-side checks use (these tests are typed without the DOM library). */
interface InPageElement {
	getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
	closest(selector: string): InPageElement | null;
	ownerDocument: { elementFromPoint(x: number, y: number): InPageElement | null };
}

interface InPageWindow {
	document: { querySelector(selector: string): { style: { transform: string } } | null };
	requestAnimationFrame(callback: () => void): number;
}

const canvasNode = (page: Page, name: string): Locator =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);

const nodeLabel = (page: Page, name: string): Locator => canvasNode(page, name).getByText(name, { exact: true });

/**
 * Whether a person sees the whole element: its corners and centre are on the page and hit the
 * canvas, not the controls, the Execute button, the logs bar or anything else over it.
 */
async function uncovered(locator: Locator): Promise<boolean> {
	if (!(await locator.isVisible())) return false;
	return await locator.evaluate((node) => {
		const element = node as unknown as InPageElement;
		const { left, top, right, bottom } = element.getBoundingClientRect();
		const points = [
			[left + 2, top + 2],
			[right - 2, top + 2],
			[left + 2, bottom - 2],
			[right - 2, bottom - 2],
			[(left + right) / 2, (top + bottom) / 2],
		];
		return points.every(([x, y]) => element.ownerDocument.elementFromPoint(x, y)?.closest('.vue-flow__viewport'));
	});
}

/** Waits until the canvas's transform is the same two frames apart: a zoom has been applied. */
async function viewSettled(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => {
			const window = globalThis as unknown as InPageWindow;
			const transform = () => window.document.querySelector('.vue-flow__transformationpane')?.style.transform;
			const first = transform();
			await new Promise<void>((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve)));
			return Boolean(first) && first === transform();
		},
		undefined,
		{ polling: 100 },
	);
}

export const agentCanvas = {
	/** Opens a saved workflow and waits until the canvas shows each of its nodes. */
	async open(page: Page, editorUrl: string, workflowId: string, nodes: string[]): Promise<void> {
		// Leaving an unsaved workflow asks "leave the page?": leave (Playwright would dismiss it and stay).
		const leave = (dialog: Dialog): void => {
			void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
		};
		page.on('dialog', leave);
		try {
			await page.goto(`${editorUrl}workflow/${workflowId}`);
		} finally {
			page.off('dialog', leave);
		}
		for (const name of nodes) await canvasNode(page, name).waitFor();
	},

	/**
	 * "Zoom to fit" (shortcut 1), then zoom out (-) a step at a time, at most `maxSteps`, while the
	 * controls or the Execute button still cover a node or its label (the fit counts neither).
	 * The pointer rests on the header, so no node shows its hover toolbar.
	 */
	async fitWhole(page: Page, nodes: string[], maxSteps = 3): Promise<void> {
		await page.locator('[data-test-id="zoom-to-fit"]').waitFor();
		await page.mouse.move(640, 20);
		await page.keyboard.press('1');
		await viewSettled(page);
		for (let step = 0; step < maxSteps; step += 1) {
			if ((await agentCanvas.uncoveredNodes(page, nodes)).length === nodes.length) return;
			await page.keyboard.press('-');
			await viewSettled(page);
		}
	},

	/** The nodes among `names` whose box and label a person sees whole on the canvas. */
	async uncoveredNodes(page: Page, names: string[]): Promise<string[]> {
		const shown: string[] = [];
		for (const name of names) {
			if ((await uncovered(canvasNode(page, name))) && (await uncovered(nodeLabel(page, name)))) shown.push(name);
		}
		return shown;
	},

	/** The types the canvas gives these nodes (`data-node-type`). */
	async typesOf(page: Page, names: string[]): Promise<string[]> {
		return await Promise.all(
			names.map(async (name) => (await canvasNode(page, name).getAttribute('data-node-type')) ?? ''),
		);
	},

	/** Nodes whose canvas shows an issue (a missing credential or parameter). */
	async nodesWithIssues(page: Page): Promise<string[]> {
		const flagged = page.locator('[data-test-id="canvas-node"]').filter({
			has: page.locator('[data-test-id="node-issues"]'),
		});
		return (
			await flagged.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-node-name')))
		).filter((name): name is string => name !== null);
	},
};
