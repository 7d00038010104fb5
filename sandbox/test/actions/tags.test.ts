import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, collector, eventA, eventB, otherEvent, tags } = SANDBOX_FIXTURES;

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

const findTags = (query: Params, as: string = token) =>
	call(sandbox, 'tag.find', { token: as, query: { eventID: eventA.eventId, selection: 'all', ...query } });
const createTag = (body: Params, eventID: string = eventA.eventId, as: string = token) =>
	call(sandbox, 'tag.create', { token: as, query: { eventID }, body });
const personTag = (action: 'bind' | 'dismiss', query: Params, as: string = token) =>
	call(sandbox, `person.tag.${action}`, { token: as, query });
const operate = (personID: string, value: string) =>
	call(sandbox, 'event.person.operate', {
		token,
		query: { eventID: eventA.eventId, personID, key: 'tagIDs' },
		body: { value },
	});
const tagsOf = (personID: string, eventID: string = eventA.eventId) =>
	sandbox.store.getMembership(eventID, personID)?.tagIDs;

describe('tag.find', () => {
	it("lists the event's tags by tagID, all strings", async () => {
		const result = await findTags({});
		expect(rowsOf(result)).toEqual(
			[tags.vip, tags.speaker, tags.press, tags.sponsor, tags.staff].map((tag) => ({
				tagID: tag.tagId,
				eventID: eventA.eventId,
				name: tag.name,
				color: tag.color,
				dateCreated: expect.stringMatching(/^\d+$/) as unknown as string,
			})),
		);
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(rowsOf(await findTags({ eventID: eventB.eventId })).map((tag) => tag.name)).toEqual(['VIP', 'Workshop']);
	});

	it('pages, requires selection (only all), and is readable by anyone who reaches the event', async () => {
		expect(rowsOf(await findTags({ limit: '2', offset: '3' })).map((tag) => tag.tagID)).toEqual(['4', '5']);
		const missing = await call(sandbox, 'tag.find', { token, query: { eventID: eventA.eventId } });
		expect(errorMessage(missing)).toBe('selection is a required parameter');
		expect(errorMessage(await findTags({ selection: 'attendees' }))).toBe('selection attendees is not valid');
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		expect(rowsOf(await findTags({}, ana))).toHaveLength(5);
		expect((await findTags({ eventID: otherEvent.eventId })).status).toBe(401);
	});
});

describe('tag.create', () => {
	it('creates a tag of the event (IDs from 101), colour stored lower case', async () => {
		const [created] = rowsOf(await createTag({ name: '  Early Bird ', color: '#FFA000' }));
		expect(created).toMatchObject({ tagID: '101', eventID: eventA.eventId, name: 'Early Bird', color: '#ffa000' });
		expect(sandbox.store.tags.get('101')).toMatchObject({ eventID: eventA.eventId, name: 'Early Bird' });
		expect(rowsOf(await findTags({})).map((tag) => tag.tagID)).toContain('101');
	});

	it('refuses a name already used in the event (case-insensitive), but not in another event', async () => {
		const dupe = await createTag({ name: 'vip', color: '#000000' });
		expect(dupe.status).toBe(400);
		expect(errorMessage(dupe)).toBe('tag vip already exists');
		expect(rowsOf(await createTag({ name: 'Press', color: '#000000' }, eventB.eventId))[0].eventID).toBe(
			eventB.eventId,
		);
		expect(sandbox.store.tagsOf(eventA.eventId)).toHaveLength(5);
	});

	it('validates name and color, and needs Admin', async () => {
		expect(errorMessage(await createTag({ color: '#000000' }))).toBe('name cannot be empty');
		expect(errorMessage(await createTag({ name: 'No Colour' }))).toBe('color cannot be empty');
		expect(errorMessage(await createTag({ name: 'Bad', color: 'red' }))).toBe(
			'color must be a hex colour like #1e88e5',
		);
		expect((await createTag({ name: 'Bad', color: '#fff' })).status).toBe(400);
		const ana = await tokenFor(sandbox, attendee.username, attendee.password);
		expect((await createTag({ name: 'Mine', color: '#000000' }, eventA.eventId, ana)).status).toBe(401);
		const eventScopeAdmin = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		expect((await createTag({ name: 'Mine', color: '#000000' }, eventA.eventId, eventScopeAdmin)).status).toBe(401);
		expect(sandbox.store.tagsOf(eventA.eventId)).toHaveLength(5);
	});
});

