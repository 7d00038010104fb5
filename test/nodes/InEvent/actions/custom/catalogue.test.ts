import * as ts from 'typescript';

import { fromRoot, readSource, ROOT, sourceFilesUnder } from '../../../../harness/sourceImports';
import {
	catalogueActions,
	catalogueEntry,
	pagesWithLimit,
	searchCatalogue,
} from '../../../../../nodes/InEvent/actions/custom/catalogue';
import { CATALOGUE, CATALOGUE_SOURCES } from '../../../../../nodes/InEvent/actions/custom/catalogue.data';

/** The catalogue itself: its `action` parameters are not calls to InEvent. */
const CATALOGUE_FILES = /^nodes\/InEvent\/actions\/custom\/catalogue(\.data)?\.ts$/;

/**
 * Actions the node sends that neither SDK has, each with the reason and the source that documents it
 * (inevent-api.md). Empty: every action the node sends is in both SDKs. Add one as
 * `'module.method': 'documented on the docs site, not in the SDKs (inevent-api.md §N, D…)'`.
 */
const NOT_IN_THE_SDKS: Record<string, string> = {};

interface Collected {
	/** Action name → where it was seen ("path:line"). */
	actions: Map<string, string[]>;
	/** The functions found to take an action: name → index of the action among the arguments. */
	takers: Map<string, Set<number>>;
	/** Action arguments that are not literals (an `action` parameter passed on, a user's choice). */
	dynamic: number;
}

const ACTION_NAME = /^[a-z][A-Za-z0-9]*(\.[a-zA-Z][A-Za-z0-9]*)+$/;

function nameOf(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
	return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** Index of the parameter named `action` (after a `this` parameter, which callers do not pass), if any. */
function actionIndexOf(parameters: ts.NodeArray<ts.ParameterDeclaration>): number | undefined {
	const passed = parameters.filter((parameter) => nameOf(parameter.name) !== 'this');
	const index = passed.findIndex((parameter) => nameOf(parameter.name) === 'action');
	return index >= 0 ? index : undefined;
}

/**
 * The action names a set of sources sends: string literals passed as the `action` argument of any function
 * that declares an `action` parameter (inEventApiRequest, inEventApiRequestAllItems, inEventApiReadPages,
 * readUnlessAbsent, and the wrappers around them, called directly or with `.call`), plus literals set as an
 * `action` property (the sign-in and the credential test build the query themselves). A ternary gives both
 * branches; a const of the same file is followed to its value.
 */
function collectActions(sources: ReadonlyArray<{ path: string; text: string }>): Collected {
	const files = sources.map(({ path, text }) => ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true));
	const takers = new Map<string, Set<number>>();
	const addTaker = (name: string | undefined, index: number | undefined) => {
		if (name === undefined || index === undefined) return;
		takers.set(name, (takers.get(name) ?? new Set()).add(index));
	};
	for (const file of files) {
		const visit = (node: ts.Node): void => {
			if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
				addTaker(nameOf(node.name), actionIndexOf(node.parameters));
			} else if (
				ts.isVariableDeclaration(node) &&
				node.initializer &&
				(ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
			) {
				addTaker(nameOf(node.name), actionIndexOf(node.initializer.parameters));
			}
			ts.forEachChild(node, visit);
		};
		visit(file);
	}

	const actions = new Map<string, string[]>();
	let dynamic = 0;
	for (const file of files) {
		const constants = new Map<string, ts.Expression>();
		const gather = (node: ts.Node): void => {
			if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
				const list = node.parent;
				if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) {
					constants.set(node.name.text, node.initializer);
				}
			}
			ts.forEachChild(node, gather);
		};
		gather(file);

		const note = (name: string, at: ts.Node) => {
			const line = file.getLineAndCharacterOfPosition(at.getStart(file)).line + 1;
			actions.set(name, [...(actions.get(name) ?? []), `${file.fileName}:${line}`]);
		};
		const literalsOf = (expression: ts.Expression, depth = 0): string[] | undefined => {
			if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
			if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
				return literalsOf(expression.expression, depth);
			}
			if (ts.isSatisfiesExpression(expression)) return literalsOf(expression.expression, depth);
			if (ts.isConditionalExpression(expression)) {
				const [yes, no] = [literalsOf(expression.whenTrue, depth), literalsOf(expression.whenFalse, depth)];
				return yes && no ? [...yes, ...no] : undefined;
			}
			if (ts.isIdentifier(expression) && depth < 5) {
				const value = constants.get(expression.text);
				return value ? literalsOf(value, depth + 1) : undefined;
			}
			return undefined;
		};
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node)) {
				let callee: string | undefined;
				let shift = 0;
				const target = node.expression;
				if (ts.isPropertyAccessExpression(target) && target.name.text === 'call') {
					callee = ts.isIdentifier(target.expression)
						? target.expression.text
						: ts.isPropertyAccessExpression(target.expression)
							? target.expression.name.text
							: undefined;
					shift = 1;
				} else if (ts.isIdentifier(target)) {
					callee = target.text;
				} else if (ts.isPropertyAccessExpression(target)) {
					callee = target.name.text;
				}
				for (const index of (callee && takers.get(callee)) || []) {
					const argument = node.arguments[index + shift];
					if (!argument) continue;
					const names = literalsOf(argument);
					if (names) for (const name of names) note(name, argument);
					else dynamic++;
				}
			} else if (ts.isPropertyAssignment(node) && nameOf(node.name) === 'action') {
				// The node's own descriptions also have an `action` (a sentence for the UI): names only.
				for (const name of literalsOf(node.initializer) ?? []) if (ACTION_NAME.test(name)) note(name, node);
			}
			ts.forEachChild(node, visit);
		};
		visit(file);
	}
	return { actions, takers, dynamic };
}

