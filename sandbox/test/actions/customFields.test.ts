import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, eventA, eventB, otherEvent, customFields } = SANDBOX_FIXTURES;
const { dietaryNeeds, tshirtSize, companyVatId, heardAboutUs, eventBDietaryNeeds, eventBWorkshop } = customFields;

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const findFields = (query: Params, as: string = token) =>
	call(sandbox, 'feedback.find', { token: as, query: { eventID: eventA.eventId, selection: 'all', ...query } });
const respond = (content: unknown, query: Params = { personID: collector.personId }, as: string = token) =>
	call(sandbox, 'feedback.respond', {
		token: as,
		query: { eventID: eventA.eventId, ...query },
		body: { content: typeof content === 'string' ? content : JSON.stringify(content) },
	});
const bind = (body: Params) => call(sandbox, 'event.person.bind', { token, query: { eventID: eventA.eventId }, body });
const operate = (personID: string, query: Params, body: Params) =>
	call(sandbox, 'event.person.operate', { token, query: { eventID: eventA.eventId, personID, ...query }, body });
const getAttendee = (personID: string, as: string = token) =>
	call(sandbox, 'event.person.get', { token: as, query: { eventID: eventA.eventId, personID } });

/** The stored answers of an attendee of eventA, by feedbackID. */
const storedAnswers = (personID: string): Record<string, string> =>
	Object.fromEntries(sandbox.store.getMembership(eventA.eventId, personID)?.answers ?? []);

/** `feedbacks` of an attendee row as feedbackID → value. */
function answersOf(row: Record<string, unknown>): Record<string, string> {
	const feedbacks = row.feedbacks as Array<{ feedbackID: string; value: string }>;
	return Object.fromEntries(feedbacks.map((entry) => [entry.feedbackID, entry.value]));
}

describe('feedback.find', () => {
	it("lists the event's custom fields by feedbackID, with their API Field key and type, all strings", async () => {
		const result = await findFields({});
		const rows = rowsOf(result);
		expect(rows).toEqual(
			[dietaryNeeds, tshirtSize, companyVatId, heardAboutUs].map((field) => ({
				feedbackID: field.feedbackId,
				eventID: eventA.eventId,
				text: field.text,
				subtitle: '',
				type: field.type,
				apiKey: field.apiKey,
				dateCreated: expect.stringMatching(/^\d+$/) as unknown as string,
			})),
		);
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(rows.find((row) => row.feedbackID === heardAboutUs.feedbackId)?.apiKey).toBe('');
		const inB = rowsOf(await findFields({ eventID: eventB.eventId }));
		expect(inB.map((row) => row.apiKey)).toEqual(['dietary_needs', 'workshop']);
	});

	it('pages with limit/offset', async () => {
		const page = rowsOf(await findFields({ limit: '2', offset: '2' }));
		expect(page.map((row) => row.feedbackID)).toEqual([companyVatId.feedbackId, heardAboutUs.feedbackId]);
		expect((await findFields({ limit: '0' })).status).toBe(400);
	});

	it('requires selection, and knows only all', async () => {
		const missing = await call(sandbox, 'feedback.find', { token, query: { eventID: eventA.eventId } });
		expect(errorMessage(missing)).toBe('selection is a required parameter');
		expect(errorMessage(await findFields({ selection: 'registration' }))).toBe('selection registration is not valid');
		expect(errorMessage(await findFields({ selection: 'all|tags:1' }))).toBe('selection tags:1 is not valid');
	});

	it('is readable by any caller who reaches the event, and by no one else', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		expect(rowsOf(await findFields({}, ana))).toHaveLength(4);
		expect((await findFields({ eventID: otherEvent.eventId })).status).toBe(401);
		expect((await findFields({ eventID: eventB.eventId }, ana)).status).toBe(401);
		const anonymous = await call(sandbox, 'feedback.find', { query: { eventID: eventA.eventId, selection: 'all' } });
		expect(anonymous.status).toBe(401);
		expect((await findFields({ eventID: '999999' })).status).toBe(400);
	});
});

