import { badgeCode } from './badge';

/** In-memory record shapes. Dates are Unix seconds; booleans are 0/1 like InEvent stores them (§8). */

export type Flag = 0 | 1;

export type TokenScope = 'system' | 'event';

/** Event permission levels (spec §3.4). Interpreter's value is unknown, so it is not accepted. */
export const LEVEL = {
	user: 1,
	admin: 4,
	staff: 64,
	speaker: 128,
	collector: 256,
} as const;

export const KNOWN_LEVELS: readonly number[] = Object.values(LEVEL);

export interface CompanyRecord {
	companyID: string;
	name: string;
	nickname: string;
	adminPersonIDs: Set<string>;
	dateCreated: number;
	dateUpdated: number;
}

export interface EventRecord {
	eventID: string;
	companyID: string;
	name: string;
	nickname: string;
	emailAddress: string;
	emailName: string;
	emailDNS: Flag;
	emailReplyTo: string;
	description: string;
	background: string;
	cover: string;
	coverVideo: string;
	welcomeOverlay: Flag;
	activityLayout: string;
	fontFamily: string;
	page: string;
	contentPage: string;
	ownerID: string;
	creatorID: string;
	dateCreated: number;
	dateUpdated: number;
	dateBegin: number;
	dateEnd: number;
	enrollmentBegin: number;
	enrollmentEnd: number;
	accessEnd: number;
	email: string;
	latitude: string;
	longitude: string;
	address: string;
	city: string;
	fugleman: string;
	website: string;
	accessCode: string;
	facebook: string;
	twitter: string;
	wireless: string;
	visible: Flag;
	public: Flag;
	automaticEnrollment: Flag;
	presential: Flag;
	archived: Flag;
	isTemplate: Flag;
	templateID: string;
	siblingID: string;
	placeID: string;
	tagIDs: string[];
	timezone: string;
}

/** A person is global (one account, many events); event-specific state lives on the membership. */
export interface PersonRecord {
	personID: string;
	firstName: string;
	lastName: string;
	name: string;
	username: string;
	email: string;
	/** System-scope password. */
	password: string;
	/** Event-scope passwords by eventID (spec §3.3: they differ from the System password). */
	eventPasswords: Map<string, string>;
	image: string;
	timezone: string;
	telephone: string;
	role: string;
	company: string;
	summary: string;
	city: string;
	facebook: string;
	linkedin: string;
	twitter: string;
	instagram: string;
	website: string;
	language: string;
	private: Flag;
	dateCreated: number;
	dateUpdated: number;
}

/** The person↔event link (`event.person`). */
export interface MembershipRecord {
	eventID: string;
	personID: string;
	level: number;
	approved: Flag;
	denied: Flag;
	/** null = not answered yet ("waiting-rsvp"). */
	rsvp: Flag | null;
	present: Flag;
	virtualPresent: Flag;
	onlineNow: Flag;
	printed: Flag;
	emailSent: Flag;
	appDownloaded: Flag;
	paid: Flag;
	speaker: Flag;
	nfc: string;
	ticketID: string;
	profileID: string;
	assistantEmail: string;
	message: string;
	/** Attendee tags of this event (`TagRecord`s), in the order they were given. */
	tagIDs: string[];
	origin: string;
	/** Custom registration-field answers: feedbackID → value (never empty; clearing removes the entry). */
	answers: Map<string, string>;
	/** Badge code, unique in the event (see `badge.ts`). */
	qrCode: string;
	enrollmentDate: number;
	dateUpdated: number;
}

/**
 * A custom registration field of an event (API module `feedback`, §13.6; inferred contract in the README).
 * `apiKey` is the field's "API Field" (changelog 2021-10-01), written `f_<apiKey>` in answers; `''` = none set.
 */
export interface FeedbackRecord {
	feedbackID: string;
	eventID: string;
	/** The question as the registration form shows it. */
	text: string;
	subtitle: string;
	type: FeedbackType;
	apiKey: string;
	dateCreated: number;
}

/** The field types the sandbox seeds (the API's own type names are not documented). */
export type FeedbackType = 'text' | 'select';

/** An attendee tag of an event (`tag.*` with `eventID`, §13.6). */
export interface TagRecord {
	tagID: string;
	eventID: string;
	name: string;
	/** `#rrggbb`, lower case. */
	color: string;
	dateCreated: number;
}

/** A session of an event (`activity.*`, inferred contract in the README). */
export interface ActivityRecord {
	activityID: string;
	eventID: string;
	name: string;
	description: string;
	location: string;
	dateBegin: number;
	dateEnd: number;
	/** 0 = unlimited. */
	capacity: number;
	dateCreated: number;
	dateUpdated: number;
}

/** An attendee's enrollment in a session. */
export interface EnrollmentRecord {
	activityID: string;
	personID: string;
	present: Flag;
	dateCreated: number;
}

export type ScanType = 'in' | 'out';

/** One badge scan (`checklog.*`); the log is append-only. */
export interface ChecklogRecord {
	checklogID: string;
	eventID: string;
	/** "0" for a scan at the event itself. */
	activityID: string;
	personID: string;
	code: string;
	type: ScanType;
	/** The scan time sent by the scanner. */
	date: number;
	/** When the sandbox logged it. */
	dateCreated: number;
}

