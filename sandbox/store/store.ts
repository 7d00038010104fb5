import { DnsTable } from './dns';
import { DEFAULT_EMAIL_MATCH, type EmailMatchMode } from '../control/emailMatch';
import { PersonIndex } from './personIndex';
import type {
	ActivityRecord,
	ChecklogRecord,
	CompanyRecord,
	EnrollmentRecord,
	EventRecord,
	FeedbackRecord,
	LockoutRecord,
	MembershipRecord,
	PersonRecord,
	SslRecord,
	TagRecord,
	TokenRecord,
	WebhookLogRecord,
	WebhookRecord,
} from './records';

const FIRST_SSL_ID = 301;
const FIRST_IDS = {
	company: 1001,
	event: 73565,
	person: 1330,
	activity: 5001,
	checklog: 90001,
	feedback: 4001,
	tag: 101,
	webhook: 7001,
	webhookLog: 500001,
};

/** All sandbox state. Tests may read it for assertions; actions mutate it through these helpers. */
export class SandboxStore {
	readonly companies = new Map<string, CompanyRecord>();
	readonly events = new Map<string, EventRecord>();
	readonly persons = new Map<string, PersonRecord>();
	/** eventID → (personID → membership), in insertion order. */
	readonly memberships = new Map<string, Map<string, MembershipRecord>>();
	/** Sessions by activityID. */
	readonly activities = new Map<string, ActivityRecord>();
	/** activityID → (personID → enrollment), in enrollment order. */
	readonly enrollments = new Map<string, Map<string, EnrollmentRecord>>();
	/** eventID → badge scans, in the order they were logged. */
	readonly checklogs = new Map<string, ChecklogRecord[]>();
	readonly tokens = new Map<string, TokenRecord>();
	/** Keyed by the username as `emailMatch` reads it (lower-cased unless `exact`; see `auth.ts`). */
	readonly lockouts = new Map<string, LockoutRecord>();
	/** Custom domains (`ssl.*`) by sslID, in creation order. */
	readonly sslDomains = new Map<string, SslRecord>();
	/** Custom registration fields (`feedback.*`) by feedbackID, in creation order. */
	readonly feedbacks = new Map<string, FeedbackRecord>();
	/** Attendee tags (`tag.*`) by tagID, in creation order. */
	readonly tags = new Map<string, TagRecord>();
	/** Webhooks (`webhook.*`) by webhookID, in creation order. */
	readonly webhooks = new Map<string, WebhookRecord>();
	/** Every delivery attempt (`webhook.log.find`), in the order they ended. */
	readonly webhookLogs: WebhookLogRecord[] = [];
	/** The published DNS records `ssl.verify` looks up. */
	readonly dns = new DnsTable();
	private readonly membersInIdOrderCache = new Map<string, MembershipRecord[]>();
	private readonly personIdsByEmail = new PersonIndex('email');
	private readonly personIdsByUsername = new PersonIndex('username');
	private nextIds = { ...FIRST_IDS };
	private nextSslId = FIRST_SSL_ID;

	/**
	 * @param emailMatch the current reading of the `emailMatch` switch (the controller passes its config's), which
	 * every look-up of a person by email or username follows.
	 */
	constructor(private readonly emailMatch: () => EmailMatchMode = () => DEFAULT_EMAIL_MATCH) {}

	allocateCompanyId(): string {
		return String(this.nextIds.company++);
	}
	allocateEventId(): string {
		return String(this.nextIds.event++);
	}
	allocatePersonId(): string {
		return String(this.nextIds.person++);
	}
	allocateActivityId(): string {
		return String(this.nextIds.activity++);
	}
	allocateChecklogId(): string {
		return String(this.nextIds.checklog++);
	}
	allocateFeedbackId(): string {
		return String(this.nextIds.feedback++);
	}
	allocateTagId(): string {
		return String(this.nextIds.tag++);
	}
	allocateWebhookId(): string {
		return String(this.nextIds.webhook++);
	}
	allocateWebhookLogId(): string {
		return String(this.nextIds.webhookLog++);
	}
	allocateSslId(): string {
		return String(this.nextSslId++);
	}

