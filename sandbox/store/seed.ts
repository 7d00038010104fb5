import {
	LEVEL,
	newEvent,
	newMembership,
	newPerson,
	type ActivityRecord,
	type EventRecord,
	type FeedbackType,
	type Flag,
} from './records';
import type { SandboxStore } from './store';
import { DAY_SECONDS } from './time';

/**
 * Fixed IDs and fake credentials of the default seed. Passwords are short, obviously fake strings.
 * - `companyId`: the admin's company with eventA and eventB.
 * - `emptyCompanyId`: a second company the admin also administers, with no events (for exact paging).
 * - `otherCompanyId`: a company the admin has no rights on, with `otherEvent`.
 */
export const SANDBOX_FIXTURES = {
	companyId: '1001',
	emptyCompanyId: '1002',
	otherCompanyId: '1003',
	admin: {
		personId: '1330',
		name: 'Sandy Admin',
		username: 'admin@sandbox.test',
		password: 'sandbox-admin-pw',
	},
	attendee: {
		personId: '1331',
		name: 'Ana Attendee',
		username: 'ana@sandbox.test',
		password: 'sandbox-ana-pw',
		eventPassword: 'sandbox-ana-event-pw',
		/** Her answers in eventA, by custom field (see `customFields`). */
		eventAAnswers: { dietaryNeeds: 'Vegetarian', tshirtSize: 'M' },
		/** Her tags in eventA. */
		eventATagIds: ['1'],
	},
	collector: {
		personId: '1332',
		name: 'Colin Collector',
		username: 'collector@sandbox.test',
		password: 'sandbox-collector-pw',
	},
	otherAdmin: {
		personId: '1333',
		name: 'Otto Other',
		username: 'other-admin@sandbox.test',
		password: 'sandbox-other-pw',
	},
	/** eventA: the admin is linked as Admin with an Event-scope password; Ana is a User; Colin a Data Collector. */
	eventA: {
		eventId: '73565',
		name: 'Sandbox Conference',
		nickname: 'sandbox-conference',
		eventPassword: 'sandbox-event-pw',
	},
	/** eventB: same company; Ana is a User here too. */
	eventB: {
		eventId: '73566',
		name: 'Sandbox Summit',
		nickname: 'sandbox-summit',
	},
	/** An event of otherCompany. */
	otherEvent: {
		eventId: '73567',
		name: 'Other Expo',
		nickname: 'other-expo',
	},
	/**
	 * Custom registration fields (`feedback.find`). `apiKey` is the "API Field" (answers use `f_<apiKey>`);
	 * `heardAboutUs` has none, so only its feedbackID reaches it. The same key may exist in two events.
	 */
	customFields: {
		dietaryNeeds: {
			feedbackId: '4001',
			eventId: '73565',
			text: 'Dietary needs',
			apiKey: 'dietary_needs',
			type: 'text',
		},
		tshirtSize: { feedbackId: '4002', eventId: '73565', text: 'T-shirt size', apiKey: 'tshirt_size', type: 'select' },
		companyVatId: {
			feedbackId: '4003',
			eventId: '73565',
			text: 'Company VAT ID',
			apiKey: 'company_vat_id',
			type: 'text',
		},
		heardAboutUs: {
			feedbackId: '4004',
			eventId: '73565',
			text: 'How did you hear about us?',
			apiKey: '',
			type: 'text',
		},
		eventBDietaryNeeds: {
			feedbackId: '4005',
			eventId: '73566',
			text: 'Dietary needs',
			apiKey: 'dietary_needs',
			type: 'text',
		},
		eventBWorkshop: {
			feedbackId: '4006',
			eventId: '73566',
			text: 'Workshop choice',
			apiKey: 'workshop',
			type: 'select',
		},
		otherEventBadgeName: {
			feedbackId: '4007',
			eventId: '73567',
			text: 'Name on badge',
			apiKey: 'badge_name',
			type: 'text',
		},
	},
	/** Attendee tags (`tag.find`). Generated attendees of an event get its tags in turn (eventA: 1–5). */
	tags: {
		vip: { tagId: '1', eventId: '73565', name: 'VIP', color: '#d4af37' },
		speaker: { tagId: '2', eventId: '73565', name: 'Speaker', color: '#1e88e5' },
		press: { tagId: '3', eventId: '73565', name: 'Press', color: '#8e24aa' },
		sponsor: { tagId: '4', eventId: '73565', name: 'Sponsor', color: '#43a047' },
		staff: { tagId: '5', eventId: '73565', name: 'Staff', color: '#e53935' },
		eventBVip: { tagId: '6', eventId: '73566', name: 'VIP', color: '#d4af37' },
		eventBWorkshop: { tagId: '7', eventId: '73566', name: 'Workshop', color: '#00897b' },
		otherEventVip: { tagId: '8', eventId: '73567', name: 'VIP', color: '#d4af37' },
	},
} as const;

