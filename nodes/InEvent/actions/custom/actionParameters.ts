import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../helpers/validation';
import type { InEventValue } from '../../transport';

/** `module.method`, as every InEvent action is named (e.g. `event.person.find`). */
const ACTION_NAME = /^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

/** Names the node sends itself, never taken from the user. */
const RESERVED = new Map([
	['action', 'the action is chosen in Action'],
	['tokenID', 'the credential sends the token'],
]);

export function requireActionName(this: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const action = String(value ?? '').trim();
	const node = this.getNode();
	if (action === '')
		throw invalidInput(node, itemIndex, 'Action is empty: choose one from the list or type its name, e.g. event.get');
	if (!ACTION_NAME.test(action)) {
		throw invalidInput(node, itemIndex, `Action must be module.method, e.g. event.get (got "${action.slice(0, 60)}")`);
	}
	if (action === 'person.signIn') {
		throw invalidInput(
			node,
			itemIndex,
			'Action person.signIn is what the credential does: Call an Action does not send it',
		);
	}
	return action;
}

type Place = 'query' | 'body';

const LABELS: Record<Place, { fields: string; json: string }> = {
	query: { fields: 'Query Parameters', json: 'Query Parameters (JSON)' },
	body: { fields: 'Body Parameters', json: 'Body Parameters (JSON)' },
};

/** A form value as InEvent takes it: a structured value goes as a JSON string inside one field (inevent-api.md §4). */
function toFormValue(value: unknown): InEventValue | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return JSON.stringify(value);
}

function fromJson(this: IExecuteFunctions, itemIndex: number, place: Place, raw: unknown): IDataObject {
	const label = LABELS[place].json;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw invalidInput(this.getNode(), itemIndex, `${label} is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			`${label} must be a JSON object of names and values, e.g. {"eventID": "73565"}`,
		);
	}
	return parsed as IDataObject;
}

function fromFields(this: IExecuteFunctions, itemIndex: number, place: Place): IDataObject {
	const collection = this.getNodeParameter(`${place}Parameters`, itemIndex, {}) as {
		parameters?: Array<{ name?: string; value?: unknown }>;
	};
	const values: IDataObject = {};
	for (const [index, { name, value }] of (collection.parameters ?? []).entries()) {
		const key = String(name ?? '').trim();
		if (key === '') {
			throw invalidInput(this.getNode(), itemIndex, `${LABELS[place].fields}: parameter ${index + 1} has no name`);
		}
		values[key] = value as IDataObject[string];
	}
	return values;
}

/** The query or body values the user gave, as fields or JSON, checked and ready for the form. */
export function actionParameters(
	this: IExecuteFunctions,
	itemIndex: number,
	place: Place,
): Record<string, InEventValue | undefined> {
	const specify = this.getNodeParameter(`specify${place === 'query' ? 'Query' : 'Body'}`, itemIndex, 'keypair');
	const given =
		specify === 'json'
			? fromJson.call(
					this,
					itemIndex,
					place,
					this.getNodeParameter(`json${place === 'query' ? 'Query' : 'Body'}`, itemIndex, '{}'),
				)
			: fromFields.call(this, itemIndex, place);
	const values: Record<string, InEventValue | undefined> = {};
	for (const [name, value] of Object.entries(given)) {
		const reserved = RESERVED.get(name);
		if (reserved)
			throw invalidInput(this.getNode(), itemIndex, `${LABELS[place].fields}: leave out "${name}" (${reserved})`);
		values[name] = toFormValue(value);
	}
	return values;
}
