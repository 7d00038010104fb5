import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ReadBackWorkbook } from './workbook';

/** Debian's python3-openpyxl installs for Debian's python; a PATH python3 (e.g. pyenv's) may not see it. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Why openpyxl cannot read here, or undefined when it can. TEST_WITHOUT_OPENPYXL=1 pretends it is
 * missing (to see the tests without it on a machine that has it).
 */
function openpyxlMissing(): string | undefined {
	if (process.env.TEST_WITHOUT_OPENPYXL === '1') return 'TEST_WITHOUT_OPENPYXL=1 pretends openpyxl is missing';
	try {
		execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
		return undefined;
	} catch {
		return `${PYTHON} cannot import openpyxl (Debian or Ubuntu: apt-get install python3-openpyxl)`;
	}
}

/**
 * Why the openpyxl read-back is skipped, or undefined when it runs. It is optional (the npm reader is
 * the one `npm test` needs), except under CI_REQUIRE_OPENPYXL=1, where a missing openpyxl fails it.
 */
export function openpyxlSkipReason(): string | undefined {
	if (process.env.CI_REQUIRE_OPENPYXL === '1') return undefined;
	return openpyxlMissing();
}

/** The workbook as Python's openpyxl reads it (test/harness/readXlsx.py). */
export function readWithOpenpyxl(workbook: Buffer): ReadBackWorkbook {
	const missing = openpyxlMissing();
	if (missing !== undefined) {
		const required = process.env.CI_REQUIRE_OPENPYXL === '1' ? ' (CI_REQUIRE_OPENPYXL=1 requires it)' : '';
		throw new Error(`openpyxl cannot read the workbook${required}: ${missing}`);
	}
	const folder = mkdtempSync(join(tmpdir(), 'inevent-xlsx-'));
	try {
		const file = join(folder, 'workbook.xlsx');
		writeFileSync(file, workbook);
		const json = execFileSync(PYTHON, [join(__dirname, 'readXlsx.py'), file], {
			encoding: 'utf8',
			maxBuffer: 512 * 1024 * 1024,
		});
		return JSON.parse(json) as ReadBackWorkbook;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
