import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { companyId } = SANDBOX_FIXTURES;
const env = useSandbox();

const add = (domain: string, options = {}) => ({
	resource: 'customDomain',
	operation: 'create',
	companyId: byId(companyId),
	domain,
	options,
});

describe('custom domain › add', () => {
	it('sends the domain lower-cased in the body and returns the pending record', async () => {
		const [item, ...rest] = await run(env.credential(), add('  Events.Example.COM '));
		const [call] = requestsOf(env.sandbox(), 'ssl.create');
		expect(call.query).toMatchObject({ companyID: companyId });
		expect(call.body).toEqual({ domain: 'events.example.com' });
		expect(rest).toEqual([]);
		expect(item.json).toMatchObject({ companyID: companyId, domain: 'events.example.com', status: 'pending' });
		expect(item.json.sslID).toMatch(/^\d+$/);
	});

	it.each([
		['https://events.example.com', /leave out "https:\/\/"/],
		['events.example.com/register', /leave out/],
		['events.example.com:8443', /leave out/],
		['localhost', /host name like events\.example\.com/],
		['bad_name.example.com', /host name/],
	])('refuses %s before calling InEvent, naming the item and the field', async (domain, message) => {
		await expect(run(env.credential(), add(domain))).rejects.toThrow(/^\[item 0\] Domain must be a host name/);
		await expect(run(env.credential(), add(domain))).rejects.toThrow(message);
		expect(requestsOf(env.sandbox(), 'ssl.create')).toHaveLength(0);
	});

	it("passes on InEvent's refusal of a domain the company already has; Continue On Fail keeps the others", async () => {
		const output = await run(
			env.credential(),
			add('={{ $json.domain }}'),
			[{ domain: 'a.example.com' }, { domain: 'a.example.com' }, { domain: 'b.example.com' }],
			true,
		);
		expect(output[0].json.domain).toBe('a.example.com');
		expect(output[1].json.error).toMatch(/^\[item 1\] InEvent refused ssl\.create \(HTTP 400: domain already exists\)/);
		expect(output[2].json.domain).toBe('b.example.com');
	});

	it('adds exactly once when InEvent stores the domain but the answer is lost', async () => {
		env.sandbox().setFaults([{ kind: 'ambiguousDrop', actions: ['ssl.create'], times: 1 }]);
		const [item] = await run(env.credential(), add('once.example.com', { retries: 2 }));
		expect(item.json).toMatchObject({ domain: 'once.example.com', status: 'pending' });
		expect(requestsOf(env.sandbox(), 'ssl.create')).toHaveLength(1);
		expect(requestsOf(env.sandbox(), 'ssl.find')).toHaveLength(1);
	});
});
