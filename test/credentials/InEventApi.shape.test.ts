import type { INodeProperties } from 'n8n-workflow';

import { InEventApi } from '../../credentials/InEventApi.credentials';
import { inEventBaseUrl } from '../../nodes/InEvent/transport/token';

const credential = new InEventApi();
const byName = (name: string): INodeProperties => {
	const property = credential.properties.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`missing property ${name}`);
	return property;
};
const optionValues = (name: string) =>
	(byName(name).options ?? []).map((option) => ('value' in option ? option.value : undefined));

describe('InEventApi credential shape (a public contract: saved credentials depend on it)', () => {
	it('is named inEventApi and has a test request', () => {
		expect(credential.name).toBe('inEventApi');
		expect(credential.test.request.qs).toEqual({ action: 'api.describe' });
	});

	it('offers the regions na (default), eu and custom, with baseUrl shown only for custom', () => {
		expect(optionValues('region')).toEqual(['na', 'eu', 'custom']);
		expect(byName('region').default).toBe('na');
		expect(byName('baseUrl').displayOptions).toEqual({ show: { region: ['custom'] } });
	});

	it('has username, a password field, scope system (default) or event, and eventId only for event scope', () => {
		expect(byName('username').type).toBe('string');
		expect(byName('password').typeOptions?.password).toBe(true);
		expect(optionValues('scope')).toEqual(['system', 'event']);
		expect(byName('scope').default).toBe('system');
		expect(byName('eventId').displayOptions).toEqual({ show: { scope: ['event'] } });
		expect(byName('eventId').required).toBe(true);
	});

	it('lets the token travel as a Bearer header (default) or a query parameter', () => {
		expect(optionValues('authTransport')).toEqual(['header', 'query']);
		expect(byName('authTransport').default).toBe('header');
	});

	it('keeps the token in a hidden, expirable, password-typed field (what makes n8n call preAuthentication)', () => {
		const token = byName('tokenId');
		expect(token.type).toBe('hidden');
		expect(token.typeOptions).toMatchObject({ expirable: true, password: true });
		expect(token.default).toBe('');
		const expirable = credential.properties.filter((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		expect(expirable.map((p) => p.name)).toEqual(['tokenId']);
	});

	it('maps regions to base URLs with one trailing slash', () => {
		expect(inEventBaseUrl({ region: 'na' })).toBe('https://api.inevent.com/');
		expect(inEventBaseUrl({ region: 'eu' })).toBe('https://api.inevent.uk/');
		expect(inEventBaseUrl({ region: 'custom', baseUrl: ' http://127.0.0.1:8787 ' })).toBe('http://127.0.0.1:8787/');
		expect(() => inEventBaseUrl({ region: 'custom', baseUrl: 'api.inevent.com' })).toThrow(/Base URL/);
	});
});

describe('authenticate', () => {
	const token = '$2a$08$abc/def.ghi';

	it('adds a Bearer header by default, and never a tokenID query parameter', async () => {
		const out = await credential.authenticate(
			{ tokenId: token, scope: 'system', region: 'na' },
			{ url: '/', qs: { action: 'x', tokenID: 'old' } },
		);
		expect(out.headers).toMatchObject({ Authorization: `Bearer ${token}` });
		expect(out.qs).toEqual({ action: 'x' });
		expect(out.baseURL).toBe('https://api.inevent.com/');
	});

	it('adds tokenID to the query when asked, and no Authorization header', async () => {
		const out = await credential.authenticate(
			{ tokenId: token, scope: 'system', authTransport: 'query', region: 'eu' },
			{ url: '/', qs: { action: 'x' }, headers: { Authorization: 'Bearer old' } },
		);
		expect(out.qs).toEqual({ action: 'x', tokenID: token });
		expect(out.headers).not.toHaveProperty('Authorization');
		expect(out.baseURL).toBe('https://api.inevent.uk/');
	});

	it('adds eventID for Event scope only where the request has none', async () => {
		const event = { tokenId: token, scope: 'event', eventId: '5001', region: 'na' };
		expect((await credential.authenticate(event, { url: '/', qs: { action: 'x' } })).qs).toMatchObject({
			eventID: '5001',
		});
		expect((await credential.authenticate(event, { url: '/', qs: { action: 'x', eventID: '7' } })).qs).toMatchObject({
			eventID: '7',
		});
		const system = { tokenId: token, scope: 'system', eventId: '5001', region: 'na' };
		expect((await credential.authenticate(system, { url: '/', qs: { action: 'x' } })).qs).not.toHaveProperty('eventID');
	});

	it('leaves absolute URLs (HTTP Request node) without a base URL', async () => {
		const out = await credential.authenticate(
			{ tokenId: token, region: 'na' },
			{ url: 'https://api.inevent.com/?action=api.describe' },
		);
		expect(out.baseURL).toBeUndefined();
	});
});
