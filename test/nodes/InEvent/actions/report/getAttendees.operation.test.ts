import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { loadOptions } from '../../../../harness/runNode';
import { byId, expectPagesRead, requestsOf, run, SANDBOX_FIXTURES, useSandbox } from '../../../../harness/useSandbox';

const { eventA, eventB, attendee } = SANDBOX_FIXTURES;
const env = useSandbox();

const report = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'report',
	operation: 'getAttendees',
	eventId: byId(eventB.eventId),
	...parameters,
});

function fileOf(
	item: INodeExecutionData,
	field = 'data',
): { text: string; bytes: Buffer; meta: Record<string, unknown> } {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field ${field}`);
	const bytes = Buffer.from(binary.data, 'base64');
	return { text: bytes.toString('utf8'), bytes, meta: { ...binary, data: undefined } };
}

/** A small RFC 4180 reader, to check the file the way a spreadsheet program reads it. */
function parseCsv(text: string, delimiter = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') ((cell += '"'), i++);
			else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"') quoted = true;
		else if (char === delimiter) (row.push(cell), (cell = ''));
		else if (char === '\r' && text[i + 1] === '\n') {
			(row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
		} else cell += char;
	}
	if (cell !== '' || row.length > 0) (row.push(cell), rows.push(row));
	return rows;
}

describe('report › attendee report', () => {
	it('returns a CSV file with the chosen columns in order, named headers, one line per attendee', async () => {
		const seeded = env.sandbox().seedAttendees(eventB.eventId, 250);
		const [item, ...rest] = await run(env.credential(), report({ columns: ['email', 'name', 'present'] }));
		expect(rest).toEqual([]);
		const { text, meta } = fileOf(item);
		expect(meta).toMatchObject({ fileName: `attendees-${eventB.eventId}.csv`, mimeType: 'text/csv' });
		const rows = parseCsv(text);
		expect(rows[0]).toEqual(['Email', 'Name', 'Present']);
		const total = env.sandbox().store.countAttendees(eventB.eventId);
		expect(rows).toHaveLength(total + 1);
		expect(item.json).toEqual({
			eventId: eventB.eventId,
			rows: total,
			columns: ['email', 'name', 'present'],
			fileName: `attendees-${eventB.eventId}.csv`,
		});
		const emails = new Set(rows.slice(1).map(([email]) => email));
		for (const personId of seeded)
			expect(emails.has(String(env.sandbox().store.persons.get(personId)?.email))).toBe(true);

		// One schema call, then pages of 100 with personID added for de-duplication.
		expect(requestsOf(env.sandbox(), 'event.report.personSchema')).toHaveLength(1);
		const pages = requestsOf(env.sandbox(), 'event.report.personReport');
		expectPagesRead(pages, Math.floor(total / 100) + 1);
		expect(pages[0].query).toMatchObject({ eventID: eventB.eventId, location: 'attendees', limit: '100', offset: '0' });
		expect(JSON.parse(String(pages[0].body.schema))).toEqual(['email', 'name', 'present', 'personID']);
	});

	it('quotes commas, quotes, line breaks and keeps unicode exactly; semicolon, keys header and BOM on request', async () => {
		const tricky = 'Zoë "Z" O\'Neil, Jr.\nSecond line 🎉 مرحبا';
		await run(env.credential(), {
			resource: 'attendee',
			operation: 'create',
			eventId: byId(eventB.eventId),
			name: tricky,
			email: 'tricky@example.test',
			additionalFields: { company: 'A;B' },
		});
		const [item] = await run(
			env.credential(),
			report({
				columns: ['name', 'company', 'email'],
				options: { delimiter: 'semicolon', header: 'keys', bom: true, fileName: 'export.csv' },
			}),
		);
		const { text, bytes, meta } = fileOf(item);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(meta.fileName).toBe('export.csv');
		const rows = parseCsv(text.replace(/^\ufeff/, ''), ';');
		expect(rows[0]).toEqual(['name', 'company', 'email']);
		expect(rows).toContainEqual([tricky, 'A;B', 'tricky@example.test']);
	});

	it('every column when none is chosen; sorted by a column, descending; as items with typed values', async () => {
		const [file] = await run(env.credential(), report({ eventId: byId(eventA.eventId) }));
		const rows = parseCsv(fileOf(file).text);
		const columns = await run(env.credential(), {
			resource: 'report',
			operation: 'getColumns',
			eventId: byId(eventA.eventId),
		});
		expect(rows[0]).toEqual(columns.map(({ json }) => json.name));
		expect(columns.map(({ json }) => json.key)).toContain('qrCode');

		const items = await run(
			env.credential(),
			report({
				eventId: byId(eventA.eventId),
				output: 'items',
				columns: ['personID', 'name', 'present', 'enrollmentDate'],
				options: { order: 'name', descending: true, typedOutput: true },
			}),
		);
		const names = items.map(({ json }) => String(json.name));
		expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
		expect(Object.keys(items[0].json)).toEqual(['personID', 'name', 'present', 'enrollmentDate']);
		expect(typeof items[0].json.personID).toBe('string');
		expect(typeof items[0].json.present).toBe('boolean');
		expect(items[0].json.enrollmentDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(items.map(({ json }) => json.personID)).toContain(attendee.personId);
		expect(requestsOf(env.sandbox(), 'event.report.personReport').at(-1)?.query).toMatchObject({
			order: 'name',
			orderDirection: 'desc',
		});
	});

	it('writes an Excel workbook when asked, typed when Typed Output is on', async () => {
		const [item] = await run(
			env.credential(),
			report({ output: 'xlsx', columns: ['name', 'present'], options: { typedOutput: true } }),
		);
		const { bytes, meta } = fileOf(item);
		expect(meta).toMatchObject({
			fileName: `attendees-${eventB.eventId}.xlsx`,
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		});
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
		const sheet = bytes.toString('utf8');
		expect(sheet).toContain(`<t>${attendee.name}</t>`);
		expect(sheet).toMatch(/t="b"><v>[01]<\/v>/);
	});

	it('names an unknown column and sort column before asking for the report', async () => {
		await expect(run(env.credential(), report({ columns: ['email', 'shoeSize'] }))).rejects.toThrow(
			/^\[item 0\] Columns: "shoeSize" is not a report column of this event \(it has personID, name/,
		);
		await expect(run(env.credential(), report({ options: { order: 'shoeSize' } }))).rejects.toThrow(
			'[item 0] Sort By: "shoeSize" is not a report column of this event',
		);
		expect(requestsOf(env.sandbox(), 'event.report.personReport')).toHaveLength(0);
	});

	it('lists the columns for the editor (load options) from the chosen event', async () => {
		const options = await loadOptions('getReportColumns', env.credential(), { eventId: byId(eventA.eventId) });
		expect(options).toContainEqual({ name: 'Email', value: 'email', description: 'email' });
	});
});