describe('feedback.respond', () => {
	it('writes answers given as [{feedbackID, value}], a field without API Field included', async () => {
		const rows = rowsOf(
			await respond([
				{ feedbackID: Number(dietaryNeeds.feedbackId), value: 'Vegan' },
				{ feedbackID: heardAboutUs.feedbackId, value: '  A friend  ' },
			]),
		);
		expect(rows).toEqual([
			{
				feedbackID: dietaryNeeds.feedbackId,
				eventID: eventA.eventId,
				personID: collector.personId,
				apiKey: dietaryNeeds.apiKey,
				text: dietaryNeeds.text,
				type: dietaryNeeds.type,
				value: 'Vegan',
			},
			expect.objectContaining({ feedbackID: heardAboutUs.feedbackId, apiKey: '', value: 'A friend' }),
		]);
		expect(storedAnswers(collector.personId)).toEqual({
			[dietaryNeeds.feedbackId]: 'Vegan',
			[heardAboutUs.feedbackId]: 'A friend',
		});
	});

	it('writes answers given as {"f_<API field>": value}; numbers and booleans become strings', async () => {
		rowsOf(await respond({ f_tshirt_size: 'XL', f_company_vat_id: 123456789, f_dietary_needs: true }));
		expect(storedAnswers(collector.personId)).toEqual({
			[tshirtSize.feedbackId]: 'XL',
			[companyVatId.feedbackId]: '123456789',
			[dietaryNeeds.feedbackId]: '1',
		});
	});

	it('refuses an unknown field by naming it, and then writes nothing', async () => {
		const byId = await respond([
			{ feedbackID: dietaryNeeds.feedbackId, value: 'Vegan' },
			{ feedbackID: '9999', value: 'x' },
		]);
		expect(byId.status).toBe(400);
		expect(errorMessage(byId)).toBe("Couldn't find the feedbackID 9999");
		const otherEventsField = await respond([{ feedbackID: eventBDietaryNeeds.feedbackId, value: 'x' }]);
		expect(errorMessage(otherEventsField)).toBe(`Couldn't find the feedbackID ${eventBDietaryNeeds.feedbackId}`);
		const byKey = await respond({ f_dietary_needs: 'Vegan', f_shoe_size: '42' });
		expect(byKey.status).toBe(400);
		expect(errorMessage(byKey)).toBe("Couldn't find the custom field f_shoe_size");
		expect(errorMessage(await respond({ dietary_needs: 'Vegan' }))).toBe(
			"Couldn't find the custom field dietary_needs",
		);
		expect(errorMessage(await respond({ f_: 'x' }))).toBe("Couldn't find the custom field f_");
		expect(errorMessage(await respond({ F_DIETARY_NEEDS: 'x' }))).toBe(
			"Couldn't find the custom field F_DIETARY_NEEDS",
		);
		expect(storedAnswers(collector.personId)).toEqual({});
	});

	it('validates content', async () => {
		const emptyBody = await call(sandbox, 'feedback.respond', {
			token,
			query: { eventID: eventA.eventId, personID: collector.personId },
			body: {},
		});
		expect(errorMessage(emptyBody)).toBe('content cannot be empty');
		expect(errorMessage(await respond([]))).toBe('content cannot be empty');
		expect(errorMessage(await respond({}))).toBe('content cannot be empty');
		expect(errorMessage(await respond('not json'))).toMatch(/^content must be a JSON array/);
		expect(errorMessage(await respond('"Vegan"'))).toMatch(/^content must be a JSON array/);
		expect(errorMessage(await respond([{ value: 'x' }]))).toBe(
			'content[0] must be an object with feedbackID and value',
		);
		expect(errorMessage(await respond([{ feedbackID: 'abc', value: 'x' }]))).toBe(
			'content[0].feedbackID must be a numeric ID',
		);
		expect(errorMessage(await respond([{ feedbackID: dietaryNeeds.feedbackId, value: ['a'] }]))).toBe(
			'content[0].value must be a string or a number',
		);
		expect(errorMessage(await respond({ f_dietary_needs: null }))).toBe(
			'content.f_dietary_needs must be a string or a number',
		);
		const twice = await respond([
			{ feedbackID: dietaryNeeds.feedbackId, value: 'a' },
			{ feedbackID: dietaryNeeds.feedbackId, value: 'b' },
		]);
		expect(errorMessage(twice)).toBe(`content lists feedbackID ${dietaryNeeds.feedbackId} twice`);
		expect(storedAnswers(collector.personId)).toEqual({});
	});

	it("clears an answer with an empty value and moves the link's dateUpdated only", async () => {
		const now = sandbox.now() + 100;
		sandbox.setClock(now);
		const personBefore = sandbox.store.persons.get(attendee.personId)?.dateUpdated;
		rowsOf(await respond({ f_dietary_needs: '' }, { personID: attendee.personId }));
		expect(storedAnswers(attendee.personId)).toEqual({ [tshirtSize.feedbackId]: 'M' });
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.dateUpdated).toBe(now);
		expect(sandbox.store.persons.get(attendee.personId)?.dateUpdated).toBe(personBefore);
	});

	it('lets an attendee answer for themself only; an Admin answers for anyone', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		rowsOf(await respond({ f_tshirt_size: 'S' }, {}, ana));
		expect(storedAnswers(attendee.personId)[tshirtSize.feedbackId]).toBe('S');
		const onColin = await respond({ f_tshirt_size: 'S' }, { personID: collector.personId }, ana);
		expect(onColin.status).toBe(401);
		expect(storedAnswers(collector.personId)).toEqual({});
		expect(errorMessage(await respond({ f_tshirt_size: 'S' }, { personID: '999999' }))).toBe(
			"Couldn't find the personID",
		);
	});
});

