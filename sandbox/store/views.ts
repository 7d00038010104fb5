import type { PlainObject } from '../server/envelope';
import type {
	ActivityRecord,
	ChecklogRecord,
	CompanyRecord,
	EnrollmentRecord,
	EventRecord,
	FeedbackRecord,
	MembershipRecord,
	PersonRecord,
	TagRecord,
} from './records';
import { DAY_SECONDS } from './time';

export function companyView(company: CompanyRecord): PlainObject {
	return {
		companyID: company.companyID,
		name: company.name,
		nickname: company.nickname,
		dateCreated: company.dateCreated,
		dateUpdated: company.dateUpdated,
	};
}

/** Inferred: the example's `eventDays` (14 for a 14 d 4 h span) reads as whole days, minimum 1. */
export function eventDays(event: EventRecord): number {
	return Math.max(1, Math.round((event.dateEnd - event.dateBegin) / DAY_SECONDS));
}

/** The event object of §9.1 (same key order as the documented example), then the editable keys. */
export function eventView(event: EventRecord): PlainObject {
	const begin = new Date(event.dateBegin * 1000);
	return {
		eventID: event.eventID,
		name: event.name,
		nickname: event.nickname,
		emailAddress: event.emailAddress,
		emailName: event.emailName,
		emailDNS: event.emailDNS,
		emailReplyTo: event.emailReplyTo,
		description: event.description,
		background: event.background,
		cover: event.cover,
		coverVideo: event.coverVideo,
		welcomeOverlay: event.welcomeOverlay,
		activityLayout: event.activityLayout,
		fontFamily: event.fontFamily,
		page: event.page,
		contentPage: event.contentPage,
		ownerID: event.ownerID,
		creatorID: event.creatorID,
		dateCreated: event.dateCreated,
		dateBegin: event.dateBegin,
		dateEnd: event.dateEnd,
		enrollmentBegin: event.enrollmentBegin,
		enrollmentEnd: event.enrollmentEnd,
		accessEnd: event.accessEnd,
		quarter: `Q${Math.floor(begin.getUTCMonth() / 3) + 1}`,
		eventDays: eventDays(event),
		// The example is cut off at "month"; inferred as the begin month number (1–12, UTC).
		month: begin.getUTCMonth() + 1,
		dateUpdated: event.dateUpdated,
		companyID: event.companyID,
		email: event.email,
		latitude: event.latitude,
		longitude: event.longitude,
		address: event.address,
		city: event.city,
		fugleman: event.fugleman,
		website: event.website,
		accessCode: event.accessCode,
		facebook: event.facebook,
		twitter: event.twitter,
		wireless: event.wireless,
		visible: event.visible,
		public: event.public,
		automaticEnrollment: event.automaticEnrollment,
		presential: event.presential,
		archived: event.archived,
		isTemplate: event.isTemplate,
		templateID: event.templateID,
		siblingID: event.siblingID,
		placeID: event.placeID,
		tags: event.tagIDs.join(','),
		timezone: event.timezone,
	};
}

/** The attendee's last change: a change to the person or to their link to this event. */
export function attendeeDateUpdated(person: PersonRecord, membership: MembershipRecord): number {
	return Math.max(person.dateUpdated, membership.dateUpdated);
}

/**
 * An attendee as `event.person.*` returns it. The docs show no schema (§10.4); the standard fields
 * follow the ones third-party code reads, and `fullAttendeeView` adds the rest (inferred split).
 */
export function attendeeView(person: PersonRecord, membership: MembershipRecord): PlainObject {
	return {
		personID: person.personID,
		eventID: membership.eventID,
		firstName: person.firstName,
		lastName: person.lastName,
		name: person.name,
		username: person.username,
		email: person.email,
		image: person.image,
		role: person.role,
		company: person.company,
		telephone: person.telephone,
		level: membership.level,
		approved: membership.approved,
		denied: membership.denied,
		rsvp: membership.rsvp,
		present: membership.present,
		qrCode: membership.qrCode,
		enrollmentDate: membership.enrollmentDate,
		dateCreated: person.dateCreated,
		dateUpdated: attendeeDateUpdated(person, membership),
	};
}

