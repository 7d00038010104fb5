import { MALFORMED_JSON_BODY } from '../../faults/faultReply';
import { SANDBOX_FIXTURES, startSandbox, type FaultKind, type FaultRule, type Sandbox } from '../../index';
import { attempt, call, errorMessage, rowsOf, tokenFor, type CallResult } from '../testClient';

const { admin, companyId, eventA } = SANDBOX_FIXTURES;

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	sandbox.reset();
	token = await tokenFor(sandbox, admin.username, admin.password);
	sandbox.clearLog();
});

const EMAIL = 'fault.victim@sandbox.test';
const NICKNAME = 'fault-victim';

const bindAttendee = (options: { signal?: AbortSignal } = {}) =>
	attempt(sandbox, 'event.person.bind', {
		token,
		query: { eventID: eventA.eventId },
		body: { name: 'Fault Victim', email: EMAIL },
		...options,
	});
const bindEvent = () =>
	attempt(sandbox, 'company.event.bind', {
		token,
		query: { companyID: companyId },
		body: { name: 'Fault', nickname: NICKNAME },
	});

const attendeeStored = (): boolean => {
	const person = sandbox.store.findPersonByEmail(EMAIL);
	return person !== undefined && sandbox.store.getMembership(eventA.eventId, person.personID) !== undefined;
};
const eventStored = (): boolean =>
	sandbox.store.eventsOfCompany(companyId).some((event) => event.nickname === NICKNAME);

function answered(result: CallResult | Error): CallResult {
	if (result instanceof Error) throw new Error(`expected an answer, got ${result.name}: ${result.message}`);
	return result;
}
function unanswered(result: CallResult | Error): Error {
	if (!(result instanceof Error)) throw new Error(`expected no answer, got ${result.status} ${result.text}`);
	return result;
}

const only = (kind: FaultKind, extra: Omit<FaultRule, 'kind'> = {}): void => sandbox.setFaults([{ kind, ...extra }]);

function expectLogged(status: number, fault: FaultKind): void {
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0]).toMatchObject({ status, fault });
	expect(sandbox.stats()).toMatchObject({ requests: 1, faults: 1, rateLimited: 0 });
}

describe('fault kinds', () => {
	it.each([
		['http500', 500],
		['http502', 502],
		['http503', 503],
	] as const)('%s answers %i in the error style and stores nothing', async (kind, status) => {
		only(kind);
		const result = answered(await bindAttendee());
		expect(result.status).toBe(status);
		expect(errorMessage(result)).toContain('injected fault');
		expect(attendeeStored()).toBe(false);
		expectLogged(status, kind);
	});

	it('follows the current error style', async () => {
		sandbox.setErrorStyle('reason');
		only('http503');
		const result = answered(await call(sandbox, 'api.describe', { token }));
		expect(result.status).toBe(503);
		expect(result.text).toBe('');
		expect(result.statusText).toContain('injected fault');
	});

	it('http429 answers 429 with Retry-After: 1, stores nothing and is a fault, not a rate limit', async () => {
		only('http429');
		const result = answered(await bindAttendee());
		expect(result.status).toBe(429);
		expect(result.headers.get('retry-after')).toBe('1');
		expect(attendeeStored()).toBe(false);
		expectLogged(429, 'http429');
	});

	it('ambiguousError stores the attendee, then answers 502', async () => {
		only('ambiguousError');
		const result = answered(await bindAttendee());
		expect(result.status).toBe(502);
		expect(attendeeStored()).toBe(true);
		expectLogged(502, 'ambiguousError');
	});

	it('ambiguousError stores the event, then answers 502', async () => {
		only('ambiguousError');
		expect(answered(await bindEvent()).status).toBe(502);
		expect(eventStored()).toBe(true);
	});

	it('ambiguousDrop stores the attendee and the event, then destroys the socket', async () => {
		only('ambiguousDrop');
		unanswered(await bindAttendee());
		expect(attendeeStored()).toBe(true);
		expectLogged(0, 'ambiguousDrop');
		unanswered(await bindEvent());
		expect(eventStored()).toBe(true);
	});

	it('drop destroys the socket before processing: nothing stored', async () => {
		only('drop');
		unanswered(await bindAttendee());
		unanswered(await bindEvent());
		expect(attendeeStored()).toBe(false);
		expect(eventStored()).toBe(false);
		expect(sandbox.requests.map((entry) => [entry.status, entry.fault])).toEqual([
			[0, 'drop'],
			[0, 'drop'],
		]);
	});

	it('hang does not answer (the client gives up) and stores nothing', async () => {
		only('hang');
		const started = Date.now();
		const error = unanswered(await bindAttendee({ signal: AbortSignal.timeout(300) }));
		expect(error.name).toBe('TimeoutError');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(attendeeStored()).toBe(false);
		expectLogged(0, 'hang');
	});

	it('hang ends after hangMs by dropping the socket', async () => {
		only('hang', { hangMs: 50 });
		const error = unanswered(await bindAttendee({ signal: AbortSignal.timeout(2000) }));
		expect(error.name).not.toBe('TimeoutError');
	});

	it('malformedJson answers 200 with a body JSON.parse refuses, and stores nothing', async () => {
		only('malformedJson');
		const result = answered(await bindAttendee());
		expect(result.status).toBe(200);
		expect(result.contentType).toContain('application/json');
		expect(result.text).toBe(MALFORMED_JSON_BODY);
		expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
		expect(attendeeStored()).toBe(false);
		expectLogged(200, 'malformedJson');
	});

	it('errorBody200 answers 200 with an error object and no envelope, and stores nothing', async () => {
		only('errorBody200');
		const result = answered(await bindAttendee());
		expect(result.status).toBe(200);
		expect(Object.keys(result.json ?? {})).toEqual(['error']);
		expect(typeof result.json?.error?.message).toBe('string');
		expect(attendeeStored()).toBe(false);
		expectLogged(200, 'errorBody200');
	});

	it('revokeToken revokes the caller token: 401 now and afterwards; a new sign-in works', async () => {
		sandbox.setFaults([{ kind: 'revokeToken', times: 1 }]);
		const result = answered(await bindAttendee());
		expect(result.status).toBe(401);
		expect(errorMessage(result)).toBe('tokenID is invalid');
		expect(attendeeStored()).toBe(false);
		expect(answered(await call(sandbox, 'api.describe', { token })).status).toBe(401);
		expect(sandbox.requests.map((entry) => entry.fault)).toEqual(['revokeToken', undefined]);
		const fresh = await tokenFor(sandbox, admin.username, admin.password);
		expect(rowsOf(await call(sandbox, 'api.describe', { token: fresh }))).toHaveLength(1);
	});
});

describe('close() while a request hangs', () => {
	it('returns promptly and ends the hanging request', async () => {
		const hangMs = 60_000;
		const hanging = await startSandbox({ port: 0, faults: [{ kind: 'hang', hangMs }] });
		const pending = attempt(hanging, 'api.describe');
		while (hanging.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const started = Date.now();
		await hanging.close();
		// Sooner than the hang would end by itself: close() cut it (a bound any machine meets; it takes milliseconds).
		expect(Date.now() - started).toBeLessThan(hangMs);
		unanswered(await pending);
	}, 90_000);
});
