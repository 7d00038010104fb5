/**
 * The sync scenario's workflows: a contact list into Attendee › Create or Update (our node), the
 * same look-up-then-write built with n8n's HTTP Request node, and a Get Many of the event for
 * memory. Each list is carried in the workflow (a Set node and a Split Out, as `rows()` does).
 */
import type { IDataObject } from 'n8n-workflow';

import { CREDENTIALS, httpNodeParts, node, linear, rl, rows, start } from './workflows';
import type { HttpSignInIds } from './workflows';

/** One contact of a list, as the workflow sends it (and as the event must hold it afterwards). */
export type Contact = { name: string; email: string; company: string; role: string };

/** The node a workflow's results are read from (its output items). */
export interface SyncWorkflow {
	workflow: IDataObject;
	id: string;
	/** The nodes whose output items are the run's items (summed). */
	outputNodes: string[];
}

const inevent = (name: string, parameters: IDataObject, extra: IDataObject = {}) =>
	node(name, 'n8n-nodes-inevent.inEvent', 1, 600, parameters, { credentials: CREDENTIALS, ...extra });

/**
 * Attendee › Create or Update over a list. `options` is the node's Options collection: `{}` is the
 * default matching (auto), `{ matchStrategy: 'lookUpEach' }` one look-up per contact. An item that
 * fails is output with its error (On Error: Continue), so the run goes on and it is counted.
 */
export function upsertWorkflow(id: string, eventId: string, contacts: Contact[], options: IDataObject): SyncWorkflow {
	const workflow = linear(id, `bench: sync ${id}`, [
		start(),
		...rows('Contacts', 'contacts', contacts),
		inevent(
			'Create or Update',
			{
				resource: 'attendee',
				operation: 'upsert',
				eventId: rl(eventId),
				email: '={{ $json.email }}',
				name: '={{ $json.name }}',
				fields: { company: '={{ $json.company }}', role: '={{ $json.role }}' },
				options,
			},
			{ onError: 'continueRegularOutput' },
		),
	]);
	return { workflow, id, outputNodes: ['Create or Update'] };
}

/** The list alone, as the sync workflow carries it, without the InEvent node: what n8n takes to hold it. */
export function listOnlyWorkflow(id: string, contacts: Contact[]): SyncWorkflow {
	const workflow = linear(id, `bench: sync ${id}`, [start(), ...rows('Contacts', 'contacts', contacts)]);
	return { workflow, id, outputNodes: ['Contacts Split'] };
}

/**
 * The list as the sync carries it, then a Get Many of the event (Execute Once): the same input held
 * and the same event read, so the difference to the sync is what the sync itself takes.
 */
export function listThenGetManyWorkflow(id: string, eventId: string, contacts: Contact[]): SyncWorkflow {
	const workflow = linear(id, `bench: sync ${id}`, [
		start(),
		...rows('Contacts', 'contacts', contacts),
		inevent(
			'Get Many Attendees',
			{ resource: 'attendee', operation: 'getAll', eventId: rl(eventId), returnAll: true, simple: false },
			{ executeOnce: true },
		),
	]);
	return { workflow, id, outputNodes: ['Get Many Attendees'] };
}

/** Attendee › Get Many with Return All: the whole event as items. */
export function getManyWorkflow(id: string, eventId: string): SyncWorkflow {
	const workflow = linear(id, `bench: sync ${id}`, [
		start(),
		inevent('Get Many Attendees', {
			resource: 'attendee',
			operation: 'getAll',
			eventId: rl(eventId),
			returnAll: true,
			simple: false,
		}),
	]);
	return { workflow, id, outputNodes: ['Get Many Attendees'] };
}

type Edge = [from: string, to: string, output?: number];

function graph(id: string, nodes: IDataObject[], edges: Edge[]): IDataObject {
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
	for (const [from, to, output = 0] of edges) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name: `bench: sync ${id}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The same sync as an n8n user builds it with the HTTP Request node: sign in, then per contact a
 * look-up by email (`event.person.get`); InEvent answers an unknown email with an error, which the
 * look-up's error output sends to a registration (`event.person.bind` with the fields it takes); a
 * found attendee goes through an IF (name, company or role differ) to one update
 * (`event.person.operate` with every value in its JSON `content`, the form our node uses too).
 * Every call batched at 10 per second.
 */
export function httpUpsertWorkflow(
	id: string,
	eventId: string,
	contacts: Contact[],
	signIn: HttpSignInIds,
): SyncWorkflow {
	const parts = httpNodeParts(signIn);
	const { auth, batching, query, form, http } = parts;
	const contact = (field: keyof Contact) => `$('Contacts Split').item.json.${field}`;
	const differs = (field: keyof Contact) => ({
		id: `differs-${field}`,
		leftValue: `={{ $json.data[0].${field} }}`,
		rightValue: `={{ ${contact(field)} }}`,
		operator: { type: 'string', operation: 'notEquals' },
	});
	const nodes = [
		start(),
		parts.signIn,
		...rows('Contacts', 'contacts', contacts),
		http(
			'Look Up',
			600,
			{
				...query([
					['action', 'event.person.get'],
					['eventID', eventId],
					['email', `={{ ${contact('email')} }}`],
				]),
				...auth,
				options: batching,
			},
			{ onError: 'continueErrorOutput' },
		),
		node('Changed?', 'n8n-nodes-base.if', 2.2, 800, {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [differs('name'), differs('company'), differs('role')],
				combinator: 'or',
			},
			options: { ignoreCase: false },
		}),
		http('Update Attendee', 1000, {
			...query([
				['action', 'event.person.operate'],
				['eventID', eventId],
				['personID', '={{ $json.data[0].personID }}'],
			]),
			...auth,
			...form([
				[
					'content',
					`={{ JSON.stringify({ name: ${contact('name')}, company: ${contact('company')}, role: ${contact('role')} }) }}`,
				],
			]),
			options: batching,
		}),
		http('Register', 800, {
			...query([
				['action', 'event.person.bind'],
				['eventID', eventId],
			]),
			...auth,
			...form([
				['name', `={{ ${contact('name')} }}`],
				['email', `={{ ${contact('email')} }}`],
				['username', `={{ ${contact('email')} }}`],
				['company', `={{ ${contact('company')} }}`],
				['role', `={{ ${contact('role')} }}`],
			]),
			options: batching,
		}),
	];
	const workflow = graph(id, nodes, [
		['Start', 'Sign In'],
		['Sign In', 'Contacts'],
		['Contacts', 'Contacts Split'],
		['Contacts Split', 'Look Up'],
		['Look Up', 'Changed?', 0],
		['Look Up', 'Register', 1],
		['Changed?', 'Update Attendee', 0],
	]);
	// Every contact leaves the look-up once: found (its success output) or registered.
	return { workflow, id, outputNodes: ['Look Up', 'Register'] };
}
