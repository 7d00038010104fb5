import { emailKey, sameEmail, type EmailMatchMode } from '../control/emailMatch';
import type { PersonRecord } from './records';

type IdentifierField = 'email' | 'username';

/** The bucket of a value: every value that matches it case-insensitively shares it. */
const bucketKey = (value: string): string => emailKey(value, 'caseInsensitive');

/**
 * personIDs by one identifier (email or username), so a look-up does not scan every person.
 * Buckets are keyed on the lower-cased value, which both readings of `emailMatch` can use: `caseInsensitive`
 * takes the whole bucket, `exact` only the persons whose stored value is exactly the one given. So persons whose
 * values differ only in case share a bucket without collapsing into one, and switching the reading at run time
 * needs no reindexing.
 */
export class PersonIndex {
	private readonly buckets = new Map<string, Set<string>>();

	constructor(private readonly field: IdentifierField) {}

	add(person: PersonRecord): void {
		const value = person[this.field];
		if (value === '') return;
		const key = bucketKey(value);
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = new Set();
			this.buckets.set(key, bucket);
		}
		bucket.add(person.personID);
	}

	/** Forgets that `personID` had `value` (call with the value it was indexed under). */
	remove(value: string, personID: string): void {
		if (value === '') return;
		const key = bucketKey(value);
		const bucket = this.buckets.get(key);
		if (!bucket) return;
		bucket.delete(personID);
		if (bucket.size === 0) this.buckets.delete(key);
	}

	/**
	 * The persons whose value matches `given` in this reading, by personID ascending: the oldest account first,
	 * which is the one a single look-up picks when, after an `exact` spell, several differ only in case.
	 */
	matches(given: string, mode: EmailMatchMode, persons: ReadonlyMap<string, PersonRecord>): PersonRecord[] {
		const bucket = this.buckets.get(bucketKey(given));
		if (!bucket) return [];
		const found: PersonRecord[] = [];
		for (const personID of bucket) {
			const person = persons.get(personID);
			if (person && sameEmail(person[this.field], given, mode)) found.push(person);
		}
		return found.sort((a, b) => Number(a.personID) - Number(b.personID));
	}

	clear(): void {
		this.buckets.clear();
	}
}
