import { byId, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { companyId, otherCompanyId } = SANDBOX_FIXTURES;
const env = useSandbox();

const byDomain = (value: string) => ({ __rl: true, mode: 'domain', value });
const call = (operation: string, sslId: ReturnType<typeof byId>, options = {}) => ({
	resource: 'customDomain',
	operation,
	companyId: byId(companyId),
	sslId,
	options,
});

async function addDomain(domain: string): Promise<string> {
	const [item] = await run(env.credential(), {
		resource: 'customDomain',
		operation: 'create',
		companyId: byId(companyId),
		domain,
	});
	return String(item.json.sslID);
}

describe('custom domain › DNS challenge, verify, get', () => {
	it('walks a domain from pending to active once its DNS records are published', async () => {
		const sslId = await addDomain('live.example.com');

		const challenge = await run(env.credential(), call('getChallenge', byDomain('live.example.com')));
		expect(challenge.map(({ json }) => json.type).sort()).toEqual(['CNAME', 'TXT']);
		for (const { json, pairedItem } of challenge) {
			expect(json).toMatchObject({ sslID: sslId, domain: 'live.example.com' });
			expect(typeof json.name).toBe('string');
			expect(typeof json.value).toBe('string');
			expect(pairedItem).toEqual({ item: 0 });
		}

		const [early] = await run(env.credential(), call('verify', byId(sslId)));
		expect(early.json).toMatchObject({ sslID: sslId, status: 'pending' });

		env
			.sandbox()
			.publishDns(
				challenge.map(({ json }) => ({ type: String(json.type), name: String(json.name), value: String(json.value) })),
			);
		const [verified] = await run(env.credential(), call('verify', byId(sslId), { typedOutput: true }));
		expect(verified.json).toMatchObject({ sslID: sslId, status: 'active' });
		expect(verified.json.dateVerified).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		const [got] = await run(env.credential(), call('get', byDomain('LIVE.example.com')));
		expect(got.json).toMatchObject({ sslID: sslId, status: 'active' });
		expect(requestsOf(env.sandbox(), 'ssl.get').at(-1)?.query).toMatchObject({ companyID: companyId, sslID: sslId });
	});

	it('lists the company domains with Get Many', async () => {
		await addDomain('one.example.com');
		await addDomain('two.example.com');
		const output = await run(env.credential(), {
			resource: 'customDomain',
			operation: 'getAll',
			companyId: byId(companyId),
		});
		expect(output.map(({ json }) => json.domain).sort()).toEqual(['one.example.com', 'two.example.com']);
	});

	it('says so when a domain name is not one of the company, without guessing an ID', async () => {
		await expect(run(env.credential(), call('verify', byDomain('nope.example.com')))).rejects.toThrow(
			`[item 0] Custom Domain "nope.example.com" is not a domain of company ${companyId}`,
		);
		expect(requestsOf(env.sandbox(), 'ssl.verify')).toHaveLength(0);
	});

	it("passes on InEvent's refusal for a company the user does not administer", async () => {
		const sslId = await addDomain('mine.example.com');
		await expect(
			run(env.credential(), { ...call('get', byId(sslId)), companyId: byId(otherCompanyId) }),
		).rejects.toThrow("InEvent refused ssl.get (HTTP 401: personID doesn't work at company)");
	});
});
