import { SANDBOX_FIXTURES, startSandbox, type DnsRecord, type Sandbox } from '../../index';
import { call, errorMessage, nonStringScalars, rowsOf, str, tokenFor, type Params } from '../testClient';

const { admin, attendee, otherAdmin, companyId, emptyCompanyId, otherCompanyId, eventA } = SANDBOX_FIXTURES;

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

const ssl = (action: string, query: Params, options: { body?: Params; as?: string } = {}) =>
	call(sandbox, `ssl.${action}`, {
		token: options.as ?? token,
		query: { companyID: companyId, ...query },
		body: options.body,
	});
const create = (domain: string, query: Params = {}, as?: string) => ssl('create', query, { body: { domain }, as });
const createdId = async (domain: string): Promise<string> => str(rowsOf(await create(domain))[0], 'sslID');
const challenge = async (sslID: string) => rowsOf(await ssl('challenge', { sslID }));

/** Freezes the clock, then signs in again (a token minted a week "earlier" would have expired). */
const freezeAt = async (unixSeconds: number) => {
	sandbox.setClock(unixSeconds);
	token = await tokenFor(sandbox, admin.username, admin.password);
};

const adminUrl = (name: string) => `${sandbox.url}__sandbox/${name}`;
const postDns = (body: string) =>
	fetch(adminUrl('dns'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('ssl.create', () => {
	it('creates a pending record dated by the sandbox clock, with sslIDs counting from 301', async () => {
		await freezeAt(1_900_000_000);
		const result = await create('events.example.com');
		expect(result.status).toBe(200);
		expect(nonStringScalars(result.json?.data)).toEqual([]);
		expect(result.json?.data).toEqual([
			{
				sslID: '301',
				companyID: companyId,
				domain: 'events.example.com',
				status: 'pending',
				dateCreated: '1900000000',
				dateVerified: '0',
			},
		]);
		expect(str(rowsOf(await create('second.example.com'))[0], 'sslID')).toBe('302');
	});

	it('lower-cases and trims the domain', async () => {
		const [row] = rowsOf(await create('  Events.EXAMPLE.com '));
		expect(row.domain).toBe('events.example.com');
	});

	it.each([
		'https://x.com',
		'x.com/path',
		'x.com:443',
		'nodot',
		'-x.com',
		'x-.com',
		'x..com',
		'.x.com',
		'x.com.',
		'under_score.com',
		'spa ce.com',
		'192.168.0.1',
		'user@x.com',
		`${'a'.repeat(64)}.com`,
	])('refuses %j as not a valid domain name', async (domain) => {
		const result = await create(domain);
		expect(result.status).toBe(400);
		expect(errorMessage(result)).toBe('domain is not a valid domain name');
		expect(sandbox.store.sslDomains.size).toBe(0);
	});

	it('accepts digits and inner hyphens', async () => {
		expect(rowsOf(await create('my-event-2025.x1.example.co.uk'))[0].domain).toBe('my-event-2025.x1.example.co.uk');
	});

	it('requires domain in the body and companyID in the query', async () => {
		expect(errorMessage(await create(''))).toBe('domain cannot be empty');
		expect(errorMessage(await ssl('create', { domain: 'x.com' }))).toBe('domain cannot be empty');
		const noCompany = await call(sandbox, 'ssl.create', { token, body: { domain: 'x.com' } });
		expect(noCompany.status).toBe(400);
		expect(errorMessage(noCompany)).toBe('companyID is a required parameter');
		expect(errorMessage(await create('x.com', { companyID: '9999' }))).toBe("Couldn't find the companyID");
	});

	it('refuses the same domain twice in a company, whatever its case; another company may use it', async () => {
		await createdId('events.example.com');
		const again = await create('EVENTS.example.com');
		expect(again.status).toBe(400);
		expect(errorMessage(again)).toBe('domain already exists');
		expect(rowsOf(await create('events.example.com', { companyID: emptyCompanyId }))[0]).toMatchObject({
			companyID: emptyCompanyId,
			domain: 'events.example.com',
		});
		expect(sandbox.store.sslDomains.size).toBe(2);
	});
});

describe('who may call ssl.*', () => {
	it('refuses an Event-scope token like company.event.bind does', async () => {
		const eventToken = await tokenFor(sandbox, admin.username, eventA.eventPassword, eventA.eventId);
		const sslID = await createdId('events.example.com');
		const bind = await call(sandbox, 'company.event.bind', {
			token: eventToken,
			query: { companyID: companyId },
			body: { name: 'X', nickname: 'x' },
		});
		const results = [
			await create('other.example.com', {}, eventToken),
			await ssl('find', {}, { as: eventToken }),
			await ssl('get', { sslID }, { as: eventToken }),
			await ssl('challenge', { sslID }, { as: eventToken }),
			await ssl('verify', { sslID }, { as: eventToken }),
		];
		for (const result of results) {
			expect(result.status).toBe(401);
			expect(errorMessage(result)).toBe(errorMessage(bind));
			expect(errorMessage(result)).toMatch(new RegExp(`limited to event ${eventA.eventId}`));
		}
		expect(sandbox.store.sslDomains.size).toBe(1);
	});

	it('refuses a person who is not an Admin of the company, and a missing token', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.password);
		const sslID = await createdId('events.example.com');
		for (const result of [
			await create('other.example.com', {}, ana),
			await ssl('find', {}, { as: ana }),
			await ssl('get', { sslID }, { as: ana }),
			await ssl('challenge', { sslID }, { as: ana }),
			await ssl('verify', { sslID }, { as: ana }),
			await create('other.example.com', { companyID: otherCompanyId }),
		]) {
			expect(result.status).toBe(401);
			expect(errorMessage(result)).toBe("personID doesn't work at company");
		}
		const anonymous = await call(sandbox, 'ssl.find', { query: { companyID: companyId } });
		expect(anonymous.status).toBe(401);
	});
});

