import { zipStored } from './zip';

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

function cell(value: unknown, ref: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
	if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
	const text =
		value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (text === '') return '';
	// Spaces at the ends, or a line break, need xml:space="preserve"; most cells do without its 21 bytes.
	const space = /^\s|\s$|[\t\n\r]/.test(text) ? ' xml:space="preserve"' : '';
	return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function sheetXml(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
	const lines = [header, ...rows].map((cells, rowIndex) => {
		const r = rowIndex + 1;
		return `<row r="${r}">${cells.map((value, column) => cell(value, `${columnName(column)}${r}`)).join('')}</row>`;
	});
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
		`<sheetData>${lines.join('')}</sheetData></worksheet>`
	);
}

const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
	'<Default Extension="xml" ContentType="application/xml"/>' +
	'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
	'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
	'</Types>';

const ROOT_RELS =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
	'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
	'</Relationships>';

const WORKBOOK_RELS =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
	'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
	'</Relationships>';

function workbookXml(sheetName: string): string {
	// Sheet names: at most 31 characters, none of : \ / ? * [ ]
	const name = xmlText(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1');
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
		'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
		`<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`
	);
}

/**
 * A one-sheet XLSX workbook (Office Open XML, inline strings, no styles): numbers and booleans keep
 * their type, everything else is text. Written here because a community node may not depend on a
 * spreadsheet library.
 */
export function toXlsx(sheetName: string, header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Buffer {
	const utf8 = (text: string) => Buffer.from(text, 'utf8');
	return zipStored([
		{ name: '[Content_Types].xml', data: utf8(CONTENT_TYPES) },
		{ name: '_rels/.rels', data: utf8(ROOT_RELS) },
		{ name: 'xl/workbook.xml', data: utf8(workbookXml(sheetName)) },
		{ name: 'xl/_rels/workbook.xml.rels', data: utf8(WORKBOOK_RELS) },
		{ name: 'xl/worksheets/sheet1.xml', data: utf8(sheetXml(header, rows)) },
	]);
}
