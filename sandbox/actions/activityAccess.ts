import { findEvent, requireEventAdmin, resolveEventAccess, type EventAccess } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { badRequest } from '../server/errors';
import type { StringMap } from '../server/http';
import { optionalParam, requireId } from '../server/params';
import type { ActivityRecord, EnrollmentRecord, MembershipRecord, PersonRecord } from '../store/records';
import type { SandboxStore } from '../store/store';
import { activityView } from '../store/views';

/** The event named by `eventID`, as the caller reaches it (scope and level applied). */
export function openEvent(ctx: ActionContext, options: { admin: boolean }): EventAccess {
	const caller = requireCaller(ctx);
	const event = findEvent(ctx.store, requireId(ctx.request.query, 'eventID'));
	const access = resolveEventAccess(ctx.store, caller, event);
	if (options.admin) requireEventAdmin(access);
	return access;
}

export function findActivity(store: SandboxStore, activityID: string): ActivityRecord {
	const activity = store.activities.get(activityID);
	if (!activity) throw badRequest("Couldn't find the activityID");
	return activity;
}

/** `activityID`, when given, must name a session of the event (else 400 "Couldn't find the activityID"). */
export function optionalSession(store: SandboxStore, query: StringMap, eventID: string): ActivityRecord | undefined {
	if (optionalParam(query, 'activityID') === undefined) return undefined;
	const activity = store.activities.get(requireId(query, 'activityID'));
	if (!activity || activity.eventID !== eventID) throw badRequest("Couldn't find the activityID");
	return activity;
}

export interface ActivityCall {
	activity: ActivityRecord;
	access: EventAccess;
}

/** The session named by `activityID`, reached through its event (an Event token only for that event). */
export function openActivity(ctx: ActionContext, options: { admin: boolean }): ActivityCall {
	const caller = requireCaller(ctx);
	const activity = findActivity(ctx.store, requireId(ctx.request.query, 'activityID'));
	const access = resolveEventAccess(ctx.store, caller, findEvent(ctx.store, activity.eventID));
	if (options.admin) requireEventAdmin(access);
	return { activity, access };
}

export interface Attendee {
	person: PersonRecord;
	membership: MembershipRecord;
}

/** The attendee of the event named by `personID` (else 400 "Couldn't find the personID"). */
export function findAttendee(store: SandboxStore, eventID: string, personID: string): Attendee {
	const membership = store.getMembership(eventID, personID);
	const person = store.persons.get(personID);
	if (!membership || !person) throw badRequest("Couldn't find the personID");
	return { person, membership };
}

export interface Enrollment {
	person: PersonRecord;
	enrollment: EnrollmentRecord;
}

/** The enrollment of `personID` in the session (not enrolled → 400 "Couldn't find the personID"). */
export function findEnrollment(store: SandboxStore, activity: ActivityRecord, personID: string): Enrollment {
	const enrollment = store.enrolledIn(activity.activityID).get(personID);
	const person = store.persons.get(personID);
	if (!enrollment || !person) throw badRequest("Couldn't find the personID");
	return { person, enrollment };
}

/** Inferred: capacity 0 means unlimited; a session is full once enrollments reach its capacity. */
export function isFull(store: SandboxStore, activity: ActivityRecord): boolean {
	return activity.capacity > 0 && store.enrolledIn(activity.activityID).size >= activity.capacity;
}

/** A session row with its current enrollment count. */
export function showActivity(store: SandboxStore, activity: ActivityRecord): PlainObject {
	return activityView(activity, store.enrolledIn(activity.activityID).size);
}