	/** Keeps the ID counters past any explicitly chosen ID (fixtures use fixed IDs). */
	private reserve(kind: keyof typeof FIRST_IDS, id: string): void {
		const numeric = Number(id);
		if (Number.isInteger(numeric) && numeric >= this.nextIds[kind]) this.nextIds[kind] = numeric + 1;
	}

	addCompany(company: CompanyRecord): void {
		this.reserve('company', company.companyID);
		this.companies.set(company.companyID, company);
	}

	addEvent(event: EventRecord): void {
		this.reserve('event', event.eventID);
		this.events.set(event.eventID, event);
		if (!this.memberships.has(event.eventID)) this.memberships.set(event.eventID, new Map());
	}

	eventsOfCompany(companyID: string): EventRecord[] {
		const out: EventRecord[] = [];
		for (const event of this.events.values()) if (event.companyID === companyID) out.push(event);
		return out;
	}

	addPerson(person: PersonRecord): void {
		this.reserve('person', person.personID);
		this.persons.set(person.personID, person);
		this.indexPerson(person);
	}

	/** Call after changing a person's email or username so look-ups stay right. */
	reindexPerson(person: PersonRecord, previous: { email: string; username: string }): void {
		this.personIdsByEmail.remove(previous.email, person.personID);
		this.personIdsByUsername.remove(previous.username, person.personID);
		this.indexPerson(person);
	}

	private indexPerson(person: PersonRecord): void {
		this.personIdsByEmail.add(person);
		this.personIdsByUsername.add(person);
	}

	/**
	 * Every person whose email is `email` in the current `emailMatch` reading, oldest account first. More than one
	 * only after persons whose emails differ by case alone were created in `exact` and the reading switched back.
	 */
	personsWithEmail(email: string): PersonRecord[] {
		return this.personIdsByEmail.matches(email, this.emailMatch(), this.persons);
	}

	/** The account with this email in the current `emailMatch` reading (the oldest, if several match). */
	findPersonByEmail(email: string): PersonRecord | undefined {
		return this.personsWithEmail(email)[0];
	}

	/** The account with this username in the current `emailMatch` reading (the oldest, if several match). */
	findPersonByUsername(username: string): PersonRecord | undefined {
		return this.personIdsByUsername.matches(username, this.emailMatch(), this.persons)[0];
	}

	membersOf(eventID: string): Map<string, MembershipRecord> {
		let members = this.memberships.get(eventID);
		if (!members) {
			members = new Map();
			this.memberships.set(eventID, members);
		}
		return members;
	}

	getMembership(eventID: string, personID: string): MembershipRecord | undefined {
		return this.memberships.get(eventID)?.get(personID);
	}

	addMembership(membership: MembershipRecord): void {
		this.membersOf(membership.eventID).set(membership.personID, membership);
		this.membersInIdOrderCache.delete(membership.eventID);
	}

	/**
	 * The event's attendees in ascending personID order (the default order of lists), kept until an
	 * attendee joins or leaves, so that paging a 50,000-attendee event costs each page, not the event.
	 */
	membersInIdOrder(eventID: string): readonly MembershipRecord[] {
		let sorted = this.membersInIdOrderCache.get(eventID);
		if (!sorted) {
			sorted = [...this.membersOf(eventID).values()].sort((a, b) => Number(a.personID) - Number(b.personID));
			this.membersInIdOrderCache.set(eventID, sorted);
		}
		return sorted;
	}

	/** The attendee of an event with this badge code. */
	findMembershipByCode(eventID: string, code: string): MembershipRecord | undefined {
		for (const membership of this.membersOf(eventID).values()) if (membership.qrCode === code) return membership;
		return undefined;
	}

