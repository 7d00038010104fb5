import type { IDataObject } from 'n8n-workflow';

/**
 * Where a trigger stopped in a list sorted by a time (Unix seconds, InEvent's resolution), ties by
 * record ID ascending (inevent-api.md §10.4, inferred).
 *
 * - `time` is the second of the last record passed. A second that may still be receiving records is
 *   remembered by `ids` (the records passed at it: ID, or ID and fingerprint), and the next poll
 *   reads that second again from its first record: a record stamped with the same second after the
 *   last poll is not missed, whatever its ID, and one already passed is not repeated.
 * - A crowded second (more than `MAX_IDS_AT_SECOND` records, a bulk write) is remembered by
 *   `afterId` instead: every record at `time` with an ID up to it was passed. The next poll goes on
 *   after it, so a backlog stamped with one second is paged through, not read again from its start.
 * - `offset` is where the next read should start in the list, valid for the list filter `since`
 *   (updatedAfterDate) it was measured under; it is only a hint, checked against the records found there.
 */
export interface Cursor {
	time: number;
	ids: string[];
	afterId?: number;
	offset?: number;
	since?: number;
}

/** Up to this many records of one second are remembered one by one (two pages re-read at most). */
export const MAX_IDS_AT_SECOND = 200;

export type TimeOf = (record: IDataObject) => number;
export type KeyOf = (record: IDataObject) => string;
export type IdOf = (record: IDataObject) => number;

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

export const numericId =
	(idKey: string): IdOf =>
	(record) => {
		const id = Number(record[idKey]);
		return Number.isFinite(id) ? id : 0;
	};

export function secondsOf(value: unknown): number {
	const number = Number(value);
	return Number.isFinite(number) ? number : 0;
}
