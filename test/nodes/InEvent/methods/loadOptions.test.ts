import { loadOptions } from '../../../harness/runNode';
import { byId, requestsOf, SANDBOX_FIXTURES, useSandbox } from '../../../harness/useSandbox';

const { eventA, eventB } = SANDBOX_FIXTURES;
const env = useSandbox();

describe('load options (pick by name)', () => {
	it("lists the event's custom fields that have an API field key, by question", async () => {
		const options = await loadOptions('getCustomFields', env.credential(), { eventId: byId(eventA.eventId) });
		expect(options).toEqual([
			{ name: 'Company VAT ID', value: 'company_vat_id', description: 'API field key: company_vat_id' },
			{ name: 'Dietary needs', value: 'dietary_needs', description: 'API field key: dietary_needs' },
			{ name: 'T-shirt size', value: 'tshirt_size', description: 'API field key: tshirt_size' },
		]);
		expect(requestsOf(env.sandbox(), 'feedback.find')[0].query).toMatchObject({
			eventID: eventA.eventId,
			selection: 'all',
		});
	});

	it("lists the event's tags by name, valued by tag ID", async () => {
		const options = await loadOptions('getTags', env.credential(), { eventId: byId(eventB.eventId) });
		expect(options).toEqual([
			{ name: 'VIP', value: '6', description: 'Tag ID 6' },
			{ name: 'Workshop', value: '7', description: 'Tag ID 7' },
		]);
	});

	it('lists nothing, and calls nothing, before an event is chosen', async () => {
		expect(await loadOptions('getTags', env.credential(), { eventId: byId('') })).toEqual([]);
		expect(await loadOptions('getCustomFields', env.credential(), {})).toEqual([]);
		expect(env.sandbox().requests.filter((entry) => entry.action !== 'person.signIn')).toEqual([]);
	});
});
