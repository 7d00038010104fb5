import { CsvWriter } from '../../../../nodes/InEvent/helpers/csv';
import { XlsxWriter } from '../../../../nodes/InEvent/helpers/xlsx';
import type { XlsxOptions } from '../../../../nodes/InEvent/helpers/xlsx';
import { writeAll } from '../../../harness/tableFiles';
import { unzip } from '../../../harness/workbook';

const SHEET = 'xl/worksheets/sheet1.xml';

async function xlsxFile(
	sheetName: string,
	header: readonly string[],
	rows: ReadonlyArray<readonly unknown[]>,
	options: XlsxOptions = { timeZone: 'UTC' },
): Promise<Buffer> {
	return await writeAll(new XlsxWriter(sheetName, header, options), rows);
}

async function sheetOf(...args: Parameters<typeof xlsxFile>): Promise<string> {
	return String(unzip(await xlsxFile(...args)).get(SHEET)?.data);
}

async function csvText(
	header: readonly string[],
	rows: ReadonlyArray<readonly unknown[]>,
	delimiter = ',',
): Promise<string> {
	return (await writeAll(new CsvWriter(header, { delimiter }), rows)).toString('utf8');
}

describe('XLSX writer', () => {
	it('writes a valid ZIP of the six OOXML parts, every entry deflated', async () => {
		const rows = Array.from({ length: 2000 }, (_, i) => [`Attendee ${i}`, `attendee${i}@example.test`, i]);
		const files = unzip(await xlsxFile('Attendees', ['Name', 'Email', 'N'], rows));
		expect([...files.keys()]).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/workbook.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			SHEET,
		]);
		for (const file of files.values()) expect(file.method).toBe(8);
		const sheet = files.get(SHEET);
		expect(sheet?.compressedSize).toBeLessThan((sheet?.data.length ?? 0) / 8);
		expect(String(files.get('xl/workbook.xml')?.data)).toContain('<sheet name="Attendees" sheetId="1" r:id="rId1"/>');
		expect(String(files.get('[Content_Types].xml')?.data)).toContain('PartName="/xl/styles.xml"');
		expect(String(files.get('xl/_rels/workbook.xml.rels')?.data)).toContain('Target="styles.xml"');
	});

	it('escapes XML, drops characters XML cannot hold, keeps unicode, types numbers and booleans, skips empty cells', async () => {
		const xml = await sheetOf(
			'A/B:C',
			['Name', 'Count', 'Present', 'Note'],
			[
				['Zoë <b>&</b> "Q" 🎉', 3, true, ''],
				['bell\u0007 tab\tline\nend', '007', false, null],
			],
		);
		expect(xml).toContain('<c r="A2" t="inlineStr"><is><t>Zoë &lt;b&gt;&amp;&lt;/b&gt; &quot;Q&quot; 🎉</t></is></c>');
		expect(xml).toContain('<c r="B2"><v>3</v></c><c r="C2" t="b"><v>1</v></c></row>');
		expect(xml).toContain('<t xml:space="preserve">bell tab\tline\nend</t>');
		expect(xml).toContain('<c r="B3" t="inlineStr"><is><t>007</t></is></c>');
		expect(await sheetOf('S', [' lead', 'trail '], [])).toContain(
			'<t xml:space="preserve"> lead</t></is></c><c r="B1" s="2" t="inlineStr"><is><t xml:space="preserve">trail </t>',
		);
		const workbook = unzip(await xlsxFile('A/B:C', ['x'], []));
		expect(String(workbook.get('xl/workbook.xml')?.data)).toContain('<sheet name="A B C"');
	});

	it('writes a Date as a date-time cell on the wall clock of the given time zone', async () => {
		const moment = new Date('2026-03-01T14:00:05Z');
		const serialOf = (wallClock: number) => wallClock / 86_400_000 + 25_569;
		const utc = await sheetOf('S', ['When'], [[moment]], { timeZone: 'UTC', dateColumns: [0] });
		expect(utc).toContain(`<c r="A2" s="1"><v>${serialOf(Date.UTC(2026, 2, 1, 14, 0, 5))}</v></c>`);
		const saoPaulo = await sheetOf('S', ['When'], [[moment]], { timeZone: 'America/Sao_Paulo' });
		expect(saoPaulo).toContain(`<c r="A2" s="1"><v>${serialOf(Date.UTC(2026, 2, 1, 11, 0, 5))}</v></c>`);
		// Before 1900-03-01 Excel's calendar is wrong, so such a moment stays text; an invalid date is empty.
		const early = await sheetOf('S', ['When', 'Bad'], [[new Date('1899-01-01T00:00:00Z'), new Date('x')]]);
		expect(early).toContain('<c r="A2" t="inlineStr"><is><t>1899-01-01T00:00:00.000Z</t></is></c></row>');
		const files = unzip(await xlsxFile('S', ['When'], [[moment]]));
		expect(String(files.get('xl/styles.xml')?.data)).toContain('formatCode="yyyy-mm-dd hh:mm:ss"');
	});

	it('freezes the header row, makes it bold, and widens columns for their header and for dates', async () => {
		const xml = await sheetOf('S', ['A long column header', 'When', 'N'], [], { timeZone: 'UTC', dateColumns: [1] });
		expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
		expect(xml).toContain(
			'<cols><col min="1" max="1" width="22" customWidth="1"/><col min="2" max="2" width="20" customWidth="1"/><col min="3" max="3" width="10" customWidth="1"/></cols>',
		);
		expect(xml).toContain('<row r="1"><c r="A1" s="2" t="inlineStr">');
	});

	it('gives the same workbook whether the rows come in one batch or page by page', async () => {
		const rows = Array.from({ length: 250 }, (_, i) => [`Name ${i}`, i % 2 === 0, new Date(1.7e12 + i * 3_600_000)]);
		const options = { timeZone: 'Europe/Berlin', dateColumns: [2] };
		const paged = new XlsxWriter('S', ['Name', 'Present', 'When'], options);
		for (let at = 0; at < rows.length; at += 100) await paged.addRows(rows.slice(at, at + 100));
		const once = await xlsxFile('S', ['Name', 'Present', 'When'], rows, options);
		const files = unzip(await paged.finish());
		expect(String(files.get(SHEET)?.data)).toBe(String(unzip(once).get(SHEET)?.data));
		expect(String(files.get(SHEET)?.data).match(/<row /g)).toHaveLength(251);
	});

	it('names columns past Z like a spreadsheet (AA, AB …)', async () => {
		const xml = await sheetOf(
			'S',
			Array.from({ length: 28 }, (_, i) => `c${i}`),
			[],
		);
		expect(xml).toContain('<c r="Z1"');
		expect(xml).toContain('<c r="AB1"');
	});
});

