import { cellText } from './tableFile';
import type { TableFileWriter } from './tableFile';

/** Cells that must be quoted (RFC 4180): the delimiter, a quote, a line break, or edge spaces. */
function needsQuotes(cell: string, delimiter: string): boolean {
	return cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim();
}

function csvCell(value: unknown, delimiter: string): string {
	const cell = cellText(value);
	return needsQuotes(cell, delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csvLines(rows: ReadonlyArray<readonly unknown[]>, delimiter: string): string {
	return rows.map((cells) => cells.map((cell) => csvCell(cell, delimiter)).join(delimiter) + '\r\n').join('');
}

export interface CsvOptions {
	delimiter?: string;
	/** A UTF-8 byte order mark first, for Excel. */
	bom?: boolean;
}

/** An RFC 4180 CSV file (a header line, then one line per row, CRLF line ends) written as rows arrive. */
export class CsvWriter implements TableFileWriter {
	private readonly chunks: Buffer[] = [];
	private readonly delimiter: string;

	constructor(header: readonly string[], { delimiter = ',', bom = false }: CsvOptions = {}) {
		this.delimiter = delimiter;
		this.chunks.push(Buffer.from((bom ? '\ufeff' : '') + csvLines([header], delimiter), 'utf8'));
	}

	async addRows(rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
		if (rows.length > 0) this.chunks.push(Buffer.from(csvLines(rows, this.delimiter), 'utf8'));
	}

	async finish(): Promise<Buffer> {
		const file = Buffer.concat(this.chunks);
		this.chunks.length = 0;
		return file;
	}
}
