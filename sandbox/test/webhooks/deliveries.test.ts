import { SANDBOX_FIXTURES, startSandbox, WEBHOOK_USER_AGENT, type ApiObject, type Sandbox } from '../../index';
import { call, rowsOf, str, tokenFor, type Params } from '../testClient';
import { startReceiver, type Receiver } from './receiver';

const { admin, attendee, companyId, eventA, eventB, customFields } = SANDBOX_FIXTURES;

/** Frozen before signing in, so every date below is exact. */
const T = 1_900_000_000;
/** Every type a change in an event fires (eventCreated is the company's). */
const EVENT_TYPES = [
	'eventEdited',
	'eventEnrollment',
	'eventEnrollmentUpdate',
	'eventDismissal',
	'activityEnrollment',
	'activityDismissal',
	'eventCheckIn',
	'eventCheckOut',
	'activityCheckIn',
	'activityCheckOut',
	'activityCreated',
	'activityEdited',
	'activityRemoved',
];

type Payload = Record<string, unknown>;

let sandbox: Sandbox;
let receiver: Receiver;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	receiver = await startReceiver();
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	sandbox.reset();
	sandbox.setClock(T);
	receiver.received.length = 0;
	receiver.respondWith(() => 200);
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const act = (action: string, query: Params, body?: Params) => call(sandbox, action, { token, query, body });
const hook = async (query: Params, type: string, url = receiver.url(`/${type}`)) =>
	str(rowsOf(await act('webhook.create', query, { type, url }))[0], 'webhookID');
const bind = (name: string, query: Params = {}, eventID = eventA.eventId) =>
	act(
		'event.person.bind',
		{ eventID, ...query },
		{ name, email: `${name.toLowerCase().replace(/ /g, '.')}@hooks.test` },
	);
const personGet = async (personID: string) =>
	rowsOf(await act('event.person.get', { eventID: eventA.eventId, personID }))[0];

/** The bodies the receiver got while `run` ran and its deliveries settled. */
async function firedBy(run: () => Promise<unknown>): Promise<Payload[]> {
	const before = receiver.received.length;
	await run();
	await sandbox.whenDeliveriesSettled();
	return receiver.bodies().slice(before);
}

/** The one row an action answered (fails the test otherwise). */
async function answered(result: ReturnType<typeof act>): Promise<ApiObject> {
	const rows = rowsOf(await result);
	expect(rows).toHaveLength(1);
	return rows[0];
}

describe('a delivery', () => {
	it('nested (default): POST JSON with the InEvent-Webhooks user agent; integers outside, the get row in data', async () => {
		const webhookID = await hook({ eventID: eventA.eventId }, 'eventEnrollment');
		const [body] = await firedBy(() => bind('New Person'));
		const [received] = receiver.received;
		expect(received.method).toBe('POST');
		expect(received.path).toBe('/eventEnrollment');
		expect(received.headers['content-type']).toBe('application/json');
		expect(received.headers['user-agent']).toBe(WEBHOOK_USER_AGENT);
		expect(WEBHOOK_USER_AGENT).toBe('InEvent-Webhooks (sandbox)');
		expect(Number(received.headers['content-length'])).toBe(Buffer.byteLength(received.body));
		expect(Object.keys(body)).toEqual(['webhookID', 'type', 'eventID', 'companyID', 'date', 'data']);
		const data = body.data as ApiObject;
		expect(body).toEqual({
			webhookID: Number(webhookID),
			type: 'eventEnrollment',
			eventID: Number(eventA.eventId),
			companyID: Number(companyId),
			date: T,
			data: await personGet(str(data, 'personID')),
		});
		expect(data).toMatchObject({ name: 'New Person', email: 'new.person@hooks.test', dateCreated: String(T) });
		expect(sandbox.deliveries()).toEqual([
			{
				webhookLogID: '500001',
				webhookID,
				type: 'eventEnrollment',
				url: receiver.url('/eventEnrollment'),
				attempt: 1,
				status: 200,
				ms: expect.any(Number),
				body: received.body,
				sentAt: expect.any(Number),
			},
		]);
	});

	it('flat: the row at the top level (strings) plus type and eventID; no webhookID, data or date', async () => {
		sandbox.setWebhookPayload('flat');
		await hook({ eventID: eventA.eventId }, 'eventEnrollment');
		const [body] = await firedBy(() => bind('Flat Person'));
		const row = await personGet(str(body as ApiObject, 'personID'));
		expect(body).toEqual({ ...row, type: 'eventEnrollment', eventID: eventA.eventId });
		expect(Object.keys(body)).toEqual([...Object.keys(row), 'type']);
		expect(body).not.toHaveProperty('webhookID');
		expect(body).not.toHaveProperty('data');
	});

	it("flat check-in: the row's own type (in/out) gives way to the webhook type", async () => {
		sandbox.setWebhookPayload('flat');
		await hook({ eventID: eventA.eventId }, 'eventCheckIn');
		const [body] = await firedBy(async () => sandbox.checkIn(eventA.eventId, attendee.personId));
		expect(body).toMatchObject({ checklogID: '90001', personID: attendee.personId, type: 'eventCheckIn' });
	});
});

