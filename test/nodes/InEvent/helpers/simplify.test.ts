import { simplifyRecord } from '../../../../nodes/InEvent/helpers/simplify';
import { ATTENDEE_SIMPLE } from '../../../../nodes/InEvent/actions/attendee/attendee.fields';
import { EVENT_SIMPLE } from '../../../../nodes/InEvent/actions/event/event.fields';
import { SESSION_SIMPLE } from '../../../../nodes/InEvent/actions/session/session.fields';

describe('simplifyRecord', () => {
	it("keeps only the spec's fields, in the spec's order, whatever the record's order", () => {
		const simple = simplifyRecord(
			{ extra: 'x', dateUpdated: '2', email: 'a@b.c', personID: '7', feedbacks: [{ text: 'Q' }] },
			ATTENDEE_SIMPLE,
		);
		expect(simple).toEqual({ personID: '7', email: 'a@b.c', dateUpdated: '2' });
		expect(Object.keys(simple)).toEqual(['personID', 'email', 'dateUpdated']);
	});

	it('leaves a missing field out and never makes one up; keeps empty and null values the record has', () => {
		const simple = simplifyRecord({ eventID: '1', name: '', timezone: null }, EVENT_SIMPLE);
		expect(simple).toEqual({ eventID: '1', name: '', timezone: null });
		expect(simple).not.toHaveProperty('attendeesCount');
		expect(simplifyRecord({}, EVENT_SIMPLE)).toEqual({});
	});

	it('cuts a session description to 300 characters, and leaves a shorter one as it is', () => {
		const long = simplifyRecord({ activityID: '1', description: 'a'.repeat(301) }, SESSION_SIMPLE);
		expect(long.description).toHaveLength(300);
		expect(String(long.description).endsWith('…')).toBe(true);
		const exact = 'b'.repeat(300);
		expect(simplifyRecord({ description: exact }, SESSION_SIMPLE).description).toBe(exact);
		expect(simplifyRecord({ description: 'short' }, SESSION_SIMPLE).description).toBe('short');
	});

	it('does not change the record it is given', () => {
		const record = { activityID: '1', enrolled: '3', dateCreated: '5' };
		simplifyRecord(record, SESSION_SIMPLE);
		expect(record).toEqual({ activityID: '1', enrolled: '3', dateCreated: '5' });
	});
});
