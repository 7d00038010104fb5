import { forgetDeliveries, receiveDelivery } from '../../../../nodes/InEventInstantTrigger/instant/repeats';

const delivery = { type: 'eventEnrollment', eventID: 73565, date: 1_900_000_000, data: { personID: '2001' } };

describe('repeated deliveries', () => {
	afterEach(() => forgetDeliveries('scope'));

	it('the same body again within the window is a repeat; after it, a new delivery', () => {
		expect(receiveDelivery('scope', delivery, 300, 1_000).repeated).toBe(false);
		expect(receiveDelivery('scope', structuredClone(delivery), 300, 200_000).repeated).toBe(true);
		expect(receiveDelivery('scope', delivery, 300, 301_001).repeated).toBe(false);
	});

	it('two real changes that differ in one field (a later time, another person) are both delivered', () => {
		expect(receiveDelivery('scope', delivery, 300, 1_000).repeated).toBe(false);
		expect(receiveDelivery('scope', { ...delivery, date: 1_900_000_001 }, 300, 1_001).repeated).toBe(false);
		expect(receiveDelivery('scope', { ...delivery, data: { personID: '2002' } }, 300, 1_002).repeated).toBe(false);
	});

	it('a delivery that failed is forgotten, so InEvent sending it again runs it', () => {
		const first = receiveDelivery('scope', delivery, 300, 1_000);
		first.forget();
		expect(receiveDelivery('scope', delivery, 300, 2_000).repeated).toBe(false);
	});

	it('a window of 0 runs every delivery', () => {
		expect(receiveDelivery('scope', delivery, 0, 1_000).repeated).toBe(false);
		expect(receiveDelivery('scope', delivery, 0, 1_001).repeated).toBe(false);
	});

	it('each trigger keeps its own deliveries', () => {
		expect(receiveDelivery('scope', delivery, 300, 1_000).repeated).toBe(false);
		expect(receiveDelivery('other', delivery, 300, 1_001).repeated).toBe(false);
		forgetDeliveries('other');
	});
});

describe('repeats by the bytes sent', () => {
	afterEach(() => forgetDeliveries('raw'));

	it('the same bytes are a repeat; the same JSON spelt differently is another delivery', () => {
		expect(receiveDelivery('raw', '{"type":"eventEnrollment","personID":"1"}', 300, 1_000).repeated).toBe(false);
		expect(receiveDelivery('raw', '{"type":"eventEnrollment","personID":"1"}', 300, 1_001).repeated).toBe(true);
		expect(receiveDelivery('raw', '{"type": "eventEnrollment", "personID": "1"}', 300, 1_002).repeated).toBe(false);
	});
});
