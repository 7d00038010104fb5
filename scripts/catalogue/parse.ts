/**
 * Reads InEvent's official SDKs into a catalogue of actions (`module.method` → the parameter names the SDK
 * sends in the query and in the body) and renders it as `nodes/InEvent/actions/custom/catalogue.data.ts`.
 * Pure functions: `generate.ts` feeds them the files of the two git mirrors. Only names are taken, never
 * the SDKs' comments or prose (inevent-api.md Appendix A and B).
 */

/** The parameter names of one action, in the order the SDK first sends them. */
export interface ActionParameters {
	query: string[];
	body: string[];
}

export type Catalogue = Map<string, ActionParameters>;

export interface SourceCommit {
	repository: string;
	commit: string;
}

/** The credential sends it (Bearer header or query): never listed. */
const CREDENTIAL_PARAMETER = 'tokenID';

/** The names of PHP files and methods; the action strings of both SDKs are made of them. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ACTION = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

function fail(where: string, message: string): never {
	throw new Error(`${where}: ${message}`);
}

// ---------------------------------------------------------------------------------------------------------
// PHP SDK: sdk/modules/<Module>.php, one class per module.

const PHP_METHOD = /public\s+static\s+function\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*?)\)\s*\{([\s\S]*?)\r?\n\t\}/g;
const PHP_SIGNATURE = /^\$client\s*,\s*array\s+\$get\s*=\s*array\(\)\s*,\s*array\s+\$post\s*=\s*array\(\)$/;
const PHP_PASS_THROUGH = /\$attributes\s*=\s*array\("GET"\s*=>\s*\$get\s*,\s*"POST"\s*=>\s*\$post\);/g;
const PHP_CALL = /\$client->getJSONObject\("([^"]+)"\s*,\s*"([^"]+)"\s*,\s*\$attributes\)/g;

/**
 * The actions of one PHP module file. Every method of the SDK at 864611a passes the caller's `$get` and
 * `$post` arrays through untouched, so the PHP SDK names an action but none of its parameters. A method
 * built any other way (a parameter of its own, a fixed key) is refused rather than guessed at: teach this
 * parser its form first.
 */
export function parsePhpModule(path: string, text: string): Map<string, ActionParameters> {
	const actions = new Map<string, ActionParameters>();
	const publicMethods = (text.match(/\bpublic\s+(static\s+)?function\b/g) ?? []).length;
	let seen = 0;
	for (const match of text.matchAll(PHP_METHOD)) {
		const [, name, signature, body] = match;
		seen++;
		if (!PHP_SIGNATURE.test(signature.trim())) fail(`${path} ${name}`, `unexpected signature (${signature})`);
		// The request is `$attributes`, built from the caller's arrays and nothing else (the sign-ins then keep
		// the token they get back).
		const passes = [...body.matchAll(PHP_PASS_THROUGH)].length;
		const calls = [...body.matchAll(PHP_CALL)];
		const touches = (body.match(/\$(get|post)\b|\$attributes\s*\[/g) ?? []).length;
		if (passes !== 1 || calls.length !== 1 || touches !== 2) {
			fail(`${path} ${name}`, 'the method does not pass $get and $post through as the SDK did');
		}
		const [, namespace, method] = calls[0];
		if (method !== name) fail(`${path} ${name}`, `calls method "${method}"`);
		const action = `${namespace}.${method}`;
		if (!ACTION.test(action)) fail(path, `not an action name: ${action}`);
		if (actions.has(action)) fail(path, `${action} twice`);
		actions.set(action, { query: [], body: [] });
	}
	if (seen !== publicMethods) fail(path, `${publicMethods} public methods, ${seen} understood`);
	return actions;
}

// ---------------------------------------------------------------------------------------------------------
// iOS SDK: InEventAPI/Modules/IN<Module>APIController.m, one Objective-C method per variant of an action:
//
//   NSDictionary *attributes = @{@"GET" : @{@"tokenID" : tokenID, @"eventID" : eventID}, @"POST" : @{@"name" : name}};
//   [self objectWithModule:@"activity" method:@"create" attributes:attributes];

export interface IosVariant {
	action: string;
	query: string[];
	body: string[];
}

/** The text from `open` (an opening `{`) to its closing `}`, both excluded; skips Objective-C strings. */
function bracedFrom(text: string, open: number, where: string): { inner: string; end: number } {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
		} else if (c === '{' || c === '[' || c === '(') {
			depth++;
		} else if (c === '}' || c === ']' || c === ')') {
			depth--;
			if (depth === 0) return { inner: text.slice(open + 1, i), end: i };
		}
	}
	return fail(where, 'unbalanced dictionary literal');
}

