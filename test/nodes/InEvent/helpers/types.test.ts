import type { INode } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { toTypedOutput, toUnixSeconds, toZeroOne } from '../../../../nodes/InEvent/helpers/types';
import { slugify } from '../../../../nodes/InEvent/helpers/slug';

const node = { name: 'InEvent' } as INode;

describe('toUnixSeconds', () => {
	it.each([
		['Unix seconds', 1767258000, '1767258000'],
		['Unix seconds as text', '1767258000', '1767258000'],
		['Unix milliseconds', 1767258000123, '1767258000'],
		['ISO 8601 UTC', '2026-01-01T09:00:00Z', '1767258000'],
		['ISO 8601 with offset', '2026-01-01T10:00:00+01:00', '1767258000'],
		['n8n DateTime', DateTime.fromISO('2026-01-01T09:00:00Z'), '1767258000'],
		['JS Date', new Date('2026-01-01T09:00:00Z'), '1767258000'],
	])('accepts %s', (_label, value, expected) => {
		expect(toUnixSeconds(node, 0, 'Date Begin', value)).toBe(expected);
	});

	it.each([['next tuesday'], ['01/02/2026'], [''], [true], [DateTime.fromISO('nonsense')]])(
		'refuses %p naming the item and field',
		(value) => {
			expect(() => toUnixSeconds(node, 3, 'Date Begin', value)).toThrow(/^\[item 3\] Date Begin must be a date/);
		},
	);
});

describe('booleans and typed output', () => {
	it('sends booleans as 0/1', () => {
		expect([true, false, 1, 0, '1', 'true', 'false'].map(toZeroOne)).toEqual(['1', '0', '1', '0', '1', '1', '0']);
	});

	it('types known fields and keeps IDs as strings', () => {
		const typed = toTypedOutput(
			{
				eventID: '73565',
				visible: '1',
				public: '0',
				dateBegin: '1767258000',
				enrollmentEnd: '0',
				eventDays: '14',
				name: 'X',
			},
			{ booleans: ['visible', 'public'], timestamps: ['dateBegin', 'enrollmentEnd'], numbers: ['eventDays'] },
		);
		expect(typed).toEqual({
			eventID: '73565',
			visible: true,
			public: false,
			dateBegin: '2026-01-01T09:00:00.000Z',
			enrollmentEnd: null,
			eventDays: 14,
			name: 'X',
		});
	});
});

describe('slugify', () => {
	it('makes URL-safe nicknames', () => {
		expect(slugify('Café Summit — 2027!')).toBe('cafe-summit-2027');
		expect(slugify('   ')).toBe('');
	});
});