	/** Also removes the person's session enrollments in that event: they are no longer an attendee. */
	removeMembership(eventID: string, personID: string): boolean {
		const removed = this.memberships.get(eventID)?.delete(personID) ?? false;
		if (!removed) return false;
		this.membersInIdOrderCache.delete(eventID);
		for (const activity of this.activitiesOf(eventID)) this.enrolledIn(activity.activityID).delete(personID);
		return true;
	}

	addActivity(activity: ActivityRecord): void {
		this.activities.set(activity.activityID, activity);
		this.enrollments.set(activity.activityID, new Map());
	}

	/** Removes the session and its enrollments (its scans stay in the log). */
	removeActivity(activityID: string): void {
		this.activities.delete(activityID);
		this.enrollments.delete(activityID);
	}

	activitiesOf(eventID: string): ActivityRecord[] {
		const out: ActivityRecord[] = [];
		for (const activity of this.activities.values()) if (activity.eventID === eventID) out.push(activity);
		return out;
	}

	/** personID → enrollment for one session, in enrollment order. */
	enrolledIn(activityID: string): Map<string, EnrollmentRecord> {
		let enrolled = this.enrollments.get(activityID);
		if (!enrolled) {
			enrolled = new Map();
			this.enrollments.set(activityID, enrolled);
		}
		return enrolled;
	}

	checklogsOf(eventID: string): ChecklogRecord[] {
		let rows = this.checklogs.get(eventID);
		if (!rows) {
			rows = [];
			this.checklogs.set(eventID, rows);
		}
		return rows;
	}

	addFeedback(field: FeedbackRecord): void {
		this.reserve('feedback', field.feedbackID);
		this.feedbacks.set(field.feedbackID, field);
	}

	/** An event's custom registration fields, by feedbackID ascending. */
	feedbacksOf(eventID: string): FeedbackRecord[] {
		const out: FeedbackRecord[] = [];
		for (const field of this.feedbacks.values()) if (field.eventID === eventID) out.push(field);
		return out.sort((a, b) => Number(a.feedbackID) - Number(b.feedbackID));
	}

	addTag(tag: TagRecord): void {
		this.reserve('tag', tag.tagID);
		this.tags.set(tag.tagID, tag);
	}

	/** An event's attendee tags, by tagID ascending. */
	tagsOf(eventID: string): TagRecord[] {
		const out: TagRecord[] = [];
		for (const tag of this.tags.values()) if (tag.eventID === eventID) out.push(tag);
		return out.sort((a, b) => Number(a.tagID) - Number(b.tagID));
	}

	/** The hooks of one level (an event's or a company's), by webhookID ascending. */
	webhooksOf(level: WebhookRecord['level'], targetID: string): WebhookRecord[] {
		const out: WebhookRecord[] = [];
		for (const hook of this.webhooks.values()) if (hook.level === level && hook.targetID === targetID) out.push(hook);
		return out.sort((a, b) => Number(a.webhookID) - Number(b.webhookID));
	}

	/** Number of attendees (person↔event links) of an event. */
	countAttendees(eventID: string): number {
		return this.memberships.get(eventID)?.size ?? 0;
	}

	isCompanyAdmin(companyID: string, personID: string): boolean {
		return this.companies.get(companyID)?.adminPersonIDs.has(personID) ?? false;
	}

	/** Empties everything (used by reset before re-seeding). */
	clear(): void {
		this.companies.clear();
		this.events.clear();
		this.persons.clear();
		this.memberships.clear();
		this.membersInIdOrderCache.clear();
		this.tokens.clear();
		this.lockouts.clear();
		this.personIdsByEmail.clear();
		this.personIdsByUsername.clear();
		this.activities.clear();
		this.enrollments.clear();
		this.checklogs.clear();
		this.feedbacks.clear();
		this.tags.clear();
		this.webhooks.clear();
		this.webhookLogs.length = 0;
		this.nextIds = { ...FIRST_IDS };
		this.sslDomains.clear();
		this.dns.clear();
		this.nextSslId = FIRST_SSL_ID;
	}
}
