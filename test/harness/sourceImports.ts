import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root (test/harness/..). */
export const ROOT = resolve(__dirname, '..', '..');

/** Every TypeScript source file under a folder of the repository, as absolute paths. */
export function sourceFilesUnder(folder: string): string[] {
	const files: string[] = [];
	const visit = (dir: string): void => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) visit(path);
			else if (path.endsWith('.ts')) files.push(path);
		}
	};
	visit(join(ROOT, folder));
	return files.sort();
}

export interface RelativeImport {
	/** As written: './x', '../transport'. */
	specifier: string;
	/** 1-based line where the import (or re-export) starts. */
	line: number;
}

/** The relative imports and re-exports of a source text (type-only ones included). */
export function relativeImportsOf(source: string): RelativeImport[] {
	const imports: RelativeImport[] = [];
	const statement = /^(?:import\s+(?:[^;]*?\sfrom\s+)?|export\s[^;]*?\sfrom\s+)['"](\.{1,2}(?:\/[^'"]*)?)['"]/gm;
	for (const match of source.matchAll(statement)) {
		const line = source.slice(0, match.index).split('\n').length;
		imports.push({ specifier: match[1], line });
	}
	return imports;
}

/** The source file a relative import of `fromFile` loads: `x.ts`, or `x/index.ts`. */
export function resolveImport(fromFile: string, specifier: string): string | undefined {
	const target = resolve(dirname(fromFile), specifier);
	for (const candidate of [`${target}.ts`, join(target, 'index.ts')]) {
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

export function fromRoot(path: string): string {
	return relative(ROOT, path);
}

export function readSource(path: string): string {
	return readFileSync(path, 'utf8');
}