function nodeSources(): Array<{ path: string; text: string }> {
	return [...sourceFilesUnder('nodes'), ...sourceFilesUnder('credentials')]
		.map((file) => ({ path: fromRoot(file), text: readSource(file) }))
		.filter(({ path }) => !CATALOGUE_FILES.test(path));
}

describe('the action catalogue (from the official SDKs)', () => {
	it('records the two SDKs at full commits', () => {
		expect(CATALOGUE_SOURCES.map((source) => source.repository)).toEqual([
			'ineventapp/InEvent-php-sdk',
			'ineventapp/InEvent-ios-sdk',
		]);
		for (const source of CATALOGUE_SOURCES) expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
		// The commits the notes cite (inevent-api.md §1.2).
		expect(CATALOGUE_SOURCES[0].commit.startsWith('864611a')).toBe(true);
		expect(CATALOGUE_SOURCES[1].commit.startsWith('1b7d1c1')).toBe(true);
	});

	it('holds more than a thousand actions, sorted, with names only and no tokenID', () => {
		const actions = catalogueActions();
		expect(actions.length).toBeGreaterThan(1000);
		expect([...actions].sort()).toEqual(actions);
		expect(new Set(actions)).toEqual(new Set(Object.keys(CATALOGUE)));
		for (const action of actions) {
			expect(action).toMatch(ACTION_NAME);
			const [query, body] = CATALOGUE[action];
			for (const name of [...query, ...body]) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
			expect([...query, ...body]).not.toContain('tokenID');
			expect(new Set(query).size).toBe(query.length);
			expect(new Set(body).size).toBe(body.length);
		}
	});

	it('gives the SDK split of query and body', () => {
		expect(catalogueEntry('event.edit')).toEqual({ action: 'event.edit', query: ['eventID', 'key'], body: ['value'] });
		const create = catalogueEntry('activity.create');
		expect(create?.query).toEqual(['eventID']);
		expect(create?.body).toEqual(expect.arrayContaining(['name', 'dateBegin', 'dateEnd']));
		expect(catalogueEntry('person.signIn')?.query).toContain('username');
		expect(catalogueEntry('person.signIn')?.body).toContain('password');
		// Only the PHP SDK has it, and the PHP SDK names no parameters.
		expect(catalogueEntry('mailing.create')).toEqual({ action: 'mailing.create', query: [], body: [] });
	});

	it('answers undefined for an unknown action, inherited names included', () => {
		for (const action of ['event.nothing', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '']) {
			expect(catalogueEntry(action)).toBeUndefined();
			expect(pagesWithLimit(action)).toBe(false);
		}
	});

	it('returns copies the caller may change', () => {
		const entry = catalogueEntry('event.edit');
		entry?.query.push('changed');
		expect(catalogueEntry('event.edit')?.query).toEqual(['eventID', 'key']);
		catalogueActions().pop();
		expect(catalogueActions().length).toBe(Object.keys(CATALOGUE).length);
	});

	it('searches action names by substring in any case', () => {
		const found = searchCatalogue('person.find');
		const attendees = found.find((item) => item.value === 'event.person.find');
		expect(attendees).toBeDefined();
		expect(attendees?.name).toBe('event.person.find');
		expect(attendees?.description).toMatch(/^query: eventID, selection, /);
		// A long list ends in "+N more"; the entry has them all.
		expect(attendees?.description).toMatch(/ \+\d+ more$/);
		expect(catalogueEntry('event.person.find')?.query).toEqual(
			expect.arrayContaining(['eventID', 'selection', 'query', 'queryKey', 'order', 'limit', 'offset']),
		);
		expect(found.every((item) => item.value.toLowerCase().includes('person.find'))).toBe(true);
		expect(searchCatalogue('PERSON.FIND')).toEqual(found);
		expect(searchCatalogue().length).toBe(catalogueActions().length);
		expect(searchCatalogue('').length).toBe(catalogueActions().length);
		expect(searchCatalogue('no such action')).toEqual([]);
	});

	it('describes parameters briefly', () => {
		const describe = (action: string) => searchCatalogue(action).find((item) => item.value === action)?.description;
		expect(describe('event.edit')).toBe('query: eventID, key · body: value');
		expect(describe('activity.copy')).toBe('query: activityID');
		expect(describe('mailing.create')).toBe('no parameters named in the SDKs');
		for (const item of searchCatalogue()) expect(item.description.length).toBeLessThanOrEqual(100);
	});

	it('tells the paged lists', () => {
		expect(pagesWithLimit('event.person.find')).toBe(true);
		expect(pagesWithLimit('company.event.find')).toBe(true);
		expect(pagesWithLimit('event.person.get')).toBe(false);
		expect(pagesWithLimit('event.person.bind')).toBe(false);
	});
});

