const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01 (days since 1899-12-30, its 1900 date system). */
const UNIX_EPOCH_SERIAL = 25_569;
/** Serials below 61 fall before 1900-03-01, where Excel's calendar is off by its 1900 leap-day bug. */
const FIRST_SAFE_SERIAL = 61;
/** Time-zone offsets change only on quarter hours, so one look-up serves a quarter hour. */
const OFFSET_BUCKET_MS = 900_000;

/**
 * Excel date-time serials for the wall clock of one time zone. Excel cells have no time zone, so a
 * moment is written as the time shown on a clock in `timeZone` (the workflow's, as n8n's own dates).
 */
export class ExcelDates {
	private readonly format: Intl.DateTimeFormat;
	private readonly offsets = new Map<number, number>();

	/** Throws a RangeError for a time zone name Intl does not know. */
	constructor(timeZone: string) {
		this.format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	}

	/** The serial (days and fraction since 1899-12-30 on that wall clock), or undefined when Excel cannot show it. */
	serialOf(date: Date): number | undefined {
		const millis = date.getTime();
		if (!Number.isFinite(millis)) return undefined;
		const serial = (millis + this.offsetAt(millis)) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
		return serial >= FIRST_SAFE_SERIAL ? serial : undefined;
	}

	private offsetAt(millis: number): number {
		const bucket = Math.floor(millis / OFFSET_BUCKET_MS);
		let offset = this.offsets.get(bucket);
		if (offset === undefined) {
			offset = this.wallClockMillis(bucket * OFFSET_BUCKET_MS) - bucket * OFFSET_BUCKET_MS;
			this.offsets.set(bucket, offset);
		}
		return offset;
	}

	private wallClockMillis(millis: number): number {
		const part: Record<string, number> = {};
		for (const { type, value } of this.format.formatToParts(millis)) part[type] = Number(value);
		return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
	}
}
