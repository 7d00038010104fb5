import { DnsTable } from './dns';
import type {
	CompanyRecord,
	EventRecord,
	LockoutRecord,
	MembershipRecord,
	PersonRecord,
	SslRecord,
	TokenRecord,
} from './records';

const FIRST_SSL_ID = 301;

/** All sandbox state. Tests may read it for assertions; actions mutate it through these helpers. */
export class SandboxStore {
	readonly companies = new Map<string, CompanyRecord>();
	readonly events = new Map<string, EventRecord>();
	readonly persons = new Map<string, PersonRecord>();
	/** eventID → (personID → membership), in insertion order. */
	readonly memberships = new Map<string, Map<string, MembershipRecord>>();
	readonly tokens = new Map<string, TokenRecord>();
	/** Keyed by lower-cased username. */
	readonly lockouts = new Map<string, LockoutRecord>();
	/** Custom domains (`ssl.*`) by sslID, in creation order. */
	readonly sslDomains = new Map<string, SslRecord>();
	/** The published DNS records `ssl.verify` looks up. */
	readonly dns = new DnsTable();
	private readonly personIdByEmail = new Map<string, string>();
	private readonly personIdByUsername = new Map<string, string>();
	private nextIds = { company: 1001, event: 73565, person: 1330 };
	private nextSslId = FIRST_SSL_ID;

	allocateCompanyId(): string {
		return String(this.nextIds.company++);
	}
	allocateEventId(): string {
		return String(this.nextIds.event++);
	}
	allocatePersonId(): string {
		return String(this.nextIds.person++);
	}
	allocateSslId(): string {
		return String(this.nextSslId++);
	}

	/** Keeps the ID counters past any explicitly chosen ID (fixtures use fixed IDs). */
	private reserve(kind: 'company' | 'event' | 'person', id: string): void {
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
		if (previous.email) this.personIdByEmail.delete(previous.email.toLowerCase());
		if (previous.username) this.personIdByUsername.delete(previous.username.toLowerCase());
		this.indexPerson(person);
	}

	private indexPerson(person: PersonRecord): void {
		if (person.email) this.personIdByEmail.set(person.email.toLowerCase(), person.personID);
		if (person.username) this.personIdByUsername.set(person.username.toLowerCase(), person.personID);
	}

	findPersonByEmail(email: string): PersonRecord | undefined {
		const id = this.personIdByEmail.get(email.toLowerCase());
		return id === undefined ? undefined : this.persons.get(id);
	}

	findPersonByUsername(username: string): PersonRecord | undefined {
		const id = this.personIdByUsername.get(username.toLowerCase());
		return id === undefined ? undefined : this.persons.get(id);
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
	}

	removeMembership(eventID: string, personID: string): boolean {
		return this.memberships.get(eventID)?.delete(personID) ?? false;
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
		this.tokens.clear();
		this.lockouts.clear();
		this.personIdByEmail.clear();
		this.personIdByUsername.clear();
		this.nextIds = { company: 1001, event: 73565, person: 1330 };
		this.sslDomains.clear();
		this.dns.clear();
		this.nextSslId = FIRST_SSL_ID;
	}
}