export type CustomFieldFixture = keyof typeof SANDBOX_FIXTURES.customFields;

export interface SeedSize {
	seedEvents?: number;
	seedAttendees?: number;
}

/**
 * When generated records are dated. `now` is the sandbox clock in Unix seconds. `spread`: dates
 * lie in the past 30 days (the real-clock default, for varied data); otherwise every record is
 * stamped with `now` exactly (a frozen clock: "250 registrations within one second").
 */
export interface SeedTime {
	now: number;
	spread: boolean;
}

const FIXTURE_AGE_SECONDS = 7 * DAY_SECONDS;

function addFixturePerson(
	store: SandboxStore,
	fixture: { personId: string; name: string; username: string; password: string },
	now: number,
): void {
	store.addPerson(
		newPerson({
			personID: fixture.personId,
			name: fixture.name,
			username: fixture.username,
			email: fixture.username,
			password: fixture.password,
			now: now - FIXTURE_AGE_SECONDS,
		}),
	);
}

function addFixtureEvent(
	store: SandboxStore,
	fields: { eventId: string; companyId: string; name: string; nickname: string; beginOffset: number; days: number },
	now: number,
): EventRecord {
	const event = newEvent({
		eventID: fields.eventId,
		companyID: fields.companyId,
		name: fields.name,
		nickname: fields.nickname,
		creatorID: SANDBOX_FIXTURES.admin.personId,
		now: now - FIXTURE_AGE_SECONDS,
	});
	event.dateBegin = now + fields.beginOffset;
	event.dateEnd = event.dateBegin + fields.days * DAY_SECONDS;
	event.city = 'Lisbon';
	store.addEvent(event);
	return event;
}

function link(store: SandboxStore, eventID: string, personID: string, level: number, now: number): void {
	store.addMembership(newMembership(eventID, personID, level, now - FIXTURE_AGE_SECONDS));
}

/** The default seed at `now` (Unix seconds). Dates are a week in the past so tests can tell fresh writes apart. */
export function seedDefaults(store: SandboxStore, size: SeedSize, now: number): void {
	const f = SANDBOX_FIXTURES;
	for (const person of [f.admin, f.attendee, f.collector, f.otherAdmin]) addFixturePerson(store, person, now);
	const companies: Array<[string, string, string, string]> = [
		[f.companyId, 'Sandbox Company', 'sandbox-company', f.admin.personId],
		[f.emptyCompanyId, 'Sandbox Empty Company', 'sandbox-empty', f.admin.personId],
		[f.otherCompanyId, 'Other Company', 'other-company', f.otherAdmin.personId],
	];
	for (const [companyID, name, nickname, adminID] of companies) {
		store.addCompany({
			companyID,
			name,
			nickname,
			adminPersonIDs: new Set([adminID]),
			dateCreated: now - FIXTURE_AGE_SECONDS,
			dateUpdated: now - FIXTURE_AGE_SECONDS,
		});
	}
	const eventA = addFixtureEvent(
		store,
		{
			eventId: f.eventA.eventId,
			companyId: f.companyId,
			name: f.eventA.name,
			nickname: f.eventA.nickname,
			beginOffset: -DAY_SECONDS,
			days: 3,
		},
		now,
	);
	eventA.tagIDs = ['1'];
	addFixtureEvent(
		store,
		{
			eventId: f.eventB.eventId,
			companyId: f.companyId,
			name: f.eventB.name,
			nickname: f.eventB.nickname,
			beginOffset: 30 * DAY_SECONDS,
			days: 1,
		},
		now,
	);
	const other = addFixtureEvent(
		store,
		{
			eventId: f.otherEvent.eventId,
			companyId: f.otherCompanyId,
			name: f.otherEvent.name,
			nickname: f.otherEvent.nickname,
			beginOffset: 10 * DAY_SECONDS,
			days: 2,
		},
		now,
	);
	other.creatorID = f.otherAdmin.personId;

	link(store, f.eventA.eventId, f.admin.personId, LEVEL.admin, now);
	link(store, f.eventA.eventId, f.attendee.personId, LEVEL.user, now);
	link(store, f.eventA.eventId, f.collector.personId, LEVEL.collector, now);
	link(store, f.eventB.eventId, f.attendee.personId, LEVEL.user, now);
	link(store, f.otherEvent.eventId, f.otherAdmin.personId, LEVEL.admin, now);
	store.persons.get(f.admin.personId)?.eventPasswords.set(f.eventA.eventId, f.eventA.eventPassword);
	store.persons.get(f.attendee.personId)?.eventPasswords.set(f.eventA.eventId, f.attendee.eventPassword);
	seedFormsAndTags(store, now);

	const time: SeedTime = { now, spread: true };
	if (size.seedEvents) generateEvents(store, f.companyId, size.seedEvents, time);
	if (size.seedAttendees) generateAttendees(store, f.eventA.eventId, size.seedAttendees, time);
}

