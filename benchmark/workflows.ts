import type { IDataObject } from 'n8n-workflow';

import { burstWorkflow, webhookNode } from '../tools/n8n/webhookBurst';

export interface BenchIds {
	base: string;
	username: string;
	password: string;
	createEventId: string;
	listEventId: string;
	updateEventIds: string[];
	createCount: number;
	/** The burst scenario: the event its attendees join, and the webhook path of the contender. */
	burstEventId: string;
	burstPath: string;
}

type Scenario = 'create' | 'list' | 'update' | 'burst';

export const CREDENTIALS = { inEventApi: { id: 'inEventSystem001', name: 'InEvent sandbox' } };
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

export function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	return {
		id: name.replace(/\W/g, '-').toLowerCase(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	};
}

export function linear(id: string, name: string, nodes: IDataObject[]): IDataObject {
	const connections: IDataObject = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[String(nodes[index].name)] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

export const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {});
export const rows = (name: string, field: string, values: IDataObject[]) => [
	node(name, 'n8n-nodes-base.set', 3.4, 200, {
		mode: 'raw',
		jsonOutput: JSON.stringify({ [field]: values }),
		options: {},
	}),
	node(`${name} Split`, 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: field, options: {} }),
];
const people = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, index) => ({
		name: `${prefix} ${index}`,
		email: `${prefix.toLowerCase()}.${index}@bench.test`,
	}));

/** Workflows with our node, as a user builds them. */
export function ourWorkflows(ids: BenchIds): Record<Scenario, IDataObject> {
	const inevent = (name: string, parameters: IDataObject, extra: IDataObject = {}) =>
		node(name, 'n8n-nodes-inevent.inEvent', 1, 600, parameters, { credentials: CREDENTIALS, ...extra });
	return {
		create: linear('benchOursCreate1', 'bench: ours create', [
			start(),
			...rows('People', 'people', people('Ours', ids.createCount)),
			inevent('Create Attendee', {
				resource: 'attendee',
				operation: 'create',
				eventId: rl(ids.createEventId),
				name: '={{ $json.name }}',
				email: '={{ $json.email }}',
			}),
		]),
		list: linear('benchOursList001', 'bench: ours list', [
			start(),
			inevent('List Attendees', {
				resource: 'attendee',
				operation: 'getAll',
				eventId: rl(ids.listEventId),
				returnAll: true,
				simple: false,
			}),
		]),
		update: linear('benchOursUpdate1', 'bench: ours update', [
			start(),
			...rows(
				'Events',
				'events',
				ids.updateEventIds.map((eventID) => ({ eventID })),
			),
			inevent('Update Event', {
				resource: 'event',
				operation: 'update',
				eventId: rl('={{ $json.eventID }}'),
				updateFields: { name: '=Bench {{ $json.eventID }}', description: 'Updated by the benchmark', visible: true },
			}),
		]),
		burst: burstWorkflow({
			id: 'benchOursBurst01',
			name: 'bench: ours burst',
			path: ids.burstPath,
			credentialId: CREDENTIALS.inEventApi.id,
			credentialName: CREDENTIALS.inEventApi.name,
			eventId: ids.burstEventId,
		}),
	};
}

/** Where and as whom the HTTP Request node workflows sign in. */
export interface HttpSignInIds {
	base: string;
	username: string;
	password: string;
}

/**
 * The HTTP Request node as a user sets it up for InEvent: a sign-in step, the token in a header,
 * batching (10 calls per second), query and form helpers, Retry On Fail.
 */
export function httpNodeParts(ids: HttpSignInIds) {
	const auth = {
		sendHeaders: true,
		headerParameters: {
			parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Sign In').first().json.data[0].tokenID }}" }],
		},
	};
	const batching = { batching: { batch: { batchSize: 10, batchInterval: 1000 } } };
	const query = (pairs: Array<[string, string]>) => ({
		sendQuery: true,
		queryParameters: { parameters: pairs.map(([name, value]) => ({ name, value })) },
	});
	const form = (pairs: Array<[string, string]>) => ({
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: { parameters: pairs.map(([name, value]) => ({ name, value })) },
	});
	// A user who has seen InEvent's 429s turns on the node's Retry On Fail: 5 tries, 1 s apart.
	const http = (name: string, x: number, parameters: IDataObject, extra: IDataObject = {}) =>
		node(
			name,
			'n8n-nodes-base.httpRequest',
			4.2,
			x,
			{ method: 'POST', url: ids.base, ...parameters },
			{ retryOnFail: true, maxTries: 5, waitBetweenTries: 1000, ...extra },
		);
	const signIn = http('Sign In', 100, {
		...query([
			['action', 'person.signIn'],
			['username', ids.username],
		]),
		...form([['password', ids.password]]),
		options: {},
	});
	return { auth, batching, query, form, http, signIn };
}

/** The same calls with n8n's HTTP Request node: a sign-in step, the token in a header, batching and pagination options. */
export function httpNodeWorkflows(ids: BenchIds): Record<Scenario, IDataObject> {
	const { auth, batching, query, form, http, signIn } = httpNodeParts(ids);
	const edit = (key: string, value: string, x: number) =>
		http(`Edit ${key}`, x, {
			...query([
				['action', 'event.edit'],
				['eventID', "={{ $('Events Split').item.json.eventID }}"],
				['key', key],
			]),
			...auth,
			...form([['value', value]]),
			options: batching,
		});
	return {
		create: linear('benchHttpCreate1', 'bench: HTTP Request create', [
			start(),
			signIn,
			...rows('People', 'people', people('Http', ids.createCount)),
			http('Create Attendee', 600, {
				...query([
					['action', 'event.person.bind'],
					['eventID', ids.createEventId],
				]),
				...auth,
				...form([
					['name', '={{ $json.name }}'],
					['email', '={{ $json.email }}'],
					['username', '={{ $json.email }}'],
				]),
				options: batching,
			}),
		]),
		list: linear('benchHttpList001', 'bench: HTTP Request list', [
			start(),
			signIn,
			http('List Pages', 300, {
				...query([
					['action', 'event.person.find'],
					['eventID', ids.listEventId],
					['selection', 'all'],
					['limit', '100'],
				]),
				...auth,
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'offset', value: '={{ $pageCount * 100 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.data.length < 100 }}',
							requestInterval: 100,
						},
					},
				},
			}),
			node('Attendees', 'n8n-nodes-base.splitOut', 1, 500, { fieldToSplitOut: 'data', options: {} }),
		]),
		update: linear('benchHttpUpdate1', 'bench: HTTP Request update', [
			start(),
			signIn,
			...rows(
				'Events',
				'events',
				ids.updateEventIds.map((eventID) => ({ eventID })),
			),
			edit('name', "=Bench {{ $('Events Split').item.json.eventID }}", 600),
			edit('description', 'Updated by the benchmark', 800),
			edit('visible', '1', 1000),
		]),
		// One execution per webhook call: it signs in, then creates the attendee from the call's body.
		burst: linear('benchHttpBurst01', 'bench: HTTP Request burst', [
			webhookNode(ids.burstPath),
			signIn,
			http('Create Attendee', 600, {
				...query([
					['action', 'event.person.bind'],
					['eventID', ids.burstEventId],
				]),
				...auth,
				...form([
					['name', "={{ $('Webhook').item.json.body.name }}"],
					['email', "={{ $('Webhook').item.json.body.email }}"],
					['username', "={{ $('Webhook').item.json.body.email }}"],
				]),
				options: {},
			}),
		]),
	};
}
