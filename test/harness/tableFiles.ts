import type { TableFileWriter } from '../../nodes/InEvent/helpers/tableFile';

/** The whole file of rows already in hand, written in one page. */
export async function writeAll(writer: TableFileWriter, rows: ReadonlyArray<readonly unknown[]>): Promise<Buffer> {
	await writer.addRows(rows);
	return await writer.finish();
}
