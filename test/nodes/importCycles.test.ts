import { fromRoot, readSource, relativeImportsOf, resolveImport, sourceFilesUnder } from '../harness/sourceImports';

/** Each import cycle of a graph (file → files it imports), as "a → b → a". */
function cyclesIn(graph: Map<string, string[]>): string[] {
	const cycles: string[] = [];
	const done = new Set<string>();
	const path: string[] = [];
	const visit = (file: string): void => {
		const at = path.indexOf(file);
		if (at >= 0) {
			cycles.push([...path.slice(at), file].join(' → '));
			return;
		}
		if (done.has(file)) return;
		path.push(file);
		for (const next of graph.get(file) ?? []) visit(next);
		path.pop();
		done.add(file);
	};
	for (const file of [...graph.keys()].sort()) visit(file);
	return cycles;
}

function importGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of [...sourceFilesUnder('nodes'), ...sourceFilesUnder('credentials')]) {
		const imported = relativeImportsOf(readSource(file)).flatMap(({ specifier }) => {
			const target = resolveImport(file, specifier);
			return target ? [fromRoot(target)] : [];
		});
		graph.set(fromRoot(file), imported);
	}
	return graph;
}

describe('imports of nodes/ and credentials/', () => {
	it('form no cycle (type-only imports included)', () => {
		const graph = importGraph();
		expect(graph.size).toBeGreaterThan(50);
		expect(cyclesIn(graph)).toEqual([]);
	});

	it('the check names a cycle, and passes a graph without one', () => {
		const circle = new Map([
			['a.ts', ['b.ts']],
			['b.ts', ['c.ts']],
			['c.ts', ['a.ts', 'd.ts']],
			['d.ts', []],
		]);
		expect(cyclesIn(circle)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
		const line = new Map([
			['a.ts', ['b.ts', 'c.ts']],
			['b.ts', ['c.ts']],
			['c.ts', []],
		]);
		expect(cyclesIn(line)).toEqual([]);
	});
});
