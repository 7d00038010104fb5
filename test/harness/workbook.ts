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

/**
 * One cell as an independent XLSX reader sees it: its kind, its value (a date as an ISO 8601 wall-clock
 * date-time without zone, as a spreadsheet shows it), its number format and whether its font is bold.
 */
export type ReadBackCell = [
	kind: 'date' | 'number' | 'bool' | 'text' | 'empty',
	value: string | number | boolean | null,
	numberFormat: string,
	bold: boolean,
];

/** A workbook as an independent reader sees it: sheet names, the first sheet's frozen pane (its top-left cell) and rows. */
export interface ReadBackWorkbook {
	sheets: string[];
	frozen: string | null;
	rows: ReadBackCell[][];
}
