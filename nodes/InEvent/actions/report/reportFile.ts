import type { IDataObject } from 'n8n-workflow';

import { CsvWriter } from '../../helpers/csv';
import type { TableFileWriter } from '../../helpers/tableFile';
import { XlsxWriter } from '../../helpers/xlsx';

const DELIMITERS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t' };

export interface ReportFile {
	writer: TableFileWriter;
	extension: string;
	mimeType: string;
	/** A report row as the file's cells, in column order. */
	cellsOf: (record: IDataObject) => unknown[];
}

export interface ReportFileSettings {
	output: 'csv' | 'xlsx';
	header: readonly string[];
	keys: readonly string[];
	/** Date columns when Typed Output is on (their values are ISO 8601 text or null by then). */
	dateKeys: readonly string[];
	options: IDataObject;
	timeZone: string;
}

/**
 * The report's file, written page by page. In a workbook the typed dates become date cells (on the
 * workflow's wall clock); in a CSV they stay ISO 8601 text, which is how CSV carries a moment.
 */
export function reportFile({ output, header, keys, dateKeys, options, timeZone }: ReportFileSettings): ReportFile {
	const plainCells = (record: IDataObject): unknown[] => keys.map((key) => record[key]);
	if (output === 'csv') {
		return {
			writer: new CsvWriter(header, {
				delimiter: DELIMITERS[String(options.delimiter ?? 'comma')] ?? ',',
				bom: options.bom === true,
			}),
			extension: 'csv',
			mimeType: 'text/csv',
			cellsOf: plainCells,
		};
	}
	const dates = new Set(dateKeys);
	return {
		writer: new XlsxWriter('Attendees', header, {
			timeZone,
			dateColumns: keys.flatMap((key, index) => (dates.has(key) ? [index] : [])),
		}),
		extension: 'xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		cellsOf:
			dates.size === 0
				? plainCells
				: (record) =>
						keys.map((key) => {
							const value = record[key];
							return dates.has(key) && typeof value === 'string' ? new Date(value) : value;
						}),
	};
}