/** Splits at the commas outside brackets and strings. */
function topLevelItems(text: string): string[] {
	const items: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
		} else if (c === '{' || c === '[' || c === '(') depth++;
		else if (c === '}' || c === ']' || c === ')') depth--;
		else if (c === ',' && depth === 0) {
			items.push(text.slice(start, i));
			start = i + 1;
		}
	}
	items.push(text.slice(start));
	return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** `@"key" : value` → key, for every entry of an `@{…}` literal's inside. */
function dictionaryKeys(inner: string, where: string): Array<{ key: string; value: string }> {
	return topLevelItems(inner).map((item) => {
		const entry = /^@"([^"]+)"\s*:\s*([\s\S]+)$/.exec(item);
		if (!entry) fail(where, `not a @"key" : value entry: ${item}`);
		return { key: entry[1], value: entry[2].trim() };
	});
}

/** The variants of one iOS module file, in file order. */
export function parseIosModule(path: string, text: string): IosVariant[] {
	const variants: IosVariant[] = [];
	const calls = (text.match(/objectWithModule:/g) ?? []).length;
	// One Objective-C method per chunk (a line starting with "- (" opens a method).
	for (const chunk of text.split(/\n(?=- \()/)) {
		const call = /\[self objectWithModule:@"([^"]+)" method:@"([^"]+)" attributes:attributes\]/g;
		const found = [...chunk.matchAll(call)];
		if (found.length === 0) continue;
		const where = `${path} ${chunk.slice(0, chunk.indexOf('{')).trim().slice(0, 80)}`;
		if (found.length !== 1) fail(where, `${found.length} calls in one method`);
		const [, module, method] = found[0];
		const action = `${module}.${method}`;
		if (!ACTION.test(action)) fail(where, `not an action name: ${action}`);
		const declarations = [...chunk.matchAll(/NSDictionary \*attributes = @\{/g)];
		if (declarations.length !== 1) fail(where, `${declarations.length} attribute dictionaries`);
		const open = (declarations[0].index ?? 0) + declarations[0][0].length - 1;
		const { inner } = bracedFrom(chunk, open, where);
		const variant: IosVariant = { action, query: [], body: [] };
		for (const { key, value } of dictionaryKeys(inner, where)) {
			if (key !== 'GET' && key !== 'POST') fail(where, `unexpected part ${key}`);
			if (!value.startsWith('@{') || !value.endsWith('}')) fail(where, `${key} is not a dictionary literal`);
			const names = dictionaryKeys(value.slice(2, -1), where).map((entry) => entry.key);
			for (const name of names) if (!NAME.test(name)) fail(where, `not a parameter name: ${name}`);
			(key === 'GET' ? variant.query : variant.body).push(...names);
		}
		variants.push(variant);
	}
	if (variants.length !== calls) fail(path, `${calls} calls, ${variants.length} understood`);
	return variants;
}

// ---------------------------------------------------------------------------------------------------------
// Merge.

function addAll(into: string[], names: readonly string[]): void {
	for (const name of names) if (name !== CREDENTIAL_PARAMETER && !into.includes(name)) into.push(name);
}

/**
 * `find` is the list verb (inevent-api.md §4). InEvent pages lists with the `limit` and `offset` query
 * attributes (documented, §6) and the iOS client adds both to every call it sends, beside `apiVersion`,
 * `appVersion` and `lang` (`INAPIController.m`, which the catalogue leaves out as common to all calls).
 * So every `….find` lists `limit` and `offset`; a `get` answers one object and does not.
 */
function isList(action: string): boolean {
	return action.endsWith('.find');
}

/**
 * One catalogue from both SDKs.
 *
 * - Actions: the union of both SDKs.
 * - Parameters: the PHP SDK names none (every method passes the caller's arrays through), so there is
 *   nothing to disagree on: an action the iOS SDK has takes the iOS SDK's names and places, and a PHP-only
 *   action lists no parameters beyond the paging pair of a `find`. Were the PHP SDK to name some, the rule
 *   is the union of both SDKs' names, each in the place iOS gives it, else in PHP's.
 * - iOS variants of one action: the union of their names, in the order first sent. A name one variant
 *   sends in the query and another in the body is listed in both places (tracking.create, target and
 *   targetID, at 1b7d1c1).
 * - `tokenID` is left out; `limit` and `offset` are added to the query of every `find` (see isList).
 */
export function mergeCatalogue(php: Map<string, ActionParameters>, ios: readonly IosVariant[]): Catalogue {
	const fromIos = new Map<string, ActionParameters>();
	for (const variant of ios) {
		const entry = fromIos.get(variant.action) ?? { query: [], body: [] };
		addAll(entry.query, variant.query);
		addAll(entry.body, variant.body);
		fromIos.set(variant.action, entry);
	}
	const catalogue: Catalogue = new Map();
	const names = [...new Set([...php.keys(), ...fromIos.keys()])].sort(byCodeUnits);
	for (const action of names) {
		const ios = fromIos.get(action);
		const query: string[] = [];
		const body: string[] = [];
		addAll(query, ios?.query ?? []);
		addAll(body, ios?.body ?? []);
		const placed = new Set([...query, ...body]);
		const fromPhp = php.get(action);
		addAll(
			query,
			(fromPhp?.query ?? []).filter((name) => !placed.has(name)),
		);
		addAll(
			body,
			(fromPhp?.body ?? []).filter((name) => !placed.has(name)),
		);
		if (isList(action)) addAll(query, ['limit', 'offset']);
		catalogue.set(action, { query, body });
	}
	return catalogue;
}

export function byCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Render.

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (names: readonly string[]): string => `[${names.map(quote).join(', ')}]`;

/**
 * The data file: one line per action, sorted by action name (code units), so the same mirrors always
 * give the same bytes, except for the entries prettier would break (see below), which are written the way
 * prettier writes them, so that `prettier --check` passes without an ignore file.
 */
export function renderCatalogue(catalogue: Catalogue, sources: readonly SourceCommit[]): string {
	for (const source of sources) {
		if (!/^[0-9a-f]{40}$/.test(source.commit)) fail(source.repository, `not a full commit: ${source.commit}`);
	}
	const from = sources.map((source) => `${source.repository}@${source.commit}`).join(' and ');
	const lines = [
		`// Generated by scripts/catalogue/generate.ts from ${from}.`,
		'// Do not edit by hand: run `npx tsx scripts/catalogue/generate.ts --php <git-dir> --ios <git-dir>` again.',
		'// Names only (actions and parameters), no text of the SDKs. How the two SDKs are merged: scripts/catalogue/parse.ts.',
		'',
		'export const CATALOGUE_SOURCES = [',
		...sources.map((source) => `\t{ repository: ${quote(source.repository)}, commit: ${quote(source.commit)} },`),
		'] as const;',
		'',
		'/** action name → [query parameter names, body parameter names]; `tokenID` is left out (the credential sends it). */',
		'export const CATALOGUE: Record<string, readonly [readonly string[], readonly string[]]> = {',
	];
	for (const [action, { query, body }] of [...catalogue].sort(([a], [b]) => byCodeUnits(a, b))) {
		const line = `\t${quote(action)}: [${list(query)}, ${list(body)}],`;
		// Prettier breaks a list of lists that each hold more than one item, and any line over 120 columns.
		const matrix = query.length > 1 && body.length > 1;
		if (!matrix && line.replace(/\t/g, '  ').length <= 120) {
			lines.push(line);
		} else {
			// As prettier writes it: each list on its own line, and a list still too long one name per line.
			lines.push(`\t${quote(action)}: [`);
			for (const names of [query, body]) {
				const short = `\t\t${list(names)},`;
				if (short.replace(/\t/g, '  ').length <= 120) lines.push(short);
				else lines.push('\t\t[', ...names.map((name) => `\t\t\t${quote(name)},`), '\t\t],');
			}
			lines.push('\t],');
		}
	}
	lines.push('};', '');
	return lines.join('\n');
}