describe('changes → types', () => {
	it('each API change fires its type with the row the API answers (dismissals: the row as it was)', async () => {
		const hookIds: Record<string, string> = {};
		for (const type of EVENT_TYPES) hookIds[type] = await hook({ eventID: eventA.eventId }, type);
		const eventQuery = { eventID: eventA.eventId };
		const types = (bodies: Payload[]) => bodies.map((body) => body.type);
		const only = async (bodies: Payload[], type: string): Promise<ApiObject> => {
			expect(types(bodies)).toEqual([type]);
			expect(bodies[0]).toMatchObject({ webhookID: Number(hookIds[type]), eventID: Number(eventA.eventId), date: T });
			return bodies[0].data as ApiObject;
		};

		let row: ApiObject | undefined;
		let fired = await firedBy(async () => (row = await answered(bind('Pat Doe'))));
		expect(await only(fired, 'eventEnrollment')).toEqual(row);
		const personID = str(row!, 'personID');
		expect(await firedBy(() => bind('Pat Doe'))).toEqual([]); // already an attendee: nothing changes

		const who = { ...eventQuery, personID };
		fired = await firedBy(
			async () => (row = await answered(act('event.person.operate', { ...who, key: 'company' }, { value: 'Acme' }))),
		);
		expect(await only(fired, 'eventEnrollmentUpdate')).toEqual(row);
		expect(row).toMatchObject({ company: 'Acme' });

		const content = JSON.stringify({ [`f_${customFields.dietaryNeeds.apiKey}`]: 'Vegan' });
		fired = await firedBy(() => act('feedback.respond', who, { content }));
		expect(await only(fired, 'eventEnrollmentUpdate')).toEqual(await personGet(personID));

		fired = await firedBy(async () => (row = await answered(act('person.tag.bind', { tagID: '2', personID }))));
		expect(await only(fired, 'eventEnrollmentUpdate')).toEqual(row);
		expect(await firedBy(() => act('person.tag.bind', { tagID: '2', personID }))).toEqual([]); // no change
		fired = await firedBy(() => act('person.tag.dismiss', { tagID: '2', personID }));
		expect(types(fired)).toEqual(['eventEnrollmentUpdate']);

		const slot = { name: 'Workshop', dateBegin: String(T), dateEnd: String(T + 3600) };
		fired = await firedBy(async () => (row = await answered(act('activity.create', eventQuery, slot))));
		expect(await only(fired, 'activityCreated')).toEqual(row);
		const activityID = str(row!, 'activityID');
		fired = await firedBy(
			async () => (row = await answered(act('activity.edit', { activityID, key: 'location' }, { value: 'Room 2' }))),
		);
		expect(await only(fired, 'activityEdited')).toEqual(row);

		fired = await firedBy(async () => (row = await answered(act('activity.person.bind', { activityID, personID }))));
		expect(await only(fired, 'activityEnrollment')).toEqual(row);
		expect(await firedBy(() => act('activity.person.bind', { activityID, personID }))).toEqual([]);

		const code = str(await personGet(personID), 'qrCode');
		const scan = (action: string, query: Params = {}) =>
			answered(act(action, { ...eventQuery, code, date: String(T), ...query }));
		fired = await firedBy(async () => (row = await scan('checklog.checkIn')));
		expect(await only(fired, 'eventCheckIn')).toEqual(row);
		fired = await firedBy(async () => (row = await scan('checklog.checkOut')));
		expect(await only(fired, 'eventCheckOut')).toEqual(row);
		fired = await firedBy(async () => (row = await scan('checklog.checkIn', { activityID })));
		expect(await only(fired, 'activityCheckIn')).toEqual(row);
		expect(row).toMatchObject({ activityID, type: 'in' });
		fired = await firedBy(async () => (row = await scan('checklog.checkOut', { activityID })));
		expect(await only(fired, 'activityCheckOut')).toEqual(row);

		fired = await firedBy(async () => (row = await answered(act('activity.person.dismiss', { activityID, personID }))));
		expect(await only(fired, 'activityDismissal')).toEqual(row);

		fired = await firedBy(
			async () => (row = await answered(act('event.edit', { ...eventQuery, key: 'name' }, { value: 'Renamed' }))),
		);
		expect(await only(fired, 'eventEdited')).toEqual(row);
		expect(row).toMatchObject({ eventID: eventA.eventId, name: 'Renamed' });

		await act('activity.person.bind', { activityID, personID, bypassWebhook: '1' });
		const before = await personGet(personID);
		fired = await firedBy(async () => (row = await answered(act('event.person.dismiss', who))));
		expect(await only(fired, 'eventDismissal')).toEqual(row);
		expect(row).toEqual(before); // as it was; the enrollment went with it, without an activityDismissal

		fired = await firedBy(async () => (row = await answered(act('activity.remove', { activityID }))));
		expect(await only(fired, 'activityRemoved')).toEqual(row);

		// Nothing reached another path than the hook of its type.
		for (const received of receiver.received) expect(received.path).toBe(`/${JSON.parse(received.body).type}`);
	});

	it('company.event.bind fires eventCreated to the company hooks, with the new event row', async () => {
		const companyHook = await hook({ companyID: companyId }, 'eventCreated');
		let row: ApiObject | undefined;
		const fired = await firedBy(async () => {
			row = await answered(
				act('company.event.bind', { companyID: companyId }, { name: 'Launch', nickname: 'launch-2030' }),
			);
		});
		expect(fired).toEqual([
			{
				webhookID: Number(companyHook),
				type: 'eventCreated',
				eventID: Number(str(row!, 'eventID')),
				companyID: Number(companyId),
				date: T,
				data: row,
			},
		]);
	});

	it('sandbox.registerAttendees and sandbox.checkIn/checkOut fire as the form and the scanner would', async () => {
		await hook({ eventID: eventA.eventId }, 'eventEnrollment');
		await hook({ eventID: eventA.eventId }, 'eventCheckIn');
		await hook({ eventID: eventA.eventId }, 'activityCheckOut');
		let ids: string[] = [];
		let fired = await firedBy(async () => {
			ids = sandbox.registerAttendees(eventA.eventId, [
				{ name: 'Form One', email: 'form.one@hooks.test' },
				{ name: 'Form Two', email: 'form.two@hooks.test' },
				{ name: 'Ana Again', email: attendee.username }, // already an attendee: hers, no webhook
			]);
		});
		expect(ids[2]).toBe(attendee.personId);
		expect(fired.map((body) => (body.data as ApiObject).personID).sort()).toEqual(ids.slice(0, 2).sort());
		for (const personID of ids.slice(0, 2)) {
			const row = await personGet(personID);
			expect(fired.find((body) => (body.data as ApiObject).personID === personID)?.data).toEqual(row);
			expect(row).toMatchObject({ level: '1', enrollmentDate: String(T), username: row.email });
		}
		expect(() => sandbox.registerAttendees(eventA.eventId, [{ name: 'X', email: 'not-an-email' }])).toThrow(RangeError);
		expect(() => sandbox.registerAttendees('1', [])).toThrow(RangeError);

		let scan: ApiObject | undefined;
		fired = await firedBy(async () => (scan = sandbox.checkIn(eventA.eventId, ids[0])));
		expect(fired).toHaveLength(1);
		expect(fired[0]).toMatchObject({ type: 'eventCheckIn', data: scan });
		expect(scan).toMatchObject({
			eventID: eventA.eventId,
			activityID: '0',
			personID: ids[0],
			type: 'in',
			date: String(T),
		});
		expect(await personGet(ids[0])).toMatchObject({ present: '1' });
		const [activityID] = sandbox.seedActivities(eventA.eventId, 1);
		fired = await firedBy(async () => (scan = sandbox.checkOut(eventA.eventId, ids[0], activityID)));
		expect(fired).toEqual([expect.objectContaining({ type: 'activityCheckOut', data: scan })]);
		expect(() => sandbox.checkIn(eventB.eventId, ids[0])).toThrow(RangeError);
		expect(() => sandbox.checkIn(eventA.eventId, ids[0], '1')).toThrow(RangeError);
	});
});

