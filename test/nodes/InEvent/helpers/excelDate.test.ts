import { ExcelDates } from '../../../../nodes/InEvent/helpers/excelDate';

/** The serial Excel gives a wall-clock time (days since 1899-12-30). */
const serial = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) =>
	Date.UTC(year, month - 1, day, hour, minute, second) / 86_400_000 + 25_569;

describe('Excel date serials', () => {
	it('counts days from 1899-12-30: 1970-01-01 is 25569 and 2026-03-01 12:00 is 46082.5', () => {
		const utc = new ExcelDates('UTC');
		expect(utc.serialOf(new Date('1970-01-01T00:00:00Z'))).toBe(25_569);
		expect(utc.serialOf(new Date('2026-03-01T12:00:00Z'))).toBe(46_082.5);
	});

	it("shows a moment on the time zone's clock, across daylight-saving changes both ways", () => {
		const berlin = new ExcelDates('Europe/Berlin');
		// 2026-03-29: clocks go from 02:00 to 03:00 (01:00 UTC); 2026-10-25: from 03:00 back to 02:00.
		expect(berlin.serialOf(new Date('2026-03-29T00:59:59Z'))).toBeCloseTo(serial(2026, 3, 29, 1, 59, 59), 9);
		expect(berlin.serialOf(new Date('2026-03-29T01:00:00Z'))).toBeCloseTo(serial(2026, 3, 29, 3), 9);
		expect(berlin.serialOf(new Date('2026-10-25T00:59:59Z'))).toBeCloseTo(serial(2026, 10, 25, 2, 59, 59), 9);
		expect(berlin.serialOf(new Date('2026-10-25T01:00:00Z'))).toBeCloseTo(serial(2026, 10, 25, 2), 9);
		const kolkata = new ExcelDates('Asia/Kolkata');
		expect(kolkata.serialOf(new Date('2026-06-01T00:00:00Z'))).toBeCloseTo(serial(2026, 6, 1, 5, 30), 9);
	});

	it('leaves out what Excel cannot show, and refuses an unknown time zone', () => {
		const utc = new ExcelDates('UTC');
		expect(utc.serialOf(new Date('1900-02-28T00:00:00Z'))).toBeUndefined();
		expect(utc.serialOf(new Date('not a date'))).toBeUndefined();
		expect(() => new ExcelDates('Mars/Olympus')).toThrow(RangeError);
	});
});