/** The fixture custom fields and tags, and Ana's answers and tags in eventA. */
function seedFormsAndTags(store: SandboxStore, now: number): void {
	const f = SANDBOX_FIXTURES;
	const dateCreated = now - FIXTURE_AGE_SECONDS;
	for (const field of Object.values(f.customFields)) {
		const type: FeedbackType = field.type;
		store.addFeedback({
			feedbackID: field.feedbackId,
			eventID: field.eventId,
			text: field.text,
			subtitle: '',
			type,
			apiKey: field.apiKey,
			dateCreated,
		});
	}
	for (const tag of Object.values(f.tags)) {
		store.addTag({ tagID: tag.tagId, eventID: tag.eventId, name: tag.name, color: tag.color, dateCreated });
	}
	const ana = store.getMembership(f.eventA.eventId, f.attendee.personId);
	if (!ana) throw new Error('the seed lost Ana');
	for (const [name, value] of Object.entries(f.attendee.eventAAnswers)) {
		ana.answers.set(f.customFields[name as CustomFieldFixture].feedbackId, value);
	}
	ana.tagIDs = [...f.attendee.eventATagIds];
}

const CITIES = ['Lisbon', 'Boston', 'London', 'Austin', 'Toronto'];
const TIMEZONES = ['Europe/Lisbon', 'America/New_York', 'Europe/London', 'America/Chicago', 'America/Toronto'];

const flag = (condition: boolean): Flag => (condition ? 1 : 0);

/**
 * Adds `count` events to a company, beginning around now (half past, half future), with varied
 * duration, format, visibility, archive state, tags (10–13), places (500–502) and cities. Created
 * 30 days ago, or exactly at `now` when not `spread`.
 */
export function generateEvents(store: SandboxStore, companyID: string, count: number, time: SeedTime): string[] {
	const company = store.companies.get(companyID);
	if (!company) throw new Error(`no company ${companyID}`);
	const creatorID = [...company.adminPersonIDs][0] ?? '';
	const { now } = time;
	const created = time.spread ? now - 30 * DAY_SECONDS : now;
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const eventID = store.allocateEventId();
		const event = newEvent({
			eventID,
			companyID,
			name: `Generated Event ${eventID}`,
			nickname: `generated-event-${eventID}`,
			creatorID,
			now: created,
		});
		event.dateBegin = now + (i - Math.floor(count / 2)) * 2 * DAY_SECONDS + 9 * 3600;
		event.dateEnd = event.dateBegin + (i % 3 === 0 ? 8 * 3600 : (1 + (i % 4)) * DAY_SECONDS);
		event.presential = flag(i % 2 === 0);
		event.public = flag(i % 3 === 0);
		event.visible = flag(i % 5 !== 0);
		event.archived = flag(i % 10 === 9);
		event.city = CITIES[i % CITIES.length];
		event.timezone = TIMEZONES[i % TIMEZONES.length];
		event.tagIDs = [String(10 + (i % 4))];
		event.placeID = String(500 + (i % 3));
		store.addEvent(event);
		ids.push(eventID);
	}
	return ids;
}

