import type { IDataObject } from 'n8n-workflow';

/**
 * Where a trigger stopped: the last change time seen (Unix seconds, InEvent's resolution) and the
 * records already seen at that second (ID plus a fingerprint of the record). Changes in the same
 * second as a poll are not missed (the next poll asks from that second again, inclusive) and not
 * repeated (what was seen is remembered); a second change to the same record within that second
 * has another fingerprint, so it is not lost either.
 */
export interface Cursor {
	time: number;
	ids: string[];
}

export type TimeOf = (record: IDataObject) => number;
export type KeyOf = (record: IDataObject) => string;

/** Remembers a record by its ID: for "new record" triggers, where a later edit is not news. */
export const byId =
	(idKey: string): KeyOf =>
	(record) =>
		String(record[idKey]);

/** Remembers a record by its ID and a fingerprint (djb2 over its JSON): for "record changed" triggers. */
export const byVersion =
	(idKey: string): KeyOf =>
	(record) => {
		const text = JSON.stringify(record);
		let hash = 5381;
		for (let index = 0; index < text.length; index++) hash = ((hash * 33) ^ text.charCodeAt(index)) >>> 0;
		return `${String(record[idKey])}:${hash.toString(36)}`;
	};

/** Records changed at or after the cursor, minus those already seen at its second. */
export function unseen(records: IDataObject[], cursor: Cursor, timeOf: TimeOf, keyOf: KeyOf): IDataObject[] {
	const seen = new Set(cursor.ids);
	return records.filter((record) => {
		const time = timeOf(record);
		return time > cursor.time || (time === cursor.time && !seen.has(keyOf(record)));
	});
}

/** The cursor after these records: the latest second among them, with every record seen at it. */
export function advance(cursor: Cursor, records: IDataObject[], timeOf: TimeOf, keyOf: KeyOf): Cursor {
	let next: Cursor = { time: cursor.time, ids: [...cursor.ids] };
	for (const record of records) {
		const time = timeOf(record);
		if (time < cursor.time) continue;
		const key = keyOf(record);
		if (time > next.time) next = { time, ids: [key] };
		else if (time === next.time && !next.ids.includes(key)) next.ids.push(key);
	}
	return next;
}

export function secondsOf(value: unknown): number {
	const number = Number(value);
	return Number.isFinite(number) ? number : 0;
}