/** A company's custom domain (`ssl.*`, inferred contract in the README). */
export interface SslRecord {
	sslID: string;
	companyID: string;
	/** Lower-case host name. */
	domain: string;
	status: 'pending' | 'active';
	/** The `_acme-challenge` TXT value, fixed at create so a test can read and publish it. */
	challengeToken: string;
	dateCreated: number;
	/** 0 until active. */
	dateVerified: number;
}

/** Where a webhook is configured (§13.5: "company and event level"). */
export type WebhookLevel = 'event' | 'company';

/** A webhook (`webhook.*`, inferred contract in the README "Webhooks"). */
export interface WebhookRecord {
	webhookID: string;
	level: WebhookLevel;
	/** The eventID of an event hook, the companyID of a company hook. */
	targetID: string;
	/** One of the accepted types (`webhookTypes`), e.g. `activityEnrollment`. */
	type: string;
	/** Absolute http(s) URL; a secret of the receiver, never logged. */
	url: string;
	dateCreated: number;
}

/** One delivery attempt of a webhook (`webhook.log.find`); kept after the hook is removed. */
export interface WebhookLogRecord {
	webhookLogID: string;
	webhookID: string;
	/** The hook's level and target when the attempt was made. */
	level: WebhookLevel;
	targetID: string;
	type: string;
	/** 1 for the first send, 2 for the first retry, … */
	attempt: number;
	/** The HTTP status answered; 0 for no answer (refused, reset, timed out). */
	status: number;
	/** When the attempt was sent, sandbox clock (Unix seconds). */
	date: number;
	/** The JSON text sent. */
	payload: string;
}

export interface TokenRecord {
	tokenID: string;
	personID: string;
	scope: TokenScope;
	/** "0" for system tokens, the eventID for event tokens. */
	targetID: string;
	issuedAtMs: number;
	expiresAtMs: number;
	revoked: boolean;
}

export interface LockoutRecord {
	consecutiveFailures: number;
	lockedUntilMs: number;
}

export function splitName(name: string): { firstName: string; lastName: string } {
	const parts = name.trim().split(/\s+/);
	return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

export function newPerson(fields: {
	personID: string;
	name: string;
	username: string;
	email: string;
	password?: string;
	now: number;
}): PersonRecord {
	const { firstName, lastName } = splitName(fields.name);
	return {
		personID: fields.personID,
		firstName,
		lastName,
		name: fields.name.trim(),
		username: fields.username,
		email: fields.email,
		password: fields.password ?? '',
		eventPasswords: new Map(),
		image: '',
		timezone: '',
		telephone: '',
		role: '',
		company: '',
		summary: '',
		city: '',
		facebook: '',
		linkedin: '',
		twitter: '',
		instagram: '',
		website: '',
		language: '',
		private: 0,
		dateCreated: fields.now,
		dateUpdated: fields.now,
	};
}

export function newMembership(eventID: string, personID: string, level: number, now: number): MembershipRecord {
	return {
		eventID,
		personID,
		level,
		approved: 1,
		denied: 0,
		rsvp: null,
		present: 0,
		virtualPresent: 0,
		onlineNow: 0,
		printed: 0,
		emailSent: 0,
		appDownloaded: 0,
		paid: 0,
		speaker: 0,
		nfc: '',
		ticketID: '',
		profileID: '',
		assistantEmail: '',
		message: '',
		tagIDs: [],
		origin: '',
		answers: new Map(),
		qrCode: badgeCode(eventID, personID),
		enrollmentDate: now,
		dateUpdated: now,
	};
}

/**
 * Defaults for a new event. The date offsets reproduce the documented `company.event.bind` example
 * (§9.1): created 1632854490 → begin −4 h, end +14 days, enrollment from −184 days −4 h to +318 days,
 * access until ≈ +5 years. Other defaults are copied from the same example.
 */
export function newEvent(fields: {
	eventID: string;
	companyID: string;
	name: string;
	nickname: string;
	creatorID: string;
	now: number;
}): EventRecord {
	const now = fields.now;
	return {
		eventID: fields.eventID,
		companyID: fields.companyID,
		name: fields.name,
		nickname: fields.nickname,
		emailAddress: '',
		emailName: '',
		emailDNS: 0,
		emailReplyTo: '',
		description: '',
		background: '',
		cover: 'https://inevent.com/images/default/default_event.png',
		coverVideo: '',
		welcomeOverlay: 1,
		activityLayout: 'small',
		fontFamily: '',
		page: '',
		contentPage: '',
		ownerID: '',
		creatorID: fields.creatorID,
		dateCreated: now,
		dateUpdated: now,
		dateBegin: now - 14_400,
		dateEnd: now + 1_209_600,
		enrollmentBegin: now - 15_912_000,
		enrollmentEnd: now + 27_475_200,
		accessEnd: now + 157_752_000,
		email: '',
		latitude: '',
		longitude: '',
		address: '',
		city: '',
		fugleman: '',
		website: '',
		accessCode: '',
		facebook: '',
		twitter: '',
		wireless: '',
		// Inferred defaults: a fresh event is visible but not public, and face-to-face.
		visible: 1,
		public: 0,
		automaticEnrollment: 0,
		presential: 1,
		archived: 0,
		isTemplate: 0,
		templateID: '',
		siblingID: '',
		placeID: '',
		tagIDs: [],
		timezone: 'America/New_York',
	};
}
