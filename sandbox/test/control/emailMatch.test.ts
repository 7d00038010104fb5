import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, signIn, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, eventA } = SANDBOX_FIXTURES;
const ANA = attendee.username;
const ANA_UPPER = ANA.toUpperCase();

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	token = await tokenFor(sandbox, admin.username, admin.password);
});

const bind = (body: Params) => call(sandbox, 'event.person.bind', { token, query: { eventID: eventA.eventId }, body });
const get = (email: string) => call(sandbox, 'event.person.get', { token, query: { eventID: eventA.eventId, email } });
const find = (query: Params) =>
	call(sandbox, 'event.person.find', { token, query: { eventID: eventA.eventId, selection: 'all', ...query } });
const operateEmail = (personID: string, value: string) =>
	call(sandbox, 'event.person.operate', {
		token,
		query: { eventID: eventA.eventId, personID, key: 'email' },
		body: { value },
	});
const postConfig = (payload: unknown) =>
	fetch(`${sandbox.url}__sandbox/config`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
	});

/** The personID `event.person.get` answers for this email, or its error message. */
async function personIdByGet(email: string): Promise<string> {
	const result = await get(email);
	return result.status === 200 ? str(rowsOf(result)[0], 'personID') : errorMessage(result);
}
/** The personIDs `event.person.find` lists for these filters. */
async function personIdsByFind(query: Params): Promise<string[]> {
	return rowsOf(await find(query)).map((row) => str(row, 'personID'));
}
const attendeeCount = () => sandbox.store.countAttendees(eventA.eventId);

describe('emailMatch caseInsensitive (default)', () => {
	it('gets, finds and signs in whatever the case', async () => {
		expect(sandbox.config.emailMatch).toBe('caseInsensitive');
		expect(await personIdByGet(ANA_UPPER)).toBe(attendee.personId);
		expect(await personIdsByFind({ email: ANA_UPPER })).toEqual([attendee.personId]);
		expect(await personIdsByFind({ username: ' Ana@Sandbox.Test ' })).toEqual([attendee.personId]);
		expect(await personIdsByFind({ queryKey: 'email', query: ANA_UPPER })).toEqual([attendee.personId]);
		expect((await signIn(sandbox, ANA_UPPER, attendee.password)).status).toBe(200);
	});

	it('binds a differently-cased email to the existing attendee (no duplicate)', async () => {
		const count = attendeeCount();
		const [row] = rowsOf(await bind({ name: 'Ana Again', email: ANA_UPPER }));
		expect(row).toMatchObject({ personID: attendee.personId, email: ANA, name: attendee.name });
		expect(attendeeCount()).toBe(count);
	});

	it('stores an email as sent (trimmed), never lower-cased', async () => {
		const [row] = rowsOf(await bind({ name: 'Mixed Case', email: '  Mixed.Case@Sandbox.Test ' }));
		expect(row).toMatchObject({ email: 'Mixed.Case@Sandbox.Test', username: 'Mixed.Case@Sandbox.Test' });
		expect(sandbox.store.persons.get(str(row, 'personID'))?.email).toBe('Mixed.Case@Sandbox.Test');
		expect(await personIdByGet('mixed.case@sandbox.test')).toBe(row.personID);
	});

	it('refuses an operate onto another account whose email differs only in case', async () => {
		expect(errorMessage(await operateEmail(admin.personId, ANA_UPPER))).toBe(`email ${ANA_UPPER} is already in use`);
		// Her own email in another case is hers: stored as sent, still found in any case.
		expect((await operateEmail(attendee.personId, 'Ana@Sandbox.Test')).status).toBe(200);
		expect(sandbox.store.persons.get(attendee.personId)?.email).toBe('Ana@Sandbox.Test');
		expect(await personIdByGet(ANA)).toBe(attendee.personId);
	});
});