describe('custom fields on event.person.bind and event.person.operate', () => {
	it('bind stores f_<API field> body attributes as answers', async () => {
		const [row] = rowsOf(
			await bind({ name: 'Fay Fields', email: 'fay@sandbox.test', f_dietary_needs: 'Gluten-free', f_tshirt_size: 'L' }),
		);
		const personID = str(row, 'personID');
		expect(storedAnswers(personID)).toEqual({ [dietaryNeeds.feedbackId]: 'Gluten-free', [tshirtSize.feedbackId]: 'L' });
		expect(answersOf(row)).toEqual({
			[dietaryNeeds.feedbackId]: 'Gluten-free',
			[tshirtSize.feedbackId]: 'L',
			[companyVatId.feedbackId]: '',
			[heardAboutUs.feedbackId]: '',
		});
	});

	it('bind refuses an unknown f_ key by name before creating anyone, also for an existing attendee', async () => {
		const count = sandbox.store.countAttendees(eventA.eventId);
		const unknown = await bind({ name: 'Fay Fields', email: 'fay@sandbox.test', f_shoe_size: '42' });
		expect(unknown.status).toBe(400);
		expect(errorMessage(unknown)).toBe("Couldn't find the custom field f_shoe_size");
		expect(sandbox.store.findPersonByEmail('fay@sandbox.test')).toBeUndefined();
		const existing = await bind({ name: 'Ana Attendee', email: attendee.username, f_shoe_size: '42' });
		expect(errorMessage(existing)).toBe("Couldn't find the custom field f_shoe_size");
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(count);
	});

	it('bind returns an existing attendee unchanged, answers included', async () => {
		const [row] = rowsOf(await bind({ name: 'Ana Attendee', email: attendee.username, f_dietary_needs: 'Vegan' }));
		expect(row.personID).toBe(attendee.personId);
		expect(storedAnswers(attendee.personId)[dietaryNeeds.feedbackId]).toBe('Vegetarian');
	});

	it('operate answers one field with key=f_<API field>, and clears it with an empty value', async () => {
		const [row] = rowsOf(await operate(collector.personId, { key: 'f_company_vat_id' }, { value: 'PT123456789' }));
		expect(answersOf(row)[companyVatId.feedbackId]).toBe('PT123456789');
		expect(storedAnswers(collector.personId)).toEqual({ [companyVatId.feedbackId]: 'PT123456789' });
		rowsOf(await operate(collector.personId, { key: 'f_company_vat_id' }, { value: '' }));
		expect(storedAnswers(collector.personId)).toEqual({});
		const unknown = await operate(collector.personId, { key: 'f_shoe_size' }, { value: '42' });
		expect(unknown.status).toBe(400);
		expect(errorMessage(unknown)).toBe("Couldn't find the custom field f_shoe_size");
	});

	it('operate content mixes attendee keys and f_ keys, all or nothing', async () => {
		const content = JSON.stringify({ company: 'Acme', f_tshirt_size: 'XS', f_dietary_needs: 'None' });
		const [row] = rowsOf(await operate(collector.personId, {}, { content }));
		expect(row.company).toBe('Acme');
		expect(storedAnswers(collector.personId)).toEqual({
			[tshirtSize.feedbackId]: 'XS',
			[dietaryNeeds.feedbackId]: 'None',
		});
		const refused = await operate(
			collector.personId,
			{},
			{ content: JSON.stringify({ company: 'Globex', f_tshirt_size: 'XL', f_workshop: 'A' }) },
		);
		expect(refused.status).toBe(400);
		expect(errorMessage(refused)).toBe("Couldn't find the custom field f_workshop");
		expect(sandbox.store.persons.get(collector.personId)?.company).toBe('Acme');
		expect(storedAnswers(collector.personId)[tshirtSize.feedbackId]).toBe('XS');
	});

	it('a field without an API Field key has no f_ form', async () => {
		expect((await operate(collector.personId, { key: 'f_' }, { value: 'x' })).status).toBe(400);
		expect(storedAnswers(collector.personId)).toEqual({});
	});
});

