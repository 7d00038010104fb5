import type { INodeParameters } from 'n8n-workflow';

import { SANDBOX_FIXTURES } from '../../../sandbox';
import { runNode, storedCredential } from '../../harness/runNode';
import { byId, useSandbox } from '../../harness/useSandbox';
import { ActiveTrigger } from '../../harness/pollTrigger';

const { admin, eventA, eventB, companyId, attendee } = SANDBOX_FIXTURES;

const env = useSandbox();

const onAttendees = (event: string, eventId: string = eventB.eventId): INodeParameters => ({
	event,
	eventId: byId(eventId),
});
const register = async (people: Array<{ name: string; email: string }>, eventId: string = eventB.eventId) =>
	await runNode({
		parameters: {
			resource: 'attendee',
			operation: 'create',
			eventId: byId(eventId),
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
		},
		credential: env.credential(),
		items: people,
	});
const update = async (personId: string, updateFields: INodeParameters, eventId: string = eventB.eventId) =>
	await runNode({
		parameters: {
			resource: 'attendee',
			operation: 'update',
			eventId: byId(eventId),
			personId: byId(personId),
			updateFields,
		},
		credential: env.credential(),
	});
const emails = (items: Array<Record<string, unknown>>) => items.map((item) => String(item.email)).sort();

describe('InEvent Trigger: Attendee Registered', () => {
	it('replays nothing on activation, then fires 250 registrations made within one second exactly once', async () => {
		env.sandbox().setClock(1_900_000_000);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		expect(await trigger.poll()).toEqual([]);

		env.sandbox().advanceClock(10);
		const ids = env.sandbox().seedAttendees(eventB.eventId, 250);
		const fired = await trigger.poll();
		expect(fired.map((person) => String(person.personID)).sort()).toEqual([...ids].sort());
		expect(await trigger.poll()).toEqual([]);
	});

	it('catches a registration in the same second as the previous poll, once', async () => {
		env.sandbox().setClock(1_900_000_100);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		await trigger.poll();
		await register([{ name: 'Early Bird', email: 'early@example.test' }]);
		expect(emails(await trigger.poll())).toEqual(['early@example.test']);
		// Same second, after that poll: a second registration races it.
		await register([{ name: 'Racer', email: 'racer@example.test' }]);
		expect(emails(await trigger.poll())).toEqual(['racer@example.test']);
		expect(await trigger.poll()).toEqual([]);
	});

	it('does not fire for an attendee who only changed', async () => {
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered', eventA.eventId), env.credential());
		await trigger.poll();
		env.sandbox().advanceClock(5);
		await update(attendee.personId, { company: 'Changed Co' }, eventA.eventId);
		expect(await trigger.poll()).toEqual([]);
	});

	it('after deactivation and reactivation, delivers what happened while off, once', async () => {
		env.sandbox().setClock(1_900_000_200);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		await trigger.poll();
		// Deactivated: no polls while these arrive.
		env.sandbox().advanceClock(60);
		await register([
			{ name: 'While Off 1', email: 'off1@example.test' },
			{ name: 'While Off 2', email: 'off2@example.test' },
		]);
		env.sandbox().advanceClock(60);
		// Reactivated: the saved cursor is still there.
		expect(emails(await trigger.poll())).toEqual(['off1@example.test', 'off2@example.test']);
		expect(await trigger.poll()).toEqual([]);
	});

	it('works with an Event-scope credential on its own event', async () => {
		const eventScope = storedCredential({
			region: 'custom',
			baseUrl: env.sandbox().url,
			username: admin.username,
			password: eventA.eventPassword,
			scope: 'event',
			eventId: eventA.eventId,
		});
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered', eventA.eventId), eventScope);
		await trigger.poll();
		env.sandbox().advanceClock(3);
		await register([{ name: 'Scoped', email: 'scoped@example.test' }], eventA.eventId);
		expect(emails(await trigger.poll())).toEqual(['scoped@example.test']);
	});

	it('Fetch Test Event returns the newest real registration and leaves the cursor alone', async () => {
		await register([{ name: 'Newest', email: 'newest@example.test' }]);
		const trigger = new ActiveTrigger(onAttendees('attendeeRegistered'), env.credential());
		const sample = await trigger.poll('manual');
		expect(emails(sample)).toEqual(['newest@example.test']);
		expect(trigger.staticData.cursors).toBeUndefined();
	});
});

