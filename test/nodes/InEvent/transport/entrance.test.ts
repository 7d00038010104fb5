import { join } from 'node:path';

import {
	fromRoot,
	readSource,
	relativeImportsOf,
	resolveImport,
	ROOT,
	sourceFilesUnder,
} from '../../../harness/sourceImports';

const TRANSPORT = join(ROOT, 'nodes', 'InEvent', 'transport');
const ENTRANCE = join(TRANSPORT, 'index.ts');

/** "file:line imports …" for each import of a transport module other than its entrance. */
function importsPastTheEntrance(file: string, source: string): string[] {
	return relativeImportsOf(source)
		.filter(({ specifier }) => {
			const target = resolveImport(file, specifier);
			return target !== undefined && target.startsWith(`${TRANSPORT}/`) && target !== ENTRANCE;
		})
		.map(({ specifier, line }) => `${fromRoot(file)}:${line} imports '${specifier}' instead of the transport's index`);
}

describe("the transport's one entrance", () => {
	it('operations, methods, helpers and the trigger import the transport through its index only', () => {
		const outside = sourceFilesUnder('nodes').filter((file) => !file.startsWith(`${TRANSPORT}/`));
		expect(outside.length).toBeGreaterThan(50);
		const found = outside.flatMap((file) => importsPastTheEntrance(file, readSource(file)));
		expect(found).toEqual([]);
	});

	it('the check catches an import past the entrance, and lets the entrance through', () => {
		const operation = join(ROOT, 'nodes', 'InEvent', 'actions', 'event', 'get.operation.ts');
		const source = [
			"import { inEventApiRequest } from '../../transport';",
			"import type {\n\tInEventEnvelope,\n} from '../../transport/envelope';",
			"import { exchange } from '../../transport/exchange';",
		].join('\n');
		expect(importsPastTheEntrance(operation, source)).toEqual([
			"nodes/InEvent/actions/event/get.operation.ts:2 imports '../../transport/envelope' instead of the transport's index",
			"nodes/InEvent/actions/event/get.operation.ts:5 imports '../../transport/exchange' instead of the transport's index",
		]);
	});
});
