import { ValueType, Workbook } from 'exceljs';
import type { Cell, Worksheet } from 'exceljs';

import type { ReadBackCell, ReadBackWorkbook } from './workbook';

/** A date cell's value as the wall clock a spreadsheet shows: ExcelJS gives it as that time in UTC. */
function wallClock(date: Date): string {
	return date.toISOString().replace(/\.000Z$|Z$/, '');
}

function kindOf(cell: Cell): [ReadBackCell[0], ReadBackCell[1]] {
	const { value } = cell;
	switch (cell.type) {
		case ValueType.Null:
			return ['empty', null];
		case ValueType.Date:
			if (value instanceof Date) return ['date', wallClock(value)];
			break;
		case ValueType.Number:
			if (typeof value === 'number') return ['number', value];
			break;
		case ValueType.Boolean:
			if (typeof value === 'boolean') return ['bool', value];
			break;
		case ValueType.String:
			if (typeof value === 'string') return ['text', value];
			break;
		case ValueType.RichText:
			return ['text', cell.text];
	}
	throw new Error(`${cell.address}: a cell ExcelJS reads as type ${ValueType[cell.type]} (${JSON.stringify(value)})`);
}

function frozenPane(sheet: Worksheet): string | null {
	const [view] = sheet.views;
	return view?.state === 'frozen' ? (view.topLeftCell ?? null) : null;
}

/** The workbook as ExcelJS (an npm XLSX reader independent of the node's writer) reads it. */
export async function readWithExcelJs(bytes: Buffer): Promise<ReadBackWorkbook> {
	const workbook = new Workbook();
	// ExcelJS types its Buffer as an ArrayBuffer (its loader takes either); a copy's ArrayBuffer fits both.
	await workbook.xlsx.load(new Uint8Array(bytes).buffer);
	const [sheet] = workbook.worksheets;
	// Every row and column up to the last used one, as openpyxl's iter_rows (both counts walk the whole sheet).
	const { rowCount, columnCount } = sheet;
	const rows: ReadBackCell[][] = [];
	for (let r = 1; r <= rowCount; r++) {
		const row = sheet.getRow(r);
		const cells: ReadBackCell[] = [];
		for (let c = 1; c <= columnCount; c++) {
			const cell = row.getCell(c);
			cells.push([...kindOf(cell), cell.numFmt ?? 'General', cell.font?.bold === true]);
		}
		rows.push(cells);
	}
	return { sheets: workbook.worksheets.map(({ name }) => name), frozen: frozenPane(sheet), rows };
}
