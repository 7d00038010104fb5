/** The two readers test/docs/dockerExample.test.ts relies on read what Docker and YAML would. */
import { expandArgs, parseDockerfile } from './dockerfile';
import { parseYamlSubset } from './yamlSubset';

describe('parseYamlSubset', () => {
	it('types plain scalars as YAML does and keeps quoted ones strings', () => {
		expect(
			parseYamlSubset(
				['a: true', 'b: "true"', 'c: 5678', "d: '5678'", 'e:', 'f: ~', 'g: x:y', "h: 'it''s' # note", 'i: "#1"'].join(
					'\n',
				),
			),
		).toEqual({ a: true, b: 'true', c: 5678, d: '5678', e: null, f: null, g: 'x:y', h: "it's", i: '#1' });
	});

	it('nests by indentation, reads sequences of scalars and of mappings', () => {
		const text = ['top:', '  list:', '    - "one"', '    - name: two', '      deep:', '        - 3', 'after: 4'].join(
			'\n',
		);
		expect(parseYamlSubset(text)).toEqual({ top: { list: ['one', { name: 'two', deep: [3] }] }, after: 4 });
	});

	it('merges anchored mappings: the own keys win, nested merges too', () => {
		const text = [
			'base: &base',
			'  env: &env',
			'    A: "1"',
			'    B: "2"',
			'  image: x',
			'service:',
			'  <<: *base',
			'  env:',
			'    <<: *env',
			'    B: "3"',
			'    C: "4"',
		].join('\n');
		expect(parseYamlSubset(text)).toMatchObject({
			service: { image: 'x', env: { A: '1', B: '3', C: '4' } },
		});
	});

	it.each([
		['a flow sequence', 'a: [1, 2]'],
		['a flow mapping', 'a: {b: 1}'],
		['a block scalar', 'a: |\n  text'],
		['a tab', 'a:\n\tb: 1'],
		['a duplicate key', 'a: 1\na: 2'],
		['a sequence at its key’s indentation', 'a:\n- 1'],
		['a sequence of mappings at its key’s indentation', 'a:\n- k: v'],
		['a multi-line plain value', 'a: one\n  two'],
		['an unknown alias', 'a: *nope'],
		['": " inside a plain value', 'a: b: c'],
	])('refuses %s', (_, text) => {
		expect(() => parseYamlSubset(text)).toThrow(/line \d+/);
	});
});

describe('parseDockerfile', () => {
	const text = [
		'# syntax=docker/dockerfile:1',
		'ARG BASE=1.2.3',
		'FROM image:${BASE}',
		'ARG WHAT=pkg@1',
		'RUN echo root',
		'USER node',
		'RUN --mount=type=bind,target=/ctx \\',
		'    set -e; \\',
		'    # a comment line inside the instruction',
		'    echo "$WHAT"',
	].join('\n');
	const parsed = parseDockerfile(text);

	it('keeps ARGs per scope and expands FROM with the ones before it', () => {
		expect(parsed.globalArgs).toEqual(new Map([['BASE', '1.2.3']]));
		expect(parsed.stageArgs).toEqual(new Map([['WHAT', 'pkg@1']]));
		expect(expandArgs(parsed.from, parsed.globalArgs)).toBe('image:1.2.3');
		expect(() => expandArgs('x:${NOPE}', parsed.globalArgs)).toThrow('${NOPE} has no value');
	});

	it('joins continued lines, drops comment lines, and says which user each RUN runs as', () => {
		expect(parsed.runs).toEqual([
			{ user: undefined, mounts: [], script: 'echo root' },
			{ user: 'node', mounts: ['type=bind,target=/ctx'], script: 'set -e;     echo "$WHAT"' },
		]);
	});

	it('refuses an instruction left open by a trailing backslash', () => {
		expect(() => parseDockerfile('RUN echo \\')).toThrow('never ends');
	});
});
