import { ExecuteContext, LoadOptionsContext } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { InEventApi } from '../../credentials/InEventApi.credentials';
import { InEvent } from '../../nodes/InEvent/InEvent.node';
import { TestCredentialsHelper } from './credentialsHelper';
import type { StoredCredential } from './credentialsHelper';

export const credentialType = new InEventApi();
const nodeType: INodeType = new InEvent();

const nodeTypes: INodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
};

/** A credential as a user saves it: defaults filled in, no token yet. */
export function storedCredential(data: ICredentialDataDecryptedObject): StoredCredential {
	const defaults: ICredentialDataDecryptedObject = {};
	for (const property of credentialType.properties) {
		defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
	}
	return { data: { ...defaults, ...data }, saves: 0 };
}

function makeNode(parameters: INodeParameters, continueOnFail: boolean, overrides: Partial<INode>): INode {
	return {
		id: 'node-1',
		name: 'InEvent',
		type: 'n8n-nodes-inevent.inEvent',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { inEventApi: { id: 'cred-1', name: 'InEvent account' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...overrides,
	};
}

/** What n8n hands an execution context: here mostly the credentials helper. */
export function additionalDataFor(credential: StoredCredential): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentialType, credential),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function workflowFor(node: INode, timezone?: string): Workflow {
	return new Workflow({
		id: 'wf-1',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: timezone ? { timezone } : {},
	});
}

export interface RunOptions {
	parameters: INodeParameters;
	credential: StoredCredential;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** The node as n8n hands it over: e.g. the tool variant's type, or how an AI Agent's call marks it. */
	node?: Partial<INode>;
	/** The workflow's time zone (Workflow Settings › Timezone); n8n's default when not given. */
	timezone?: string;
}

/** An execution context as n8n's engine builds one for a run of the InEvent node. */
export function executeContextFor({
	parameters,
	credential,
	items = [{}],
	continueOnFail = false,
	node: overrides = {},
	timezone,
}: RunOptions): ExecuteContext {
	const node = makeNode(parameters, continueOnFail, overrides);
	const inputItems: INodeExecutionData[] = items.map((json) => ({ json }));
	return new ExecuteContext(
		workflowFor(node, timezone),
		node,
		additionalDataFor(credential),
		'manual',
		createRunExecutionData(),
		0,
		inputItems,
		{ main: [inputItems] },
		{ node, data: { main: [inputItems] }, source: null },
		[],
	);
}

/** Runs the InEvent node once, as n8n's engine would, with n8n-core's real request helpers. */
export async function runNode(options: RunOptions): Promise<INodeExecutionData[]> {
	const output = await new InEvent().execute.call(executeContextFor(options));
	return output[0];
}

/** The context the editor hands a list-search or load-options method of the node. */
export function editorContext(
	credential: StoredCredential,
	parameters: INodeParameters = {},
	method = 'searchCompanies',
): LoadOptionsContext {
	const node = makeNode(parameters, false, {});
	const additionalData = { ...additionalDataFor(credential), currentNodeParameters: parameters };
	return new LoadOptionsContext(workflowFor(node), node, additionalData, `parameters.${method}`);
}

/** Calls one of the node's list-search methods as the editor does. */
export async function listSearch(
	method: string,
	credential: StoredCredential,
	parameters: INodeParameters = {},
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const context = editorContext(credential, parameters, method);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`no list search ${method}`);
	return await search.call(context, filter, paginationToken);
}

/** Calls one of the node's load-options methods as the editor does. */
export async function loadOptions(
	method: string,
	credential: StoredCredential,
	parameters: INodeParameters = {},
): Promise<INodePropertyOptions[]> {
	const context = editorContext(credential, parameters, method);
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`no load options ${method}`);
	return await load.call(context);
}
