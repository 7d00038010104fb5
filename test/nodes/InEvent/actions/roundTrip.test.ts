import { mulberry32 } from '../../../../sandbox/faults/random';
import { byId, run, SANDBOX_FIXTURES, useRaisedLimits, useSandbox } from '../../../harness/useSandbox';

const { eventA, eventB } = SANDBOX_FIXTURES;
const env = useSandbox();
useRaisedLimits({ perTokenPerSecond: 100 });

const PIECES = [
	'&',
	'=',
	'#',
	'+',
	'%',
	'?',
	'/',
	';',
	',',
	'"',
	"'",
	'\\',
	'\n',
	'\t',
	'<b>',
	'%20',
	'é',
	'ß',
	'Ø',
	'中文',
	'العربية',
	'e\u0301',
	'😀',
	'👩‍💻',
	' ',
	'a',
	'Z',
	'0',
	'$2a$',
];

function randomText(random: () => number, length: number): string {
	let text = '';
	while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
	// Values are compared as sent; InEvent trims the edges of a name, so keep them solid.
	return `x${text}x`;
}

describe('values round-trip exactly (unicode, separators, newlines, long text)', () => {
	it('30 attendees with random names and companies come back exactly as sent', async () => {
		const random = mulberry32(20261128);
		const people = Array.from({ length: 30 }, (_, index) => ({
			name: randomText(random, 5 + Math.floor(random() * 40)),
			company: randomText(random, 1 + Math.floor(random() * 60)),
			email: `fuzz.${index}@example.test`,
		}));
		const output = await run(
			env.credential(),
			{
				resource: 'attendee',
				operation: 'create',
				eventId: byId(eventB.eventId),
				name: '={{ $json.name }}',
				email: '={{ $json.email }}',
				additionalFields: { company: '={{ $json.company }}' },
				options: { maxRequestsPerSecond: 100 },
			},
			people,
		);
		expect(output.map((item) => [item.json.name, item.json.company])).toEqual(
			people.map((person) => [person.name, person.company]),
		);
		for (const person of people) {
			const stored = env.sandbox().store.findPersonByEmail(person.email);
			expect([stored?.name, stored?.company]).toEqual([person.name, person.company]);
		}
	});

	it('a 10,000-character description with every separator survives event.edit and event.get', async () => {
		const description = randomText(mulberry32(7), 10_000);
		const credential = env.credential();
		await run(credential, {
			resource: 'event',
			operation: 'update',
			eventId: byId(eventA.eventId),
			updateFields: { description },
		});
		const [event] = await run(credential, {
			resource: 'event',
			operation: 'get',
			eventId: byId(eventA.eventId),
			simple: false,
		});
		expect(event.json.description).toBe(description);
		expect(String(event.json.description).length).toBeGreaterThanOrEqual(10_000);
	});
});
