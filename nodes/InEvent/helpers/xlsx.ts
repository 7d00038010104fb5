import { ExcelDates } from './excelDate';
import { cellText } from './tableFile';
import type { TableFileWriter } from './tableFile';
import { DeflatingEntry, deflateEntry, zipArchive } from './zip';

/** Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlText(value: string): string {
	return value
		.replace(INVALID_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** A, B, … Z, AA, AB … */
function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** Cell styles of styles.xml, by their index in cellXfs. */
const STYLE = { dateTime: 1, header: 2 } as const;
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DATE_COLUMN_WIDTH = 20;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const OFFICE_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const CONTENT_TYPES =
	XML_DECLARATION +
	'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
	'<Default Extension="xml" ContentType="application/xml"/>' +
	`<Override PartName="/xl/workbook.xml" ContentType="${OFFICE_TYPE}.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${OFFICE_TYPE}.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="${OFFICE_TYPE}.styles+xml"/>` +
	'</Types>';

const ROOT_RELS =
	XML_DECLARATION +
	'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
	`<Relationship Id="rId1" Type="${RELATIONSHIP}/officeDocument" Target="xl/workbook.xml"/>` +
	'</Relationships>';

const WORKBOOK_RELS =
	XML_DECLARATION +
	'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
	`<Relationship Id="rId1" Type="${RELATIONSHIP}/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="${RELATIONSHIP}/styles" Target="styles.xml"/>` +
	'</Relationships>';

/** Style 0 plain, 1 a date-time number format, 2 bold (the header row). */
const STYLES =
	XML_DECLARATION +
	`<styleSheet xmlns="${MAIN_NS}">` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_TIME_FORMAT}"/></numFmts>` +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

function workbookXml(sheetName: string): string {
	// Sheet names: at most 31 characters, none of : \ / ? * [ ]
	const name = xmlText(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1');
	return (
		XML_DECLARATION +
		`<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP}">` +
		`<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`
	);
}

/** The sheet's start: the header row frozen in view, columns wide enough for their header (and dates). */
function sheetStart(header: readonly string[], dateColumns: ReadonlySet<number>): string {
	const widths = header.map((name, index) => {
		const width = Math.min(60, Math.max(10, name.length + 2, dateColumns.has(index) ? DATE_COLUMN_WIDTH : 0));
		return `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`;
	});
	return (
		XML_DECLARATION +
		`<worksheet xmlns="${MAIN_NS}">` +
		'<sheetViews><sheetView workbookViewId="0">' +
		'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>' +
		'</sheetView></sheetViews>' +
		(widths.length > 0 ? `<cols>${widths.join('')}</cols>` : '') +
		'<sheetData>'
	);
}

const SHEET_END = '</sheetData></worksheet>';

export interface XlsxOptions {
	/** The wall clock date cells show (Excel has no time zone). */
	timeZone: string;
	/** Columns whose values are dates (Date cells), for their width. */
	dateColumns?: readonly number[];
}

/**
 * A one-sheet XLSX workbook (Office Open XML, inline strings) written as rows arrive: each batch is
 * turned into sheet XML and deflated at once, so only the compressed sheet is held. Numbers and
 * booleans keep their type, a `Date` becomes a date-time cell, everything else is text. Written
 * here because a community node may not depend on a spreadsheet library.
 */
export class XlsxWriter implements TableFileWriter {
	private readonly sheet = new DeflatingEntry('xl/worksheets/sheet1.xml');
	private readonly dates: ExcelDates;
	private readonly started: Promise<void>;
	private nextRow = 1;

	constructor(
		private readonly sheetName: string,
		header: readonly string[],
		options: XlsxOptions,
	) {
		this.dates = new ExcelDates(options.timeZone);
		const start = sheetStart(header, new Set(options.dateColumns ?? []));
		this.started = this.sheet.write(Buffer.from(start + this.rowXml(header, STYLE.header), 'utf8'));
		this.started.catch(() => undefined); // a failure surfaces from addRows or finish, which await it
	}

	async addRows(rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
		await this.started;
		if (rows.length === 0) return;
		await this.sheet.write(Buffer.from(rows.map((row) => this.rowXml(row)).join(''), 'utf8'));
	}

	async finish(): Promise<Buffer> {
		await this.started;
		await this.sheet.write(Buffer.from(SHEET_END, 'utf8'));
		const sheet = await this.sheet.finish();
		return zipArchive([
			await deflateEntry('[Content_Types].xml', CONTENT_TYPES),
			await deflateEntry('_rels/.rels', ROOT_RELS),
			await deflateEntry('xl/workbook.xml', workbookXml(this.sheetName)),
			await deflateEntry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
			await deflateEntry('xl/styles.xml', STYLES),
			sheet,
		]);
	}

	private rowXml(cells: readonly unknown[], style?: number): string {
		const r = this.nextRow++;
		return `<row r="${r}">${cells.map((value, column) => this.cell(value, `${columnName(column)}${r}`, style)).join('')}</row>`;
	}

	private cell(value: unknown, ref: string, style?: number): string {
		const s = style === undefined ? '' : ` s="${style}"`;
		if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
		if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
		if (value instanceof Date) {
			const serial = this.dates.serialOf(value);
			if (serial !== undefined) return `<c r="${ref}" s="${STYLE.dateTime}"><v>${serial}</v></c>`;
		}
		const text = cellText(value);
		if (text === '') return '';
		// Spaces at the ends, or a line break, need xml:space="preserve"; most cells do without its 21 bytes.
		const space = /^\s|\s$|[\t\n\r]/.test(text) ? ' xml:space="preserve"' : '';
		return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
	}
}