describe('tagIDs on event.person.operate', () => {
	it("replaces the attendee's tags, once each, in the order given; empty clears them", async () => {
		expect(tagsOf(attendee.personId)).toEqual([tags.vip.tagId]);
		const [row] = rowsOf(await operate(attendee.personId, '3, 2,3'));
		expect(row.tagIDs).toBe('3,2');
		expect(tagsOf(attendee.personId)).toEqual(['3', '2']);
		rowsOf(await operate(attendee.personId, ''));
		expect(tagsOf(attendee.personId)).toEqual([]);
	});

	it("refuses an unknown tag, or another event's, by naming it; nothing changes", async () => {
		const unknown = await operate(attendee.personId, '2,999');
		expect(unknown.status).toBe(400);
		expect(errorMessage(unknown)).toBe("Couldn't find the tagID 999");
		expect(errorMessage(await operate(attendee.personId, `2,${tags.eventBVip.tagId}`))).toBe(
			`Couldn't find the tagID ${tags.eventBVip.tagId}`,
		);
		expect(errorMessage(await operate(attendee.personId, 'vip'))).toBe(
			'tagIDs must be a comma-separated list of numeric IDs',
		);
		expect(tagsOf(attendee.personId)).toEqual([tags.vip.tagId]);
	});
});

describe('person.tag.bind / person.tag.dismiss', () => {
	it('adds one tag (last), idempotently, and removes it', async () => {
		const now = sandbox.now() + 100;
		sandbox.setClock(now);
		const [bound] = rowsOf(await personTag('bind', { tagID: tags.press.tagId, personID: attendee.personId }));
		expect(bound).toMatchObject({ personID: attendee.personId, tagIDs: '1,3' });
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.dateUpdated).toBe(now);
		sandbox.advanceClock(5);
		rowsOf(await personTag('bind', { tagID: tags.press.tagId, personID: attendee.personId }));
		expect(tagsOf(attendee.personId)).toEqual(['1', '3']);
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.dateUpdated).toBe(now);
		const [dismissed] = rowsOf(await personTag('dismiss', { tagID: tags.vip.tagId, personID: attendee.personId }));
		expect(dismissed.tagIDs).toBe('3');
		expect(sandbox.store.getMembership(eventA.eventId, attendee.personId)?.dateUpdated).toBe(now + 5);
	});

	it("refuses a tag the attendee lacks, an unknown tag, and a person outside the tag's event", async () => {
		const lacking = await personTag('dismiss', { tagID: tags.staff.tagId, personID: attendee.personId });
		expect(lacking.status).toBe(400);
		expect(errorMessage(lacking)).toBe("Couldn't find the tagID");
		expect(errorMessage(await personTag('bind', { tagID: '999', personID: attendee.personId }))).toBe(
			"Couldn't find the tagID",
		);
		expect(errorMessage(await personTag('bind', { tagID: tags.eventBVip.tagId, personID: collector.personId }))).toBe(
			"Couldn't find the personID",
		);
		expect(errorMessage(await personTag('bind', { personID: collector.personId }))).toBe(
			'tagID is a required parameter',
		);
		expect((await personTag('bind', { tagID: tags.otherEventVip.tagId, personID: attendee.personId })).status).toBe(
			401,
		);
		expect(tagsOf(collector.personId)).toEqual([]);
	});

	it('lets an attendee tag themself (no personID), not others', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		rowsOf(await personTag('bind', { tagID: tags.speaker.tagId }, ana));
		expect(tagsOf(attendee.personId)).toEqual(['1', '2']);
		expect((await personTag('bind', { tagID: tags.speaker.tagId, personID: collector.personId }, ana)).status).toBe(
			401,
		);
		expect(tagsOf(collector.personId)).toEqual([]);
	});

	it("event.person.find's tags filter sees a created and bound tag", async () => {
		const tagID = str(rowsOf(await createTag({ name: 'Early Bird', color: '#ffa000' }))[0], 'tagID');
		rowsOf(await personTag('bind', { tagID, personID: collector.personId }));
		const found = await call(sandbox, 'event.person.find', {
			token,
			query: { eventID: eventA.eventId, selection: `tags:${tagID}` },
		});
		expect(rowsOf(found).map((row) => row.personID)).toEqual([collector.personId]);
	});
});

describe('seeded tags', () => {
	it("generated attendees get the event's tags in turn, none in an event without tags", async () => {
		const inB = sandbox.seedAttendees(eventB.eventId, 4);
		expect(inB.map((id) => tagsOf(id, eventB.eventId))).toEqual([['6'], ['7'], ['6'], ['7']]);
		const [generatedEvent] = sandbox.seedEvents(SANDBOX_FIXTURES.companyId, 1);
		const [person] = sandbox.seedAttendees(generatedEvent, 1);
		expect(tagsOf(person, generatedEvent)).toEqual([]);
	});
});
