/**
 * `npm run scan`: the two lint legs of n8n's verification scanner, offline. The scanner's CLI
 * downloads the published package and checks its provenance; its lint legs are what it runs on the
 * source (`SOURCE_FILE_PATTERNS`) and on the published tarball (`**\/*.js`, `package.json`), and
 * they run here on this checkout and on the tarball `npm pack` makes of it.
 * Needs `npm run scan:install` once. Exits 1 when either leg finds a violation.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { packPackage, REPO_ROOT } from '../../tools/n8n/n8n';
import { runCommand } from '../../tools/n8n/processes';

const SCANNER = resolve(__dirname, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	SOURCE_FILE_PATTERNS: string[];
	analyzePackage: (packageDir: string, filePatterns: string[]) => Promise<ScanResult>;
}

async function unpackedTarball(): Promise<string> {
	const work = mkdtempSync(join(tmpdir(), 'inevent-scan-'));
	const tarball = await packPackage(work);
	const target = join(work, 'package');
	mkdirSync(target);
	const untar = await runCommand('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeoutMs: 60_000 });
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	return target;
}

function report(leg: string, result: ScanResult): boolean {
	process.stdout.write(`${leg}: ${result.passed ? 'passed' : `FAILED (${result.message ?? 'no message'})`}\n`);
	if (result.details) process.stdout.write(`${result.details}\n`);
	return result.passed;
}

async function main(): Promise<void> {
	const scanner = (await import(SCANNER)) as Scanner;
	const source = await scanner.analyzePackage(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS);
	const tarballDir = await unpackedTarball();
	const tarball = await scanner.analyzePackage(tarballDir, TARBALL_PATTERNS);
	const sourcePassed = report(`source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, source);
	const tarballPassed = report(`packed tarball (${TARBALL_PATTERNS.join(', ')})`, tarball);
	if (!sourcePassed || !tarballPassed) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