describe('the actions the node sends', () => {
	const collected = collectActions(nodeSources());

	it('are found in the source (the collector works)', () => {
		for (const taker of ['inEventApiRequest', 'inEventApiRequestAllItems', 'inEventApiReadPages', 'readUnlessAbsent']) {
			expect(collected.takers.has(taker)).toBe(true);
		}
		const names = [...collected.actions.keys()];
		expect(names.length).toBeGreaterThanOrEqual(30);
		expect(names).toEqual(
			expect.arrayContaining([
				'event.person.bind', // inEventApiRequest
				'company.event.find', // inEventApiRequestAllItems, the trigger's poll
				'webhook.create', // the instant trigger
				'webhook.find',
				'event.report.personReport', // inEventApiReadPages
				'activity.person.get', // readUnlessAbsent
				'activity.find', // through the list search's findPage wrapper
				'checklog.checkIn', // both branches of a ternary
				'checklog.checkOut',
				'person.signIn', // an `action` property of the sign-in's query
				'api.describe', // the credential test
			]),
		);
	});

	it('are all in the catalogue, but for the named exceptions', () => {
		const missing = [...collected.actions.keys()]
			.filter((action) => catalogueEntry(action) === undefined && !(action in NOT_IN_THE_SDKS))
			.map((action) => `${action} (${collected.actions.get(action)?.join(', ')})`);
		expect(missing).toEqual([]);
	});

	it('and those the retry policy names are in the catalogue too', () => {
		const path = 'nodes/InEvent/transport/retryPolicy.ts';
		const file = ts.createSourceFile(path, readSource(`${ROOT}/${path}`), ts.ScriptTarget.ES2022, true);
		const named: string[] = [];
		const visit = (node: ts.Node): void => {
			if (ts.isVariableDeclaration(node) && nameOf(node.name) === 'IDEMPOTENT_CALLS') {
				const gather = (inner: ts.Node): void => {
					if (ts.isStringLiteral(inner)) named.push(inner.text);
					ts.forEachChild(inner, gather);
				};
				gather(node);
			}
			ts.forEachChild(node, visit);
		};
		visit(file);
		expect(named).toContain('checklog.checkedIn');
		expect(named.filter((action) => catalogueEntry(action) === undefined && !(action in NOT_IN_THE_SDKS))).toEqual([]);
	});

	it('leave no stale exception', () => {
		for (const action of Object.keys(NOT_IN_THE_SDKS)) {
			expect(catalogueEntry(action)).toBeUndefined();
			expect(collected.actions.has(action)).toBe(true);
		}
	});

	it('the collector follows calls, wrappers, ternaries and constants, and skips prose', () => {
		const text = `
			async function inEventApiRequest(this: unknown, action: string, request: object) { return { action, request }; }
			async function wrapper(this: unknown, label: string, action: string) { return inEventApiRequest.call(this, action, {}); }
			const ACTION = 'event.from.constant';
			async function run(this: unknown, up: boolean) {
				await inEventApiRequest.call(this, 'event.direct', {});
				await inEventApiRequest('event.plain', {});
				await wrapper.call(this, 'not.an.action', 'event.wrapped');
				await inEventApiRequest.call(this, up ? 'event.up' : 'event.down', {});
				await inEventApiRequest.call(this, ACTION, {});
				const qs = { action: 'event.in.query' };
				const description = { action: 'Create an event in a company' };
				return [qs, description];
			}`;
		const { actions, dynamic } = collectActions([{ path: 'fixture.ts', text }]);
		expect([...actions.keys()].sort()).toEqual([
			'event.direct',
			'event.down',
			'event.from.constant',
			'event.in.query',
			'event.plain',
			'event.up',
			'event.wrapped',
		]);
		expect(dynamic).toBe(1); // the wrapper passing its own parameter on
	});
});