describe('bypassWebhook', () => {
	it('=1 fires nothing on every firing action; another value → 400 and nothing changes', async () => {
		for (const type of EVENT_TYPES) await hook({ eventID: eventA.eventId }, type);
		await hook({ companyID: companyId }, 'eventCreated');
		const bypass = { bypassWebhook: '1' };
		const eventQuery = { eventID: eventA.eventId, ...bypass };
		const fired = await firedBy(async () => {
			const personID = str(await answered(bind('Quiet One', bypass)), 'personID');
			const who = { ...eventQuery, personID };
			await answered(act('event.person.operate', { ...who, key: 'company' }, { value: 'Acme' }));
			await act('feedback.respond', who, { content: JSON.stringify({ f_dietary_needs: 'Vegan' }) });
			await answered(act('person.tag.bind', { tagID: '2', personID, ...bypass }));
			await answered(act('person.tag.dismiss', { tagID: '2', personID, ...bypass }));
			const slot = { name: 'W', dateBegin: String(T), dateEnd: String(T + 60) };
			const activityID = str(await answered(act('activity.create', eventQuery, slot)), 'activityID');
			await answered(act('activity.edit', { activityID, key: 'name', ...bypass }, { value: 'W2' }));
			await answered(act('activity.person.bind', { activityID, personID, ...bypass }));
			const code = str(await personGet(personID), 'qrCode');
			for (const action of ['checklog.checkIn', 'checklog.checkOut']) {
				await answered(act(action, { ...eventQuery, code, date: String(T) }));
				await answered(act(action, { ...eventQuery, code, date: String(T), activityID }));
			}
			await answered(act('activity.person.dismiss', { activityID, personID, ...bypass }));
			await answered(act('event.edit', { ...eventQuery, key: 'name' }, { value: 'Quiet' }));
			await answered(act('activity.remove', { activityID, ...bypass }));
			await answered(act('event.person.dismiss', who));
			await answered(
				act('company.event.bind', { companyID: companyId, ...bypass }, { name: 'Q', nickname: 'quiet-q' }),
			);
		});
		expect(fired).toEqual([]);
		expect(sandbox.deliveries()).toEqual([]);
		expect(sandbox.requests.every((entry) => entry.status === 200)).toBe(true);

		// bypassWebhook=0 fires; a value other than 0/1 refuses the call before anything changes.
		expect((await firedBy(() => bind('Loud One', { bypassWebhook: '0' }))).map((body) => body.type)).toEqual([
			'eventEnrollment',
		]);
		const members = sandbox.store.countAttendees(eventA.eventId);
		const refused = await bind('Never Here', { bypassWebhook: 'yes' });
		expect(refused.status).toBe(400);
		expect(refused.json?.error?.message).toBe('bypassWebhook must be 0 or 1');
		expect(sandbox.store.countAttendees(eventA.eventId)).toBe(members);
		const renamed = await act(
			'event.edit',
			{ eventID: eventA.eventId, key: 'name', bypassWebhook: '2' },
			{ value: 'X' },
		);
		expect(renamed.status).toBe(400);
		expect(sandbox.store.events.get(eventA.eventId)?.name).toBe('Quiet');
	});
});

