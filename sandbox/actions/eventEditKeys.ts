import { badRequest, emptyAttribute } from '../server/errors';
import { isValidEmail, parseFlag, parseUnixSeconds } from '../server/params';
import type { EventRecord } from '../store/records';
import type { SandboxStore } from '../store/store';

/**
 * Inferred: a nickname is "the string that will be used in the browser URL" (§9.1), so it must be
 * URL-safe (letters, digits, `-`, `_`) and unique within the company (two events cannot share a URL).
 */
export function assertNickname(store: SandboxStore, companyID: string, nickname: string, exceptEventID?: string): void {
	if (!/^[A-Za-z0-9_-]{1,100}$/.test(nickname)) {
		throw badRequest('nickname may only contain letters, digits, "-" and "_"');
	}
	const lower = nickname.toLowerCase();
	for (const event of store.eventsOfCompany(companyID)) {
		if (event.eventID !== exceptEventID && event.nickname.toLowerCase() === lower) {
			throw badRequest(`nickname ${nickname} is already in use`);
		}
	}
}

type EventEditor = (event: EventRecord, value: string, store: SandboxStore) => void;

type TextKey =
	| 'description'
	| 'cover'
	| 'address'
	| 'fugleman'
	| 'website'
	| 'accessCode'
	| 'facebook'
	| 'twitter'
	| 'wireless';
type DateKey = 'dateBegin' | 'dateEnd' | 'enrollmentBegin' | 'enrollmentEnd';
type FlagKey = 'visible' | 'public' | 'automaticEnrollment';

const text =
	(key: TextKey): EventEditor =>
	(event, value) => {
		event[key] = value;
	};

const date =
	(key: DateKey): EventEditor =>
	(event, value) => {
		event[key] = parseUnixSeconds(value, key);
	};

const flag =
	(key: FlagKey): EventEditor =>
	(event, value) => {
		event[key] = parseFlag(value.trim(), key);
	};

const coordinate =
	(key: 'latitude' | 'longitude', bound: number): EventEditor =>
	(event, value) => {
		const trimmed = value.trim();
		if (trimmed !== '') {
			const number = Number(trimmed);
			if (!/^-?\d+(\.\d+)?$/.test(trimmed) || Math.abs(number) > bound) {
				throw badRequest(`${key} must be a number between -${bound} and ${bound}`);
			}
		}
		event[key] = trimmed;
	};

/** Exactly the keys documented for `event.edit` (§9.2); any other key is refused with 406. */
export const EVENT_EDITORS: Readonly<Record<string, EventEditor>> = {
	name: (event, value) => {
		if (value.trim() === '') throw emptyAttribute('name');
		event.name = value.trim();
	},
	nickname: (event, value, store) => {
		const nickname = value.trim();
		if (nickname === '') throw emptyAttribute('nickname');
		assertNickname(store, event.companyID, nickname, event.eventID);
		event.nickname = nickname;
	},
	email: (event, value) => {
		const email = value.trim();
		if (email !== '' && !isValidEmail(email)) throw badRequest('email is not a valid email address');
		event.email = email;
	},
	description: text('description'),
	cover: text('cover'),
	dateBegin: date('dateBegin'),
	dateEnd: date('dateEnd'),
	enrollmentBegin: date('enrollmentBegin'),
	enrollmentEnd: date('enrollmentEnd'),
	latitude: coordinate('latitude', 90),
	longitude: coordinate('longitude', 180),
	address: text('address'),
	fugleman: text('fugleman'),
	website: text('website'),
	accessCode: text('accessCode'),
	facebook: text('facebook'),
	twitter: text('twitter'),
	wireless: text('wireless'),
	visible: flag('visible'),
	public: flag('public'),
	automaticEnrollment: flag('automaticEnrollment'),
};
