import { badRequest, emptyAttribute } from '../server/errors';
import { assertEmail, isValidEmail, parseFlag } from '../server/params';
import { KNOWN_LEVELS, splitName, type MembershipRecord, type PersonRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { eventTagIds } from './tags';

/** The person and their link to one event, as edited by `event.person.operate`. */
export interface AttendeeDraft {
	person: PersonRecord;
	membership: MembershipRecord;
}

interface AttendeeEditor {
	/** Documented as "admin only" (§10.2), or inferred so (`level`: a user cannot raise their own). */
	adminOnly: boolean;
	apply(draft: AttendeeDraft, value: string, store: SandboxStore): void;
}

type PersonTextKey =
	| 'role'
	| 'company'
	| 'summary'
	| 'image'
	| 'telephone'
	| 'city'
	| 'facebook'
	| 'linkedin'
	| 'twitter'
	| 'instagram'
	| 'website';

const personText = (key: PersonTextKey): AttendeeEditor => ({
	adminOnly: false,
	apply: (draft, value) => {
		draft.person[key] = value.trim();
	},
});

const membershipFlag = (key: 'present'): AttendeeEditor => ({
	adminOnly: false,
	apply: (draft, value) => {
		draft.membership[key] = parseFlag(value.trim(), key);
	},
});

const numericIdOrEmpty = (key: 'ticketID' | 'profileID'): AttendeeEditor => ({
	adminOnly: true,
	apply: (draft, value) => {
		const trimmed = value.trim();
		if (trimmed !== '' && !/^\d+$/.test(trimmed)) throw badRequest(`${key} must be a numeric ID`);
		draft.membership[key] = trimmed;
	},
});

function setNamePart(draft: AttendeeDraft, part: 'firstName' | 'lastName', value: string): void {
	const trimmed = value.trim();
	if (part === 'firstName' && trimmed === '') throw emptyAttribute('firstName');
	draft.person[part] = trimmed;
	draft.person.name = `${draft.person.firstName} ${draft.person.lastName}`.trim();
}

/**
 * Exactly the keys documented for `event.person.operate` (§10.2); any other key → 406, except the
 * custom-field keys `f_<API field>` (see `customFields.ts`).
 */
export const ATTENDEE_EDITORS: Readonly<Record<string, AttendeeEditor>> = {
	name: {
		adminOnly: false,
		apply: (draft, value) => {
			if (value.trim() === '') throw emptyAttribute('name');
			draft.person.name = value.trim();
			Object.assign(draft.person, splitName(value));
		},
	},
	firstName: { adminOnly: false, apply: (draft, value) => setNamePart(draft, 'firstName', value) },
	lastName: { adminOnly: false, apply: (draft, value) => setNamePart(draft, 'lastName', value) },
	email: {
		adminOnly: false,
		apply: (draft, value, store) => {
			if (value.trim() === '') throw emptyAttribute('email');
			const email = assertEmail(value);
			// Inferred: an email identifies one account, so it cannot move onto a second person. "The same email" is
			// read by the `emailMatch` switch: under `exact`, another account may hold the same letters in another case.
			const taken = store.personsWithEmail(email).some((owner) => owner.personID !== draft.person.personID);
			if (taken) throw badRequest(`email ${email} is already in use`);
			draft.person.email = email;
		},
	},
	password: {
		adminOnly: false,
		apply: (draft, value) => {
			if (value === '') throw emptyAttribute('password');
			draft.person.password = value;
		},
	},
	role: personText('role'),
	company: personText('company'),
	summary: personText('summary'),
	image: personText('image'),
	telephone: personText('telephone'),
	city: personText('city'),
	facebook: personText('facebook'),
	linkedin: personText('linkedin'),
	twitter: personText('twitter'),
	instagram: personText('instagram'),
	website: personText('website'),
	message: {
		adminOnly: true,
		apply: (draft, value) => {
			draft.membership.message = value;
		},
	},
	language: {
		adminOnly: false,
		apply: (draft, value) => {
			const code = value.trim().toLowerCase();
			if (code !== '' && !/^[a-z]{2}$/.test(code)) throw badRequest('language must be an ISO 639-1 code');
			draft.person.language = code;
		},
	},
	private: {
		adminOnly: false,
		apply: (draft, value) => {
			draft.person.private = parseFlag(value.trim(), 'private');
		},
	},
	rsvp: {
		adminOnly: false,
		apply: (draft, value) => {
			draft.membership.rsvp = parseFlag(value.trim(), 'rsvp');
		},
	},
	present: membershipFlag('present'),
	level: {
		adminOnly: true,
		apply: (draft, value) => {
			draft.membership.level = parseLevel(value);
		},
	},
	nfc: {
		adminOnly: false,
		apply: (draft, value) => {
			const tag = value.trim();
			if (tag !== '' && !/^[A-Za-z0-9+/]+={0,2}$/.test(tag)) throw badRequest('nfc must be base64');
			draft.membership.nfc = tag;
		},
	},
	ticketID: numericIdOrEmpty('ticketID'),
	profileID: numericIdOrEmpty('profileID'),
	assistantEmail: {
		adminOnly: true,
		apply: (draft, value) => {
			const email = value.trim();
			if (email !== '' && !isValidEmail(email)) throw badRequest('assistantEmail is not a valid email address');
			draft.membership.assistantEmail = email;
		},
	},
	/** Replaces the attendee's tags; each must be a tag of the event (`tag.find`). Empty clears them. */
	tagIDs: {
		adminOnly: false,
		apply: (draft, value, store) => {
			draft.membership.tagIDs = value.trim() === '' ? [] : eventTagIds(store, draft.membership.eventID, value);
		},
	},
};

export function findAttendeeEditor(key: string): AttendeeEditor | undefined {
	return Object.prototype.hasOwnProperty.call(ATTENDEE_EDITORS, key) ? ATTENDEE_EDITORS[key] : undefined;
}

/** `level` must be one of the documented numeric levels (§3.4); Interpreter's value is unknown. */
export function parseLevel(value: string): number {
	const trimmed = value.trim();
	const level = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
	if (!KNOWN_LEVELS.includes(level)) throw badRequest(`level must be one of ${KNOWN_LEVELS.join(', ')}`);
	return level;
}
