/** A file of rows (CSV, XLSX) written as the rows arrive, page by page. */
export interface TableFileWriter {
	addRows(rows: ReadonlyArray<readonly unknown[]>): Promise<void>;
	/** The whole file; no row may be added after. */
	finish(): Promise<Buffer>;
}