describe('ssl.find and ssl.get', () => {
	it('lists only the company’s domains by sslID, with an exact case-insensitive domain filter and paging', async () => {
		const a = await createdId('a.example.com');
		const b = await createdId('b.example.com');
		await create('a.example.com', { companyID: emptyCompanyId });
		const all = rowsOf(await ssl('find', {}));
		expect(all.map((row) => row.sslID)).toEqual([a, b]);
		expect(all.every((row) => row.companyID === companyId)).toBe(true);
		expect(rowsOf(await ssl('find', { domain: 'B.Example.COM' })).map((row) => row.sslID)).toEqual([b]);
		expect(rowsOf(await ssl('find', { domain: 'example.com' }))).toEqual([]);
		expect(rowsOf(await ssl('find', { limit: '1', offset: '1' })).map((row) => row.sslID)).toEqual([b]);
		expect(rowsOf(await ssl('find', { companyID: emptyCompanyId }))).toHaveLength(1);
	});

	it('gets one record; another company’s sslID or an unknown one is not found', async () => {
		const sslID = await createdId('events.example.com');
		expect(rowsOf(await ssl('get', { sslID }))).toEqual(rowsOf(await ssl('find', {})));
		const otherToken = await tokenFor(sandbox, otherAdmin.username, otherAdmin.password);
		const otherID = str(
			rowsOf(await create('other.example.com', { companyID: otherCompanyId }, otherToken))[0],
			'sslID',
		);
		for (const action of ['get', 'challenge', 'verify']) {
			const cross = await ssl(action, { sslID: otherID });
			expect(cross.status).toBe(400);
			expect(errorMessage(cross)).toBe("Couldn't find the sslID");
			// Asking through the other company is refused earlier: the admin does not work there.
			expect((await ssl(action, { sslID: otherID, companyID: otherCompanyId })).status).toBe(401);
		}
		expect(errorMessage(await ssl('get', { sslID: '999' }))).toBe("Couldn't find the sslID");
		expect(errorMessage(await ssl('get', {}))).toBe('sslID is a required parameter');
		// The other company's record reads fine through its own company.
		expect(rowsOf(await ssl('get', { sslID: otherID, companyID: otherCompanyId }, { as: otherToken }))[0].domain).toBe(
			'other.example.com',
		);
	});
});