describe('answers in the full profile', () => {
	it('event.person.get shows every field of the event with the answer, "" when unanswered', async () => {
		const [row] = rowsOf(await getAttendee(attendee.personId));
		expect(row.feedbacks).toEqual([
			{
				feedbackID: dietaryNeeds.feedbackId,
				apiKey: 'dietary_needs',
				text: 'Dietary needs',
				type: 'text',
				value: 'Vegetarian',
			},
			{ feedbackID: tshirtSize.feedbackId, apiKey: 'tshirt_size', text: 'T-shirt size', type: 'select', value: 'M' },
			{
				feedbackID: companyVatId.feedbackId,
				apiKey: 'company_vat_id',
				text: 'Company VAT ID',
				type: 'text',
				value: '',
			},
			{ feedbackID: heardAboutUs.feedbackId, apiKey: '', text: 'How did you hear about us?', type: 'text', value: '' },
		]);
	});

	it('event.person.find has them with fullProfile=1 only', async () => {
		const find = (query: Params) =>
			call(sandbox, 'event.person.find', { token, query: { eventID: eventA.eventId, selection: 'all', ...query } });
		const full = rowsOf(await find({ fullProfile: '1' }));
		const ana = full.find((row) => row.personID === attendee.personId);
		expect(ana && answersOf(ana)[tshirtSize.feedbackId]).toBe('M');
		expect(full.every((row) => Array.isArray(row.feedbacks) && row.feedbacks.length === 4)).toBe(true);
		const plain = rowsOf(await find({}));
		expect(plain.some((row) => 'feedbacks' in row)).toBe(false);
	});

	it('a non-Admin sees the standard fields of others (no answers) and their own full profile', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		const [self] = rowsOf(await getAttendee(attendee.personId, ana));
		expect(answersOf(self)[dietaryNeeds.feedbackId]).toBe('Vegetarian');
		const [other] = rowsOf(await getAttendee(collector.personId, ana));
		expect(other).not.toHaveProperty('feedbacks');
	});

	it('answers belong to the event link: another event shows its own fields, a new link starts empty', async () => {
		const inB = await call(sandbox, 'event.person.get', {
			token,
			query: { eventID: eventB.eventId, personID: attendee.personId },
		});
		expect(answersOf(rowsOf(inB)[0])).toEqual({ [eventBDietaryNeeds.feedbackId]: '', [eventBWorkshop.feedbackId]: '' });
		await call(sandbox, 'event.person.dismiss', {
			token,
			query: { eventID: eventA.eventId, personID: attendee.personId },
		});
		const [again] = rowsOf(await bind({ name: 'Ana Attendee', email: attendee.username }));
		expect(Object.values(answersOf(again)).every((value) => value === '')).toBe(true);
	});
});