describe('levels', () => {
	it("an event's hooks hear only that event; company hooks hear the company's events unless eventCreatedOnly", async () => {
		await hook({ eventID: eventB.eventId }, 'eventEnrollment', receiver.url('/eventB'));
		await hook({ companyID: companyId }, 'eventEnrollment', receiver.url('/company'));
		await hook({ eventID: eventA.eventId }, 'eventEnrollment', receiver.url('/eventA'));
		let fired = await firedBy(() => bind('Level One'));
		expect(fired).toHaveLength(2);
		expect(receiver.received.map((entry) => entry.path).sort()).toEqual(['/company', '/eventA']);
		sandbox.setWebhookCompanyScope('eventCreatedOnly');
		receiver.received.length = 0;
		fired = await firedBy(() => bind('Level Two'));
		expect(receiver.received.map((entry) => entry.path)).toEqual(['/eventA']);
		// Another company's event is not heard.
		sandbox.setWebhookCompanyScope('allEvents');
		receiver.received.length = 0;
		const otherToken = await tokenFor(
			sandbox,
			SANDBOX_FIXTURES.otherAdmin.username,
			SANDBOX_FIXTURES.otherAdmin.password,
		);
		await call(sandbox, 'event.person.bind', {
			token: otherToken,
			query: { eventID: SANDBOX_FIXTURES.otherEvent.eventId },
			body: { name: 'Elsewhere', email: 'elsewhere@hooks.test' },
		});
		await sandbox.whenDeliveriesSettled();
		expect(receiver.received).toEqual([]);
	});

	it('an edited url is used from then on; a removed hook fires no more', async () => {
		const webhookID = await hook({ eventID: eventA.eventId }, 'eventEnrollment', receiver.url('/before'));
		await act('webhook.edit', { webhookID, key: 'url' }, { value: receiver.url('/after') });
		await firedBy(() => bind('Edited One'));
		await act('webhook.remove', { webhookID, eventID: eventA.eventId });
		await firedBy(() => bind('Removed One'));
		expect(receiver.received.map((entry) => entry.path)).toEqual(['/after']);
	});
});

describe('faults', () => {
	it('an action run under ambiguousDrop still fires; one refused by http500 does not', async () => {
		await hook({ eventID: eventA.eventId }, 'eventEnrollment');
		sandbox.setFaults([{ kind: 'ambiguousDrop', actions: ['event.person.bind'], times: 1 }]);
		let fired = await firedBy(() => bind('Dropped One').catch(() => undefined));
		expect(fired.map((body) => (body.data as ApiObject).name)).toEqual(['Dropped One']);
		sandbox.setFaults([{ kind: 'http500', actions: ['event.person.bind'], times: 1 }]);
		fired = await firedBy(() => bind('Refused One'));
		expect(fired).toEqual([]);
	});
});
