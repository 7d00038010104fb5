/** Cells that must be quoted (RFC 4180): the delimiter, a quote, a line break, or edge spaces. */
function needsQuotes(cell: string, delimiter: string): boolean {
	return cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim();
}

function csvCell(value: unknown, delimiter: string): string {
	const cell =
		value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return needsQuotes(cell, delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** An RFC 4180 CSV text: a header line, then one line per row, CRLF line ends. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>, delimiter = ','): string {
	const lines = [header, ...rows].map((cells) => cells.map((cell) => csvCell(cell, delimiter)).join(delimiter));
	return lines.join('\r\n') + '\r\n';
}
