/**
 * Writes nodes/InEvent/actions/custom/catalogue.data.ts from bare git mirrors of InEvent's two official
 * SDKs. Run by hand (CI cannot reach GitHub); the generated file is committed.
 *
 *   npx tsx scripts/catalogue/generate.ts --php <git-dir> --ios <git-dir> [--php-ref <rev>] [--ios-ref <rev>] [--out <file>]
 *
 * The git dirs are mirrors of ineventapp/InEvent-php-sdk and ineventapp/InEvent-ios-sdk; the refs default
 * to HEAD. Prints a summary (actions from each SDK) on stdout.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { mergeCatalogue, parseIosModule, parsePhpModule, renderCatalogue } from './parse';
import type { ActionParameters, IosVariant } from './parse';

const PHP_REPOSITORY = 'ineventapp/InEvent-php-sdk';
const IOS_REPOSITORY = 'ineventapp/InEvent-ios-sdk';
const DEFAULT_OUT = join(__dirname, '../../nodes/InEvent/actions/custom/catalogue.data.ts');

function git(gitDir: string, ...args: string[]): string {
	return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function commitOf(gitDir: string, ref: string): string {
	return git(gitDir, 'rev-parse', '--verify', `${ref}^{commit}`).trim();
}

/** The paths under `folder` with the extension, sorted, at the commit. */
function filesAt(gitDir: string, commit: string, folder: string, extension: string): string[] {
	return git(gitDir, 'ls-tree', '-r', '--name-only', commit, '--', folder)
		.split('\n')
		.filter((path) => path.startsWith(`${folder}/`) && path.endsWith(extension))
		.sort();
}

function argumentsOf(argv: readonly string[]): Record<string, string> {
	const known = new Set(['--php', '--ios', '--php-ref', '--ios-ref', '--out']);
	const values: Record<string, string> = {};
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (!known.has(flag) || value === undefined) {
			throw new Error(
				`usage: generate.ts --php <git-dir> --ios <git-dir> [--php-ref <rev>] [--ios-ref <rev>] [--out <file>]`,
			);
		}
		values[flag.slice(2)] = value;
	}
	if (!values.php || !values.ios) throw new Error('both --php and --ios are required');
	return values;
}

function main(): void {
	const options = argumentsOf(process.argv.slice(2));
	const phpCommit = commitOf(options.php, options['php-ref'] ?? 'HEAD');
	const iosCommit = commitOf(options.ios, options['ios-ref'] ?? 'HEAD');

	const php = new Map<string, ActionParameters>();
	const phpFiles = filesAt(options.php, phpCommit, 'sdk/modules', '.php');
	for (const path of phpFiles) {
		for (const [action, parameters] of parsePhpModule(path, git(options.php, 'show', `${phpCommit}:${path}`))) {
			if (php.has(action)) throw new Error(`${path}: ${action} is also in another module file`);
			php.set(action, parameters);
		}
	}

	const ios: IosVariant[] = [];
	const iosFiles = filesAt(options.ios, iosCommit, 'InEventAPI/Modules', '.m');
	for (const path of iosFiles) ios.push(...parseIosModule(path, git(options.ios, 'show', `${iosCommit}:${path}`)));

	const catalogue = mergeCatalogue(php, ios);
	const text = renderCatalogue(catalogue, [
		{ repository: PHP_REPOSITORY, commit: phpCommit },
		{ repository: IOS_REPOSITORY, commit: iosCommit },
	]);
	const out = options.out ?? DEFAULT_OUT;
	writeFileSync(out, text);

	const iosActions = new Set(ios.map((variant) => variant.action));
	const both = [...php.keys()].filter((action) => iosActions.has(action)).length;
	process.stdout.write(
		[
			`${PHP_REPOSITORY}@${phpCommit}: ${phpFiles.length} module files, ${php.size} actions`,
			`${IOS_REPOSITORY}@${iosCommit}: ${iosFiles.length} module files, ${ios.length} methods, ${iosActions.size} actions`,
			`${catalogue.size} actions: ${php.size - both} PHP only, ${iosActions.size - both} iOS only, ${both} both`,
			`wrote ${out} (${Buffer.byteLength(text)} bytes)`,
			'',
		].join('\n'),
	);
}

main();
