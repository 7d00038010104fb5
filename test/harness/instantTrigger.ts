import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Logger,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { InEventInstantTrigger } from '../../nodes/InEventInstantTrigger/InEventInstantTrigger.node';
import type { StoredCredential } from './credentialsHelper';
import { additionalDataFor } from './runNode';

const trigger = new InEventInstantTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => trigger as INodeType,
	getByNameAndVersion: () => trigger as INodeType,
	getKnownTypes: () => ({}),
};

export const N8N_WEBHOOK_BASE = 'http://n8n.test:5678/webhook';
export const N8N_TEST_WEBHOOK_BASE = 'http://n8n.test:5678/webhook-test';

export interface LogLine {
	level: 'info' | 'warn' | 'error' | 'debug';
	message: string;
}

/**
 * An InEvent Instant Trigger in a workflow, driven as n8n drives it: n8n-core's real HookContext for
 * the webhook lifecycle (checkExists, create, delete) and WebhookContext for each delivery.
 */
export class InstantTrigger {
	readonly workflow: Workflow;

	readonly node: INode;

	/** What the trigger wrote to n8n's log. */
	readonly logs: LogLine[] = [];

	constructor(
		parameters: INodeParameters,
		private readonly credential: StoredCredential,
		webhookId = '5f1d1c3e-7a11-4c4e-9a55-0b0e0b0e0b0e',
		private readonly base = { production: N8N_WEBHOOK_BASE, test: N8N_TEST_WEBHOOK_BASE },
		/** What n8n saved of the workflow's static data (a restart carries it over). */
		staticData: IDataObject = {},
	) {
		this.node = {
			id: 'instant-1',
			name: 'InEvent Instant Trigger',
			type: 'n8n-nodes-inevent.inEventInstantTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId,
			parameters,
			credentials: { inEventApi: { id: 'cred-1', name: 'InEvent account' } },
		};
		this.workflow = new Workflow({
			id: 'wf-instant',
			name: 'instant',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			settings: {},
			staticData,
		});
	}

	/** n8n's production URL of this trigger (or the test URL the editor listens on). */
	url(test = false): string {
		return `${test ? this.base.test : this.base.production}/${this.node.webhookId}/webhook`;
	}

	private additionalData(httpRequest?: IDataObject): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.credential),
			webhookBaseUrl: this.base.production,
			webhookTestBaseUrl: this.base.test,
			...(httpRequest ? { httpRequest } : {}),
		} as IWorkflowExecuteAdditionalData;
	}

	private withLogger<T extends object>(context: T): T {
		const line = (level: LogLine['level']) => (message: string) => this.logs.push({ level, message });
		const logger = { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug') };
		Object.defineProperty(context, 'logger', { value: logger as unknown as Logger });
		return context;
	}

	private webhookData(test: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: trigger.description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			isTest: test,
		} as IWebhookData;
	}

	private hook(test: boolean): HookContext {
		const mode: WorkflowExecuteMode = test ? 'manual' : 'trigger';
		return this.withLogger(
			new HookContext(
				this.workflow,
				this.node,
				this.additionalData(),
				mode,
				test ? 'manual' : 'activate',
				this.webhookData(test),
			),
		);
	}

	async checkExists(test = false): Promise<boolean> {
		return await trigger.webhookMethods.default.checkExists.call(this.hook(test));
	}

	async create(test = false): Promise<boolean> {
		return await trigger.webhookMethods.default.create.call(this.hook(test));
	}

	async delete(test = false): Promise<boolean> {
		return await trigger.webhookMethods.default.delete.call(this.hook(test));
	}

	/** What n8n does when a workflow is activated (or n8n restarts with it active). */
	async activate(test = false): Promise<void> {
		if (!(await this.checkExists(test))) await this.create(test);
	}

	/** One POST to the trigger's URL, as n8n hands it to the node (JSON already parsed). */
	async deliver(
		body: unknown,
		headers: IDataObject = { 'content-type': 'application/json' },
	): Promise<IWebhookResponseData> {
		const request = { body, headers, query: {}, params: {} } as IDataObject;
		const context = this.withLogger(
			new WebhookContext(
				this.workflow,
				this.node,
				this.additionalData(request),
				'webhook',
				this.webhookData(false),
				[],
				null,
			),
		);
		return await trigger.webhook.call(context);
	}

	/** The items a delivery started the workflow with, or undefined when it started nothing. */
	async itemsFrom(body: unknown): Promise<IDataObject[] | undefined> {
		const answer = await this.deliver(body);
		return answer.workflowData?.[0].map((item) => item.json);
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node) as IDataObject;
	}
}

/** What one delivery to a served trigger came to: the workflow's items, nothing started, or n8n's 500. */
export type Outcome = { items: IDataObject[] } | { started: false } | { failed: string };

export interface ServedTrigger {
	trigger: InstantTrigger;
	/** One entry per POST received, in arrival order. */
	outcomes: Outcome[];
	close(): Promise<void>;
}

/**
 * The trigger behind a real HTTP listener on loopback, as n8n serves it (JSON parsed, 200 once the
 * node's webhook() returns, 500 when it throws), so the sandbox's deliveries reach it.
 */
export async function serveInstantTrigger(
	parameters: INodeParameters,
	credential: StoredCredential,
): Promise<ServedTrigger> {
	const outcomes: Outcome[] = [];
	let trigger: InstantTrigger | undefined;
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			void (async () => {
				try {
					const answer = await trigger!.deliver(JSON.parse(raw) as unknown);
					const items = answer.workflowData?.[0].map((item) => item.json);
					outcomes.push(items ? { items } : { started: false });
					res.writeHead(200).end('{"message":"Workflow was started"}');
				} catch (error) {
					outcomes.push({ failed: (error as Error).message });
					res.writeHead(500).end();
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const root = `http://127.0.0.1:${port}`;
	trigger = new InstantTrigger(parameters, credential, undefined, {
		production: `${root}/webhook`,
		test: `${root}/webhook-test`,
	});
	return {
		trigger,
		outcomes,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