describe('CSV writer', () => {
	it('quotes only what needs quoting and ends every line with CRLF', async () => {
		expect(
			await csvText(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					[' pad', 'multi\nline'],
					[null, 12],
				],
			),
		).toBe('a,b\r\n"x,y","say ""hi"""\r\n" pad","multi\nline"\r\n,12\r\n');
		expect(await csvText(['a'], [['x;y'], ['x,y']], ';')).toBe('a\r\n"x;y"\r\nx,y\r\n');
	});

	it('writes a date as ISO 8601, an object as JSON, and a date that is not one as an empty cell', async () => {
		expect(await csvText(['When', 'Bad', 'Tags'], [[new Date(Date.UTC(2026, 0, 2)), new Date('x'), ['a', 'b']]])).toBe(
			'When,Bad,Tags\r\n2026-01-02T00:00:00.000Z,,"[""a"",""b""]"\r\n',
		);
	});

	it('writes page by page the same file as at once, with the BOM first when asked', async () => {
		const rows = Array.from({ length: 250 }, (_, i) => [`Zoë ${i}`, i, new Date(1.7e12 + i)]);
		const writer = new CsvWriter(['Name', 'N', 'When'], { delimiter: ';', bom: true });
		for (let at = 0; at < rows.length; at += 100) await writer.addRows(rows.slice(at, at + 100));
		const file = await writer.finish();
		expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(file.subarray(3).toString('utf8')).toBe(await csvText(['Name', 'N', 'When'], rows, ';'));
		expect(file.toString('utf8')).toContain('Zoë 0;0;2023-11-14T22:13:20.000Z\r\n');
	});
});
