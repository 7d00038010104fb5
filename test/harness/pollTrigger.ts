import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { InEventTrigger } from '../../nodes/InEventTrigger/InEventTrigger.node';
import type { StoredCredential } from './credentialsHelper';
import { additionalDataFor } from './runNode';

const trigger: INodeType = new InEventTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: () => trigger,
	getKnownTypes: () => ({}),
};

/**
 * An active InEvent Trigger as n8n runs it: one workflow whose static data (the cursor) lives
 * between polls, and n8n-core's real PollContext for each poll.
 */
export class ActiveTrigger {
	readonly workflow: Workflow;

	private readonly node: INode;

	/** The context n8n handed the last poll (what the transport keyed its settings by). */
	lastContext: PollContext | undefined;

	/** As n8n 2.41's durable scheduler tells a poll (`getPollBudgetMs`); the n8n-core of the unit tests has no such call. */
	pollBudgetMs: number | undefined;

	constructor(
		parameters: INodeParameters,
		private readonly credential: StoredCredential,
		staticData: IDataObject = {},
	) {
		this.node = {
			id: 'trigger-1',
			name: 'InEvent Trigger',
			type: 'n8n-nodes-inevent.inEventTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { inEventApi: { id: 'cred-1', name: 'InEvent account' } },
		};
		this.workflow = new Workflow({
			id: 'wf-t',
			name: 'trigger',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			settings: {},
			staticData,
		});
	}

	/** One poll; the JSON of the items it emitted (empty when it returned null). */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
		const additionalData = additionalDataFor(this.credential);
		const context = new PollContext(this.workflow, this.node, additionalData, mode, 'activate');
		const budgetMs = this.pollBudgetMs;
		if (budgetMs !== undefined) Object.assign(context, { getPollBudgetMs: () => budgetMs });
		this.lastContext = context;
		const output = await trigger.poll!.call(context);
		return output ? output[0].map((item) => item.json) : [];
	}

	/** What n8n would save: the trigger's cursor. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node) as IDataObject;
	}
}
