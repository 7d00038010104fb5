import { withCustomFieldsByName } from '../../../../../nodes/InEvent/actions/attendee/customFields';

describe('custom answers under their field names (Typed Output)', () => {
	it('keys answers by question; two questions with one text get their API key, or feedbackID, in brackets', () => {
		const reshaped = withCustomFieldsByName({
			personID: '1',
			feedbacks: [
				{ feedbackID: '1', apiKey: 'size_day1', text: 'T-shirt size', value: 'M' },
				{ feedbackID: '2', apiKey: '', text: 'T-shirt size', value: 'L' },
				{ feedbackID: '3', apiKey: 'diet', text: '', value: 'Vegan' },
			],
		});
		expect(reshaped).toEqual({
			personID: '1',
			customFields: { 'T-shirt size (size_day1)': 'M', 'T-shirt size (2)': 'L', diet: 'Vegan' },
		});
	});

	it('leaves a record without the full profile as it is', () => {
		expect(withCustomFieldsByName({ personID: '1', name: 'A' })).toEqual({ personID: '1', name: 'A' });
	});
});