describe('emailMatch exact', () => {
	beforeEach(() => sandbox.setEmailMatch('exact'));

	it('gets and finds only the same characters (trimmed)', async () => {
		expect(await personIdByGet(ANA_UPPER)).toBe("Couldn't find the email");
		expect(await personIdByGet(` ${ANA} `)).toBe(attendee.personId);
		expect(await personIdsByFind({ email: ANA_UPPER })).toEqual([]);
		expect(await personIdsByFind({ email: ` ${ANA}` })).toEqual([attendee.personId]);
		expect(await personIdsByFind({ username: 'Ana@sandbox.test' })).toEqual([]);
		expect(await personIdsByFind({ username: ANA })).toEqual([attendee.personId]);
		expect(await personIdsByFind({ queryKey: 'email', query: ANA_UPPER })).toEqual([]);
		// `query` alone is a search, not an account look-up: still a case-insensitive substring.
		expect(await personIdsByFind({ query: 'ANA@SANDBOX' })).toEqual([attendee.personId]);
	});

	it('binds a differently-cased email as a second person, and the same email to the existing one', async () => {
		const count = attendeeCount();
		const [upper] = rowsOf(await bind({ name: 'Ana Upper', email: ANA_UPPER, password: 'upper-pw' }));
		expect(upper.personID).not.toBe(attendee.personId);
		expect(upper).toMatchObject({ email: ANA_UPPER, username: ANA_UPPER, name: 'Ana Upper' });
		expect(attendeeCount()).toBe(count + 1);

		const [again] = rowsOf(await bind({ name: 'Ana Upper Again', email: ANA_UPPER }));
		expect(again).toMatchObject({ personID: upper.personID, name: 'Ana Upper' });
		const [ana] = rowsOf(await bind({ name: 'Ana Lower', email: ` ${ANA} ` }));
		expect(ana.personID).toBe(attendee.personId);
		expect(attendeeCount()).toBe(count + 1);

		// Both accounts coexist in the index and are told apart by every look-up.
		expect(await personIdByGet(ANA)).toBe(attendee.personId);
		expect(await personIdByGet(ANA_UPPER)).toBe(upper.personID);
		expect(await personIdsByFind({ email: ANA_UPPER })).toEqual([upper.personID]);
		expect(sandbox.store.findPersonByEmail(ANA)?.personID).toBe(attendee.personId);
		expect(sandbox.store.findPersonByEmail(ANA_UPPER)?.personID).toBe(upper.personID);
		// Sign-in follows the switch: each account with its own password.
		expect(str(rowsOf(await signIn(sandbox, ANA_UPPER, 'upper-pw'))[0], 'personID')).toBe(upper.personID);
		expect(str(rowsOf(await signIn(sandbox, ANA, attendee.password))[0], 'personID')).toBe(attendee.personId);
		expect((await signIn(sandbox, ANA_UPPER, attendee.password)).status).toBe(401);
	});

	it('binds a differently-cased plain username as a second person', async () => {
		const [first] = rowsOf(await bind({ name: 'Mau One', username: 'mauriciogior' }));
		const [second] = rowsOf(await bind({ name: 'Mau Two', username: 'MauricioGior' }));
		expect(second.personID).not.toBe(first.personID);
		expect(await personIdsByFind({ username: 'MauricioGior' })).toEqual([second.personID]);
	});

	it('keeps look-ups right after an operate changes an email, also by case alone', async () => {
		expect((await operateEmail(attendee.personId, 'Ana.New@Sandbox.Test')).status).toBe(200);
		expect(await personIdByGet(ANA)).toBe("Couldn't find the email");
		expect(await personIdByGet('ana.new@sandbox.test')).toBe("Couldn't find the email");
		expect(await personIdByGet('Ana.New@Sandbox.Test')).toBe(attendee.personId);
		expect(await personIdsByFind({ email: 'Ana.New@Sandbox.Test' })).toEqual([attendee.personId]);

		expect((await operateEmail(attendee.personId, 'ANA.NEW@SANDBOX.TEST')).status).toBe(200);
		expect(await personIdByGet('Ana.New@Sandbox.Test')).toBe("Couldn't find the email");
		expect(await personIdByGet('ANA.NEW@SANDBOX.TEST')).toBe(attendee.personId);

		sandbox.setEmailMatch('caseInsensitive');
		expect(await personIdByGet('ana.new@sandbox.test')).toBe(attendee.personId);
		expect(await personIdByGet(ANA)).toBe("Couldn't find the email");
	});

	it('lets another account take the same letters in another case, not the same email', async () => {
		expect(errorMessage(await operateEmail(admin.personId, ANA))).toBe(`email ${ANA} is already in use`);
		expect((await operateEmail(admin.personId, ANA_UPPER)).status).toBe(200);
		expect(await personIdByGet(ANA_UPPER)).toBe(admin.personId);
		expect(await personIdByGet(ANA)).toBe(attendee.personId);
	});

	it('keeps a lockout per exact username', async () => {
		for (let i = 0; i < 5; i++) expect((await signIn(sandbox, ANA_UPPER, 'wrong')).status).toBe(401);
		expect(errorMessage(await signIn(sandbox, ANA_UPPER, 'wrong'))).toMatch(/locked/);
		expect((await signIn(sandbox, ANA, attendee.password)).status).toBe(200);
	});

	it('back in caseInsensitive, accounts that differ by case alone all match; a single look-up takes the oldest', async () => {
		const [upper] = rowsOf(await bind({ name: 'Ana Upper', email: ANA_UPPER }));
		sandbox.setEmailMatch('caseInsensitive');
		expect(await personIdsByFind({ email: ANA })).toEqual([attendee.personId, upper.personID]);
		expect(await personIdByGet(ANA_UPPER)).toBe(attendee.personId);
		const [bound] = rowsOf(await bind({ name: 'Ana Third', email: 'ana@SANDBOX.test' }));
		expect(bound.personID).toBe(attendee.personId);
		// Either one is "in use" by the other now.
		expect((await operateEmail(str(upper, 'personID'), ANA_UPPER)).status).toBe(400);
	});
});

describe('emailMatch setting', () => {
	it('is set through the setter, POST /__sandbox/config and the start options; reset restores the start option', async () => {
		sandbox.setEmailMatch('exact');
		expect(sandbox.config.emailMatch).toBe('exact');
		expect(() => sandbox.setEmailMatch('lower' as 'exact')).toThrow(RangeError);
		expect(sandbox.config.emailMatch).toBe('exact');
		sandbox.reset();
		expect(sandbox.config.emailMatch).toBe('caseInsensitive');
		token = await tokenFor(sandbox, admin.username, admin.password);

		const res = await postConfig({ emailMatch: 'exact' });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { emailMatch: string }).emailMatch).toBe('exact');
		expect(await personIdByGet(ANA_UPPER)).toBe("Couldn't find the email");
		const bad = await postConfig({ emailMatch: 'EXACT' });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toBe('emailMatch must be one of caseInsensitive, exact');
		expect(sandbox.config.emailMatch).toBe('exact');

		const strict = await startSandbox({ port: 0, emailMatch: 'exact' });
		try {
			strict.setEmailMatch('caseInsensitive');
			strict.reset();
			expect(strict.config.emailMatch).toBe('exact');
			expect(strict.store.findPersonByEmail(ANA_UPPER)).toBeUndefined();
			expect(strict.store.findPersonByEmail(ANA)?.personID).toBe(attendee.personId);
		} finally {
			await strict.close();
		}
		await expect(startSandbox({ port: 0, emailMatch: 'lower' as 'exact' })).rejects.toThrow(RangeError);
	});
});
