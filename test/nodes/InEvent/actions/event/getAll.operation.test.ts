import type { INodeParameters } from 'n8n-workflow';

import { byId, expectPagesRead, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { companyId } = SANDBOX_FIXTURES;
const env = useSandbox();

const getMany = (extra: INodeParameters) => ({
	resource: 'event',
	operation: 'getAll',
	companyId: byId(companyId),
	...extra,
});

async function companyEventCount(): Promise<number> {
	const all = await run(env.credential(), getMany({ returnAll: true }));
	env.sandbox().clearLog();
	return all.length;
}

describe('event › getAll', () => {
	it('pages across 250 events at the maximum page size: 250 items in 3 requests', async () => {
		const existing = await companyEventCount();
		env.sandbox().seedEvents(companyId, 250 - existing);
		const output = await run(env.credential(), getMany({ returnAll: true }));
		expect(output).toHaveLength(250);
		const pages = requestsOf(env.sandbox(), 'company.event.find');
		expect(pages.every((page) => page.query.limit === '100')).toBe(true);
		expectPagesRead(pages, 3);
		expect(new Set(output.map((item) => item.json.eventID)).size).toBe(250);
	});

	it('with a limit of 7 returns 7 items in one request', async () => {
		const existing = await companyEventCount();
		env.sandbox().seedEvents(companyId, Math.max(0, 20 - existing));
		const output = await run(env.credential(), getMany({ returnAll: false, limit: 7 }));
		expect(output).toHaveLength(7);
		const pages = requestsOf(env.sandbox(), 'company.event.find');
		expect(pages).toHaveLength(1);
		expect(pages[0].query).toMatchObject({ limit: '7', offset: '0', selection: 'all', companyID: companyId });
	});

	it('stacks selections with | and sends filters in the query with InEvent types', async () => {
		await run(
			env.credential(),
			getMany({
				returnAll: true,
				selection: ['next-events', 'not-archived'],
				filters: {
					name: 'Summit',
					presential: true,
					visible: false,
					dateBegin: '2026-01-01T00:00:00Z',
					tags: '12, 34',
				},
			}),
		);
		const [page] = requestsOf(env.sandbox(), 'company.event.find');
		expect(page.query).toMatchObject({
			selection: 'next-events|not-archived',
			name: 'Summit',
			presential: '1',
			visible: '0',
			dateBegin: '1767225600',
			tags: '12,34',
		});
	});

	it('finds events by name', async () => {
		const output = await run(
			env.credential(),
			getMany({ returnAll: true, filters: { name: SANDBOX_FIXTURES.eventA.name } }),
		);
		expect(output.length).toBeGreaterThan(0);
		for (const item of output)
			expect(String(item.json.name).toLowerCase()).toContain(SANDBOX_FIXTURES.eventA.name.toLowerCase());
	});

	it('refuses an unreadable date filter naming the item and field', async () => {
		await expect(run(env.credential(), getMany({ filters: { dateBegin: 'next week' } }))).rejects.toThrow(
			/^\[item 0\] Date Begin must be a date/,
		);
	});
});