describe('InEvent Trigger: Attendee Updated and Checked In', () => {
	it('fires each change once, including a second change within the same second', async () => {
		env.sandbox().setClock(1_900_000_300);
		const trigger = new ActiveTrigger(onAttendees('attendeeUpdated', eventA.eventId), env.credential());
		await trigger.poll();
		env.sandbox().advanceClock(2);
		await update(attendee.personId, { company: 'First Co' }, eventA.eventId);
		expect((await trigger.poll()).map((person) => person.company)).toEqual(['First Co']);
		await update(attendee.personId, { company: 'Second Co' }, eventA.eventId);
		expect((await trigger.poll()).map((person) => person.company)).toEqual(['Second Co']);
		expect(await trigger.poll()).toEqual([]);
	});

	it('fires when present turns on, not on later edits, and again after a new check-in', async () => {
		env.sandbox().setClock(1_900_000_400);
		const trigger = new ActiveTrigger(onAttendees('attendeeCheckedIn', eventA.eventId), env.credential());
		await trigger.poll();
		env.sandbox().advanceClock(1);
		await update(attendee.personId, { present: true }, eventA.eventId);
		expect((await trigger.poll()).map((person) => person.personID)).toEqual([attendee.personId]);
		env.sandbox().advanceClock(1);
		await update(attendee.personId, { city: 'Lisbon' }, eventA.eventId);
		expect(await trigger.poll()).toEqual([]);
		env.sandbox().advanceClock(1);
		await update(attendee.personId, { present: false }, eventA.eventId);
		expect(await trigger.poll()).toEqual([]);
		env.sandbox().advanceClock(1);
		await update(attendee.personId, { present: true }, eventA.eventId);
		expect((await trigger.poll()).map((person) => person.personID)).toEqual([attendee.personId]);
	});
});

describe('InEvent Trigger: Attendee Checked In, from badge scans', () => {
	it('fires for a check-in scan at the door, not for a session scan or a check-out', async () => {
		env.sandbox().setClock(1_900_000_450);
		const trigger = new ActiveTrigger(onAttendees('attendeeCheckedIn', eventA.eventId), env.credential());
		await trigger.poll();
		const code = String(env.sandbox().store.getMembership(eventA.eventId, attendee.personId)?.qrCode);
		const [activityId] = env.sandbox().seedActivities(eventA.eventId, 1);
		const scan = async (operation: string, place: INodeParameters = {}) => {
			env.sandbox().advanceClock(1);
			await runNode({
				parameters: {
					resource: 'checkIn',
					operation,
					eventId: byId(eventA.eventId),
					identifyBy: 'code',
					code,
					...place,
				},
				credential: env.credential(),
			});
		};
		await scan('checkIn', { place: 'session', activityId: byId(activityId) });
		expect(await trigger.poll()).toEqual([]);
		await scan('checkIn');
		expect((await trigger.poll()).map((person) => person.personID)).toEqual([attendee.personId]);
		await scan('checkOut');
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('InEvent Trigger: Event Created', () => {
	it('fires for each new event of the company once, oldest first', async () => {
		env.sandbox().setClock(1_900_000_500);
		const trigger = new ActiveTrigger({ event: 'eventCreated', companyId: byId(companyId) }, env.credential());
		expect(await trigger.poll()).toEqual([]);
		env.sandbox().advanceClock(1);
		for (const nickname of ['trigger-one', 'trigger-two']) {
			await runNode({
				parameters: { resource: 'event', operation: 'create', companyId: byId(companyId), name: nickname, nickname },
				credential: env.credential(),
			});
		}
		expect((await trigger.poll()).map((event) => event.nickname)).toEqual(['trigger-one', 'trigger-two']);
		expect(await trigger.poll()).toEqual([]);
	});
});
