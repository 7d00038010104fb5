import { crc32 } from 'node:zlib';

import { toCsv } from '../../../../nodes/InEvent/helpers/csv';
import { toXlsx } from '../../../../nodes/InEvent/helpers/xlsx';

/** Reads a ZIP of stored entries the way an unzip tool does: from the central directory. */
function unzip(archive: Buffer): Map<string, Buffer> {
	const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	expect(end).toBe(archive.length - 22);
	const count = archive.readUInt16LE(end + 10);
	let at = archive.readUInt32LE(end + 16);
	const files = new Map<string, Buffer>();
	for (let i = 0; i < count; i++) {
		expect(archive.readUInt32LE(at)).toBe(0x02014b50);
		const crc = archive.readUInt32LE(at + 16);
		const size = archive.readUInt32LE(at + 20);
		const nameLength = archive.readUInt16LE(at + 28);
		const local = archive.readUInt32LE(at + 42);
		const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		expect(archive.readUInt32LE(local)).toBe(0x04034b50);
		const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
		const data = archive.subarray(dataStart, dataStart + size);
		expect(crc32(data)).toBe(crc);
		files.set(name, data);
		at += 46 + nameLength;
	}
	return files;
}

describe('XLSX writer', () => {
	it('writes a valid ZIP holding the five OOXML parts', () => {
		const files = unzip(toXlsx('Attendees', ['Name'], [['Ana']]));
		expect([...files.keys()]).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/workbook.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/worksheets/sheet1.xml',
		]);
		expect(files.get('xl/workbook.xml')?.toString()).toContain('<sheet name="Attendees" sheetId="1" r:id="rId1"/>');
	});

	it('escapes XML, drops characters XML cannot hold, keeps unicode, types numbers and booleans, skips empty cells', () => {
		const sheet = unzip(
			toXlsx(
				'A/B:C',
				['Name', 'Count', 'Present', 'Note'],
				[
					['Zoë <b>&</b> "Q" 🎉', 3, true, ''],
					['bell\u0007 tab\tline\nend', '007', false, null],
				],
			),
		);
		const xml = String(sheet.get('xl/worksheets/sheet1.xml'));
		expect(xml).toContain('<c r="A2" t="inlineStr"><is><t>Zoë &lt;b&gt;&amp;&lt;/b&gt; &quot;Q&quot; 🎉</t></is></c>');
		expect(xml).toContain('<c r="B2"><v>3</v></c><c r="C2" t="b"><v>1</v></c></row>');
		expect(xml).toContain('<t xml:space="preserve">bell tab\tline\nend</t>');
		expect(String(unzip(toXlsx('S', [' lead', 'trail '], [])).get('xl/worksheets/sheet1.xml'))).toContain(
			'<t xml:space="preserve"> lead</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">trail </t>',
		);
		expect(xml).toContain('<c r="B3" t="inlineStr"><is><t>007</t></is></c>');
		expect(String(sheet.get('xl/workbook.xml'))).toContain('<sheet name="A B C"');
	});

	it('names columns past Z like a spreadsheet (AA, AB …)', () => {
		const header = Array.from({ length: 28 }, (_, i) => `c${i}`);
		const xml = String(unzip(toXlsx('S', header, [])).get('xl/worksheets/sheet1.xml'));
		expect(xml).toContain('<c r="Z1"');
		expect(xml).toContain('<c r="AB1"');
	});
});

describe('CSV writer', () => {
	it('quotes only what needs quoting and ends every line with CRLF', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					[' pad', 'multi\nline'],
					[null, 12],
				],
			),
		).toBe('a,b\r\n"x,y","say ""hi"""\r\n" pad","multi\nline"\r\n,12\r\n');
		expect(toCsv(['a'], [['x;y'], ['x,y']], ';')).toBe('a\r\n"x;y"\r\nx,y\r\n');
	});
});