const FIRST_NAMES = [
	'Alice',
	'Bruno',
	'Carla',
	'Diego',
	'Elena',
	'Felipe',
	'Grace',
	'Hugo',
	'Ines',
	'Joao',
	'Kara',
	'Luis',
];
const LAST_NAMES = [
	'Silva',
	'Costa',
	'Smith',
	'Nguyen',
	'Garcia',
	'Martin',
	'Brown',
	'Santos',
	'Lee',
	'Rossi',
	'Muller',
];
const ROLES = ['Engineer', 'Manager', 'Designer', 'Director', 'Analyst', 'Founder'];
const EMPLOYERS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'];

/**
 * Adds `count` new people to an event, fast (plain loops, no validation). Flags vary by index so
 * every `event.person.find` preset has matches; each gets one of the event's tags in turn (none if it has none). Dates (created, updated, enrolled) are spread over
 * 20 days starting 30 days ago, or all exactly `now` when not `spread`.
 */
export function generateAttendees(store: SandboxStore, eventID: string, count: number, time: SeedTime): string[] {
	if (!store.events.has(eventID)) throw new Error(`no event ${eventID}`);
	const tagIDs = store.tagsOf(eventID).map((tag) => tag.tagID);
	const base = time.now - 30 * DAY_SECONDS;
	const ids: string[] = new Array<string>(count);
	for (let i = 0; i < count; i++) {
		const personID = store.allocatePersonId();
		const email = `attendee${personID}@sandbox.test`;
		const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`;
		const stamp = time.spread ? base + (i % (20 * DAY_SECONDS)) : time.now;
		const person = newPerson({ personID, name, username: email, email, now: stamp });
		if (i % 7 !== 0) {
			person.role = ROLES[i % ROLES.length];
			person.company = EMPLOYERS[i % EMPLOYERS.length];
		}
		person.private = flag(i % 10 === 0);
		store.addPerson(person);
		const membership = newMembership(eventID, personID, i % 97 === 0 ? LEVEL.staff : LEVEL.user, stamp);
		membership.approved = flag(i % 20 !== 7);
		membership.denied = flag(i % 20 === 7);
		membership.rsvp = i % 3 === 0 ? null : flag(i % 3 === 1);
		membership.present = flag(i % 4 === 0);
		membership.virtualPresent = flag(i % 8 === 0);
		membership.printed = flag(i % 3 === 0);
		membership.emailSent = flag(i % 2 === 0);
		membership.appDownloaded = flag(i % 5 === 0);
		membership.paid = flag(i % 2 === 1);
		membership.nfc = i % 6 === 0 ? Buffer.from(`nfc-${personID}`).toString('base64') : '';
		membership.tagIDs = tagIDs.length === 0 ? [] : [tagIDs[i % tagIDs.length]];
		membership.origin = 'sandbox-seed';
		store.addMembership(membership);
		ids[i] = personID;
	}
	return ids;
}

const ROOMS = ['Main Hall', 'Room A', 'Room B', 'Workshop Lab'];
const HOUR_SECONDS = 3600;

/**
 * Adds `count` sessions to an event: hourly slots from the event's begin, 45 minutes each, in four
 * rooms, every third one unlimited (capacity 0), the others 10–50 seats. Created 30 days ago, or
 * exactly at `now` when not `spread`.
 */
export function generateActivities(store: SandboxStore, eventID: string, count: number, time: SeedTime): string[] {
	const event = store.events.get(eventID);
	if (!event) throw new Error(`no event ${eventID}`);
	const created = time.spread ? time.now - 30 * DAY_SECONDS : time.now;
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const activityID = store.allocateActivityId();
		const dateBegin = event.dateBegin + i * HOUR_SECONDS;
		const activity: ActivityRecord = {
			activityID,
			eventID,
			name: `Generated Session ${activityID}`,
			description: '',
			location: ROOMS[i % ROOMS.length],
			dateBegin,
			dateEnd: dateBegin + 45 * 60,
			capacity: i % 3 === 0 ? 0 : 10 * (1 + (i % 5)),
			dateCreated: created,
			dateUpdated: created,
		};
		store.addActivity(activity);
		ids.push(activityID);
	}
	return ids;
}
