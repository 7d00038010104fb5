import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeProperties } from 'n8n-workflow';

import { InEvent } from '../../../nodes/InEvent/InEvent.node';

const nodeType = new InEvent();
const { properties } = nodeType.description;

/** Every resource and operation, as the editor offers them. */
function actions(): Array<{ resource: string; operation: string }> {
	const resources = properties.find((property) => property.name === 'resource')?.options as Array<{ value: string }>;
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find(
			(property: INodeProperties) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
		);
		return (operation?.options as Array<{ value: string }>).map(({ value }) => ({ resource, operation: value }));
	});
}

/** What n8n tells a model about the tool in automatic mode: n8n's own function, on the tool variant's node. */
function toolDescription(resource: string, operation: string): string {
	const node: INode = {
		id: 'tool',
		name: 'InEvent',
		type: 'n8n-nodes-inevent.inEventTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation, descriptionType: 'auto' },
	};
	return String(NodeHelpers.getToolDescriptionForNode(node, nodeType));
}

/** The words a model needs to pick the action and to know what to pass. */
const MUST_SAY: Record<string, string[]> = {
	'attendee create': ['Register', 'attendee', 'name', 'email'],
	'attendee upsert': ['Create or update', 'attendee', 'email'],
	'attendee get': ['attendee', 'email', 'person ID'],
	'attendee getAll': ['Get many attendees', 'event', 'name', 'email'],
	'attendee delete': ['Remove', 'attendee', 'event'],
	'checkIn checkIn': ['Check in', 'person ID', 'badge code'],
	'checkIn checkOut': ['Check out', 'person ID', 'badge code'],
	'event get': ['event ID'],
	'activity get': ['session ID'],
	'activity getAll': ['sessions', 'event'],
	'customDomain getChallenge': ['DNS records'],
	'report getAttendees': ['attendee report'],
	'custom call': ['Call', 'API action', 'name', 'parameters'],
};

describe('what a model reads about each InEvent tool (n8n automatic tool description)', () => {
	const all = actions().map(({ resource, operation }) => ({
		key: `${resource} ${operation}`,
		text: toolDescription(resource, operation),
	}));

	it('gives each of the 28 actions its own text, "<action> in InEvent"', () => {
		expect(all).toHaveLength(28);
		expect(new Set(all.map(({ text }) => text)).size).toBe(28);
		for (const { text } of all) expect(text).toMatch(/^[A-Z][a-z].* in InEvent$/);
	});

	it.each(Object.entries(MUST_SAY))('%s says what it needs', (key, words) => {
		const text = all.find((action) => action.key === key)?.text ?? '';
		for (const word of words) expect(text).toContain(word);
	});

	it('keeps each action short enough to stay whole as a node name and a tool name (n8n 2.40 cuts at 64)', () => {
		for (const { text } of all) expect(text.replace(/ in InEvent$/, '').length).toBeLessThanOrEqual(50);
	});
});
