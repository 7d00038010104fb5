import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Reads node parameters item by item, as `getNodeParameter` would, for operations that read many items
 * (Create or Update of a whole list). A value that is nothing but a path into the item's own JSON
 * (`={{ $json.email }}`, `={{ $json["First name"] }}`, what dragging an input field onto a parameter
 * writes) is read from the item directly when it holds a string, number or boolean; anything else goes
 * through n8n's expression engine. The result is the same; the cost is not: n8n 2.x evaluates each
 * expression in an isolate, about 0.4 ms each, so a 50,000-contact list with four mapped fields spent
 * some 90 s of CPU with no call to InEvent under way.
 */
export interface ItemParameters {
	get(name: string, itemIndex: number, fallback?: unknown): unknown;
	/** A resource locator's value, as `getNodeParameter(name, itemIndex, '', { extractValue: true })`. */
	locatorValue(name: string, itemIndex: number): unknown;
}

/**
 * The node's locators' modes (From List, By ID) have no `extractValue`: n8n gives a locator's value
 * as it is (test/nodes/InEvent/helpers/itemParameters.test.ts checks every locator of the node).
 */
const PLAIN_LOCATOR_MODES = new Set(['list', 'id']);

/** A part of a parameter the expression engine has to resolve. */
const ENGINE = Symbol('engine');

const PATH_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

/** The keys of `={{ $json.a["b"] }}` (['a', 'b']), or undefined for any other value. */
export function itemJsonPathOf(value: string): string[] | undefined {
	const match = PATH_EXPRESSION.exec(value);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_STEP)].map((step) => step[1] ?? step[2] ?? step[3]);
}

function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

function valueAt(json: IDataObject, path: string[]): unknown {
	let current: unknown = json;
	for (const key of path) {
		if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return ENGINE;
		current = current[key];
	}
	const kind = typeof current;
	if (kind === 'string' || kind === 'boolean' || (kind === 'number' && Number.isFinite(current))) return current;
	return ENGINE;
}

export function itemParameters(this: IExecuteFunctions): ItemParameters {
	const raw = this.getNode().parameters;
	const items = this.getInputData();
	const paths = new Map<string, string[] | undefined>();
	const pathOf = (value: string): string[] | undefined => {
		if (!paths.has(value)) paths.set(value, itemJsonPathOf(value));
		return paths.get(value);
	};
	const resolve = (value: unknown, json: IDataObject): unknown => {
		if (typeof value === 'string') {
			if (!value.startsWith('=')) return value;
			const path = pathOf(value);
			return path === undefined ? ENGINE : valueAt(json, path);
		}
		if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
		if (Array.isArray(value)) {
			const resolved = value.map((entry) => resolve(entry, json));
			return resolved.includes(ENGINE) ? ENGINE : resolved;
		}
		if (isPlainObject(value)) {
			const resolved: IDataObject = {};
			for (const [key, entry] of Object.entries(value)) {
				const direct = resolve(entry, json);
				if (direct === ENGINE) return ENGINE;
				resolved[key] = direct as IDataObject[string];
			}
			return resolved;
		}
		return ENGINE;
	};
	return {
		get: (name, itemIndex, fallback) => {
			const value = raw[name];
			const json = items[itemIndex]?.json;
			if (value !== undefined && json !== undefined) {
				const direct = resolve(value, json);
				if (direct !== ENGINE) return direct;
			}
			return this.getNodeParameter(name, itemIndex, fallback);
		},
		locatorValue: (name, itemIndex) => {
			const locator: unknown = raw[name];
			const json = items[itemIndex]?.json;
			if (isPlainObject(locator) && locator.__rl === true && PLAIN_LOCATOR_MODES.has(String(locator.mode)) && json) {
				const direct = resolve(locator.value, json);
				if (direct !== ENGINE) return direct;
			}
			return this.getNodeParameter(name, itemIndex, '', { extractValue: true });
		},
	};
}