describe('ssl.challenge', () => {
	it('answers the CNAME and the TXT records, with a token fixed per sslID', async () => {
		const sslID = await createdId('events.example.com');
		const rows = await challenge(sslID);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual({
			sslID,
			domain: 'events.example.com',
			type: 'CNAME',
			name: 'events.example.com',
			value: 'domains.inevent.com',
		});
		expect(Object.keys(rows[1])).toEqual(['sslID', 'domain', 'type', 'name', 'value']);
		expect(rows[1]).toMatchObject({ sslID, domain: 'events.example.com', type: 'TXT' });
		expect(rows[1].name).toBe('_acme-challenge.events.example.com');
		expect(str(rows[1], 'value')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(await challenge(sslID)).toEqual(rows);
		const otherID = await createdId('other.example.com');
		expect((await challenge(otherID))[1].value).not.toBe(rows[1].value);
	});
});

describe('ssl.verify', () => {
	const publishChallenge = async (sslID: string, which: 'CNAME' | 'TXT' | 'both') => {
		const records: DnsRecord[] = (await challenge(sslID))
			.filter((row) => which === 'both' || row.type === which)
			.map((row) => ({ type: str(row, 'type'), name: str(row, 'name'), value: str(row, 'value') }));
		sandbox.publishDns(records);
	};

	it('stays pending until every record is published, then turns active dated by the clock', async () => {
		await freezeAt(1_900_000_000);
		const sslID = await createdId('events.example.com');
		const pending = {
			sslID,
			companyID: companyId,
			domain: 'events.example.com',
			status: 'pending',
			dateCreated: '1900000000',
			dateVerified: '0',
		};
		expect(rowsOf(await ssl('verify', { sslID }))).toEqual([pending]);

		await publishChallenge(sslID, 'CNAME');
		sandbox.advanceClock(60);
		expect(rowsOf(await ssl('verify', { sslID }))).toEqual([pending]);

		await publishChallenge(sslID, 'TXT');
		sandbox.advanceClock(60);
		expect(rowsOf(await ssl('verify', { sslID }))).toEqual([
			{ ...pending, status: 'active', dateVerified: '1900000120' },
		]);
		expect(rowsOf(await ssl('get', { sslID }))[0]).toMatchObject({ status: 'active', dateVerified: '1900000120' });

		// Verifying again changes nothing.
		sandbox.advanceClock(60);
		expect(rowsOf(await ssl('verify', { sslID }))[0]).toMatchObject({ status: 'active', dateVerified: '1900000120' });
	});

	it('with only the TXT record published it stays pending', async () => {
		const sslID = await createdId('events.example.com');
		await publishChallenge(sslID, 'TXT');
		expect(rowsOf(await ssl('verify', { sslID }))[0].status).toBe('pending');
	});

	it('compares names (and the CNAME target) case-insensitively, the TXT value exactly', async () => {
		const sslID = await createdId('events.example.com');
		const [cname, txt] = await challenge(sslID);
		const token = str(txt, 'value');
		expect(token.toUpperCase()).not.toBe(token);
		sandbox.publishDns([
			{ type: 'cname', name: 'EVENTS.Example.com.', value: 'Domains.InEvent.com.' },
			{ type: 'TXT', name: '_ACME-challenge.events.example.com', value: token.toUpperCase() },
		]);
		expect(rowsOf(await ssl('verify', { sslID }))[0].status).toBe('pending');
		sandbox.publishDns([{ type: 'TXT', name: '_ACME-CHALLENGE.EVENTS.EXAMPLE.COM', value: token }]);
		expect(rowsOf(await ssl('verify', { sslID }))[0].status).toBe('active');
		expect(cname.value).toBe('domains.inevent.com');
	});

	it('a record for another domain does not count', async () => {
		const a = await createdId('a.example.com');
		const b = await createdId('b.example.com');
		await publishChallenge(a, 'both');
		expect(rowsOf(await ssl('verify', { sslID: b }))[0].status).toBe('pending');
		expect(rowsOf(await ssl('verify', { sslID: a }))[0].status).toBe('active');
	});
});

describe('the sandbox DNS', () => {
	it('POST /__sandbox/dns adds records, GET lists them, and reset() empties the table', async () => {
		const sslID = await createdId('events.example.com');
		const records = (await challenge(sslID)).map((row) => ({ type: row.type, name: row.name, value: row.value }));
		const first = await postDns(JSON.stringify({ records: [records[0]] }));
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ records: [records[0]] });
		await postDns(JSON.stringify({ records: [{ ...records[1], type: 'txt' }] }));
		const listed = await (await fetch(adminUrl('dns'))).json();
		expect(listed).toEqual({ records });
		expect(sandbox.dnsRecords()).toEqual(records);
		expect(rowsOf(await ssl('verify', { sslID }))[0].status).toBe('active');

		sandbox.reset();
		expect(sandbox.dnsRecords()).toEqual([]);
		expect(sandbox.store.sslDomains.size).toBe(0);
	});

	it.each([
		['not JSON', '{records'],
		['no records', '{}'],
		['records not an array', '{"records":{"type":"TXT"}}'],
		['a missing value', '{"records":[{"type":"TXT","name":"a.example.com"}]}'],
		['an empty name', '{"records":[{"type":"TXT","name":"","value":"v"}]}'],
		['a numeric value', '{"records":[{"type":"TXT","name":"a.example.com","value":1}]}'],
		['a bad type', '{"records":[{"type":"C NAME","name":"a.example.com","value":"v"}]}'],
		['an unknown field', '{"records":[{"type":"TXT","name":"a.example.com","value":"v","ttl":60}]}'],
		['an unknown key', '{"records":[],"clear":true}'],
		['one good, one bad', '{"records":[{"type":"TXT","name":"a.example.com","value":"v"},null]}'],
	])('POST /__sandbox/dns with %s → 400, nothing added', async (_label, body) => {
		const result = await postDns(body);
		expect(result.status).toBe(400);
		expect(((await result.json()) as { error: string }).error).toEqual(expect.any(String));
		expect(sandbox.dnsRecords()).toEqual([]);
	});

	it('publishDns throws a RangeError on a malformed list and adds nothing', () => {
		expect(() => sandbox.publishDns([{ type: 'TXT', name: 'a.example.com' } as DnsRecord])).toThrow(RangeError);
		expect(sandbox.dnsRecords()).toEqual([]);
	});

	it('the admin endpoint is not logged', async () => {
		sandbox.clearLog();
		await postDns(JSON.stringify({ records: [] }));
		await fetch(adminUrl('dns'));
		expect(sandbox.requests).toEqual([]);
	});
});
