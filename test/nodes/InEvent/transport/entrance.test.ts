import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import {
	fromRoot,
	readSource,
	relativeImportsOf,
	resolveImport,
	ROOT,
	sourceFilesUnder,
} from '../../../harness/sourceImports';

const NODES = join(ROOT, 'nodes');
const TRANSPORT = join(NODES, 'InEvent', 'transport');
const DOOR = join(TRANSPORT, 'index.ts');
const GROUPS = ['pace', 'token'].map((group) => join(TRANSPORT, group));
const TOKEN_DOOR = join(TRANSPORT, 'token', 'index.ts');

interface Edge {
	file: string;
	line: number;
	specifier: string;
	target: string;
}

function importsOf(files: string[]): Edge[] {
	return files.flatMap((file) =>
		relativeImportsOf(readSource(file)).flatMap(({ specifier, line }) => {
			const target = resolveImport(file, specifier);
			return target === undefined ? [] : [{ file, line, specifier, target }];
		}),
	);
}

const inside = (folder: string, file: string): boolean => file.startsWith(`${folder}/`);
const said = (edge: Edge, why: string): string => `${fromRoot(edge.file)}:${edge.line} imports '${edge.specifier}' ${why}`;

/** The group (pace/, token/) a transport file belongs to, if any. */
const groupOf = (file: string): string | undefined => GROUPS.find((group) => inside(group, file));

/** What the README's map of the transport says may not happen, as "file:line imports …" lines. */
function broken(edges: Edge[]): string[] {
	const found: string[] = [];
	for (const edge of edges) {
		const { file, target } = edge;
		const fromTransport = inside(TRANSPORT, file);
		const toTransport = inside(TRANSPORT, target);
		if (inside(join(ROOT, 'credentials'), file)) {
			if (inside(NODES, target) && target !== TOKEN_DOOR) found.push(said(edge, "instead of the token's door"));
		} else if (!fromTransport) {
			if (toTransport && target !== DOOR) found.push(said(edge, "instead of the transport's door"));
		} else if (!toTransport) {
			found.push(said(edge, 'from outside the transport (the flow goes one way)'));
		} else {
			const from = groupOf(file);
			const to = groupOf(target);
			if (from !== undefined && from !== to) found.push(said(edge, 'from outside its group'));
			if (from === undefined && to !== undefined && target !== join(to, 'index.ts'))
				found.push(said(edge, "instead of its group's door"));
		}
	}
	return found;
}

/** The room a source file lives in: a folder of nodes/ (transport's groups apart), or credentials/. */
function roomOf(file: string): string {
	const group = groupOf(file);
	if (group) return fromRoot(group);
	const path = fromRoot(file).split('/');
	if (path[0] === 'credentials') return 'credentials';
	// nodes/<Node>/<room>/…: actions, helpers, methods, transport (a resource's folders are the actions' room).
	return path.length > 3 ? path.slice(0, 3).join('/') : path.slice(0, 2).join('/');
}

const sources = [...sourceFilesUnder('nodes'), ...sourceFilesUnder('credentials')];
const edges = importsOf(sources);

describe("the transport's map (README, How it works › The transport)", () => {
	it('operations, methods, helpers and triggers use the door; the credential the token door; groups their own files', () => {
		expect(sources.length).toBeGreaterThan(50);
		expect(broken(edges)).toEqual([]);
	});

	it('no two rooms import each other', () => {
		const pairs = new Set(edges.map(({ file, target }) => `${roomOf(file)} → ${roomOf(target)}`));
		const both = [...pairs].filter((pair) => {
			const [from, to] = pair.split(' → ');
			return from !== to && pairs.has(`${to} → ${from}`);
		});
		expect(both).toEqual([]);
	});

	it("README's map names every file and folder of the transport, and nothing else", () => {
		const readme = readSource(join(ROOT, 'README.md'));
		const block = /```\n(nodes\/InEvent\/transport\/\n[\s\S]*?)```/.exec(readme)?.[1];
		expect(block).toBeDefined();
		const named = (block ?? '')
			.split('\n')
			.slice(1)
			.flatMap((line) => (/^ {2}\S/.test(line) ? line.trim().split(/\s{2,}/)[0].split(/,\s*/) : []))
			.map((name) => name.replace(/ \(index\.ts\)$/, ''));
		const actual = readdirSync(TRANSPORT, { withFileTypes: true }).map((entry) =>
			entry.isDirectory() ? `${entry.name}/` : entry.name,
		);
		expect([...named].sort()).toEqual([...actual].sort());
		for (const group of GROUPS) expect(readdirSync(group)).toContain('index.ts');
	});

	it('the checks catch each kind of import the map forbids', () => {
		const at = (path: string): string => join(ROOT, path);
		const edge = (file: string, specifier: string): Edge => ({
			file: at(file),
			line: 1,
			specifier,
			target: resolveImport(at(file), specifier) ?? join(dirname(at(file)), specifier),
		});
		expect(
			broken([
				edge('nodes/InEvent/actions/event/get.operation.ts', '../../transport'),
				edge('nodes/InEvent/actions/event/get.operation.ts', '../../transport/exchange'),
				edge('credentials/InEventApi.credentials.ts', '../nodes/InEvent/transport/token/signIn'),
				edge('nodes/InEvent/transport/exchange.ts', './pace/turn'),
				edge('nodes/InEvent/transport/pace/accountPace.ts', '../token'),
				edge('nodes/InEvent/transport/request.ts', '../helpers/email'),
				edge('nodes/InEvent/transport/exchange.ts', './token'),
			]),
		).toEqual([
			"nodes/InEvent/actions/event/get.operation.ts:1 imports '../../transport/exchange' instead of the transport's door",
			"credentials/InEventApi.credentials.ts:1 imports '../nodes/InEvent/transport/token/signIn' instead of the token's door",
			"nodes/InEvent/transport/exchange.ts:1 imports './pace/turn' instead of its group's door",
			"nodes/InEvent/transport/pace/accountPace.ts:1 imports '../token' from outside its group",
			"nodes/InEvent/transport/request.ts:1 imports '../helpers/email' from outside the transport (the flow goes one way)",
		]);
		expect(relative(ROOT, DOOR)).toBe('nodes/InEvent/transport/index.ts');
	});
});