/**
 * The full profile (`fullProfile=1`, "including custom fields", §10.4): the standard fields, the rest
 * of the profile, the event-specific state and `feedbacks`, one entry per custom field of the event
 * (`fields`, by feedbackID) with the attendee's answer (`""` when unanswered). The shape is inferred.
 */
export function fullAttendeeView(
	person: PersonRecord,
	membership: MembershipRecord,
	fields: readonly FeedbackRecord[],
): PlainObject {
	return {
		...attendeeView(person, membership),
		summary: person.summary,
		city: person.city,
		locationCity: person.city,
		facebook: person.facebook,
		linkedin: person.linkedin,
		twitter: person.twitter,
		instagram: person.instagram,
		website: person.website,
		language: person.language,
		private: person.private,
		timezone: person.timezone,
		speaker: membership.speaker,
		virtual: membership.virtualPresent,
		printed: membership.printed,
		emailSent: membership.emailSent,
		downloaded: membership.appDownloaded,
		paid: membership.paid,
		nfc: membership.nfc,
		ticketID: membership.ticketID,
		profileID: membership.profileID,
		assistantEmail: membership.assistantEmail,
		message: membership.message,
		tagIDs: membership.tagIDs.join(','),
		origin: membership.origin,
		feedbacks: fields.map((field) => ({
			feedbackID: field.feedbackID,
			apiKey: field.apiKey,
			text: field.text,
			type: field.type,
			value: membership.answers.get(field.feedbackID) ?? '',
		})),
	};
}

/** A custom registration field (`feedback.find`). */
export function feedbackView(field: FeedbackRecord): PlainObject {
	return {
		feedbackID: field.feedbackID,
		eventID: field.eventID,
		text: field.text,
		subtitle: field.subtitle,
		type: field.type,
		apiKey: field.apiKey,
		dateCreated: field.dateCreated,
	};
}

/** One attendee's answer to one custom field (`feedback.respond`). */
export function answerView(field: FeedbackRecord, membership: MembershipRecord): PlainObject {
	return {
		feedbackID: field.feedbackID,
		eventID: field.eventID,
		personID: membership.personID,
		apiKey: field.apiKey,
		text: field.text,
		type: field.type,
		value: membership.answers.get(field.feedbackID) ?? '',
	};
}

/** An attendee tag (`tag.*`). */
export function tagView(tag: TagRecord): PlainObject {
	return { tagID: tag.tagID, eventID: tag.eventID, name: tag.name, color: tag.color, dateCreated: tag.dateCreated };
}

/** A session (`activity.*`); `enrolled` is how many attendees are enrolled in it. */
export function activityView(activity: ActivityRecord, enrolled: number): PlainObject {
	return {
		activityID: activity.activityID,
		eventID: activity.eventID,
		name: activity.name,
		description: activity.description,
		location: activity.location,
		dateBegin: activity.dateBegin,
		dateEnd: activity.dateEnd,
		capacity: activity.capacity,
		enrolled,
		dateCreated: activity.dateCreated,
		dateUpdated: activity.dateUpdated,
	};
}

/** An attendee's enrollment in a session (`activity.person.*`), with the person's current name and email. */
export function enrollmentView(
	activity: ActivityRecord,
	enrollment: EnrollmentRecord,
	person: PersonRecord,
): PlainObject {
	return {
		activityID: activity.activityID,
		eventID: activity.eventID,
		personID: enrollment.personID,
		name: person.name,
		email: person.email,
		present: enrollment.present,
		dateCreated: enrollment.dateCreated,
	};
}

/** A badge scan (`checklog.*`), with the person's current name and email. */
export function checklogView(scan: ChecklogRecord, person: PersonRecord | undefined): PlainObject {
	return {
		checklogID: scan.checklogID,
		eventID: scan.eventID,
		activityID: scan.activityID,
		personID: scan.personID,
		name: person?.name ?? '',
		email: person?.email ?? '',
		code: scan.code,
		type: scan.type,
		date: scan.date,
		dateCreated: scan.dateCreated,
	};
}
