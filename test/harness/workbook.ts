import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipFile {
	method: number;
	compressedSize: number;
	data: Buffer;
}

/** Reads a ZIP the way an unzip tool does, from its central directory, checking every header and CRC. */
export function unzip(archive: Buffer): Map<string, ZipFile> {
	const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end !== archive.length - 22) throw new Error('no end of central directory at the end of the archive');
	const count = archive.readUInt16LE(end + 10);
	let at = archive.readUInt32LE(end + 16);
	const files = new Map<string, ZipFile>();
	for (let i = 0; i < count; i++) {
		if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`central header ${i} has a wrong signature`);
		const method = archive.readUInt16LE(at + 10);
		const crc = archive.readUInt32LE(at + 16);
		const compressedSize = archive.readUInt32LE(at + 20);
		const size = archive.readUInt32LE(at + 24);
		const nameLength = archive.readUInt16LE(at + 28);
		const local = archive.readUInt32LE(at + 42);
		const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: local header has a wrong signature`);
		if (archive.readUInt32LE(local + 18) !== compressedSize || archive.readUInt32LE(local + 22) !== size)
			throw new Error(`${name}: local and central sizes differ`);
		const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
		const stored = archive.subarray(dataStart, dataStart + compressedSize);
		const data = method === 8 ? inflateRawSync(stored) : stored;
		if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the header says ${size}`);
		if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
		files.set(name, { method, compressedSize, data });
		at += 46 + nameLength;
	}
	return files;
}

export type OpenpyxlCell = ['date' | 'number' | 'bool' | 'text' | 'empty', string | number | boolean | null, string];

export interface OpenpyxlWorkbook {
	sheets: string[];
	frozen: string | null;
	rows: OpenpyxlCell[][];
}

/** Debian's python3-openpyxl installs for Debian's python; a PATH python3 (e.g. pyenv's) may not see it. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** The workbook as Python's openpyxl reads it (test/harness/readXlsx.py). Needs python3-openpyxl. */
export function readWithOpenpyxl(workbook: Buffer): OpenpyxlWorkbook {
	const folder = mkdtempSync(join(tmpdir(), 'inevent-xlsx-'));
	try {
		const file = join(folder, 'workbook.xlsx');
		writeFileSync(file, workbook);
		try {
			execFileSync(PYTHON, ['-c', 'import openpyxl']);
		} catch {
			throw new Error(`${PYTHON} cannot import openpyxl: install it with apt-get install python3-openpyxl`);
		}
		const json = execFileSync(PYTHON, [join(__dirname, 'readXlsx.py'), file], {
			encoding: 'utf8',
			maxBuffer: 512 * 1024 * 1024,
		});
		return JSON.parse(json) as OpenpyxlWorkbook;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
