/** A cell as text, the same in every file: empty for nothing (or a date that is not one), ISO 8601 for a date, JSON for an object. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A file of rows (CSV, XLSX) written as the rows arrive, page by page. */
export interface TableFileWriter {
	addRows(rows: ReadonlyArray<readonly unknown[]>): Promise<void>;
	/** The whole file; no row may be added after. */
	finish(): Promise<Buffer>;
}
