/**
 * The sandbox's stand-in for public DNS: the records a customer has "published", which
 * `ssl.verify` looks up. Filled by tests (`publishDns`, `POST /__sandbox/dns`), emptied by reset.
 */

export interface DnsRecord {
	/** Upper-cased on publish (`CNAME`, `TXT`, …). */
	type: string;
	name: string;
	value: string;
}

/** A host name as DNS compares it: case-insensitive, with or without the root's trailing dot. */
export function normalizeHostName(name: string): string {
	const lower = name.trim().toLowerCase();
	return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Checks every record first, so a bad list changes nothing. RangeError on anything malformed. */
export function assertDnsRecords(records: unknown): asserts records is DnsRecord[] {
	if (!Array.isArray(records)) throw new RangeError('records must be an array of {type, name, value}');
	records.forEach((record: unknown, index) => {
		if (record === null || typeof record !== 'object' || Array.isArray(record)) {
			throw new RangeError(`records[${index}] must be an object {type, name, value}`);
		}
		const fields = record as Record<string, unknown>;
		const unknownKey = Object.keys(fields).find((key) => !['type', 'name', 'value'].includes(key));
		if (unknownKey !== undefined) throw new RangeError(`records[${index}].${unknownKey} is not a DNS record field`);
		for (const key of ['type', 'name', 'value']) {
			const value = fields[key];
			if (typeof value !== 'string' || value.trim() === '') {
				throw new RangeError(`records[${index}].${key} must be a non-empty string`);
			}
		}
		if (!/^[A-Za-z]+$/.test((fields.type as string).trim())) {
			throw new RangeError(`records[${index}].type must be letters only, e.g. CNAME or TXT`);
		}
	});
}

export class DnsTable {
	private records: DnsRecord[] = [];

	/** Adds (never replaces: DNS allows several records per name). Validates the whole list first. */
	publish(records: unknown): void {
		assertDnsRecords(records);
		for (const record of records) {
			this.records.push({ type: record.type.trim().toUpperCase(), name: record.name.trim(), value: record.value });
		}
	}

	/** A copy, in publish order. */
	list(): DnsRecord[] {
		return this.records.map((record) => ({ ...record }));
	}

	/**
	 * Names compare as host names. Values of host-name records (CNAME) compare the same way; other
	 * values (a TXT token) must match exactly.
	 */
	has(wanted: DnsRecord): boolean {
		const type = wanted.type.toUpperCase();
		const name = normalizeHostName(wanted.name);
		const sameValue =
			type === 'CNAME'
				? (value: string) => normalizeHostName(value) === normalizeHostName(wanted.value)
				: (value: string) => value === wanted.value;
		return this.records.some(
			(record) => record.type === type && normalizeHostName(record.name) === name && sameValue(record.value),
		);
	}

	clear(): void {
		this.records = [];
	}
}
