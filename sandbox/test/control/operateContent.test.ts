import { SANDBOX_FIXTURES, startSandbox, type Sandbox } from '../../index';
import { call, errorMessage, rowsOf, tokenFor, type Params } from '../testClient';

const { admin, attendee, eventA, customFields } = SANDBOX_FIXTURES;

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

const operate = (query: Params, body: Params) =>
	call(sandbox, 'event.person.operate', {
		token,
		query: { eventID: eventA.eventId, personID: attendee.personId, ...query },
		body,
	});
const multiField = () =>
	operate({}, { content: JSON.stringify({ company: 'Acme', f_company_vat_id: 'PT1', tagIDs: '2' }) });

/** What the store holds for Ana in eventA (the fields the multi-field call above would change). */
function anaState(): { company: string; vat: string | undefined; tags: string[]; updated: number[] } {
	const person = sandbox.store.persons.get(attendee.personId);
	const link = sandbox.store.getMembership(eventA.eventId, attendee.personId);
	if (!person || !link) throw new Error('Ana is gone');
	return {
		company: person.company,
		vat: link.answers.get(customFields.companyVatId.feedbackId),
		tags: [...link.tagIDs],
		updated: [person.dateUpdated, link.dateUpdated],
	};
}

const postConfig = (payload: unknown) =>
	fetch(`${sandbox.url}__sandbox/config`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
	});

describe('operateContent switch', () => {
	it('accepts the multi-field form by default', async () => {
		expect(sandbox.config.operateContent).toBe('accepted');
		const [row] = rowsOf(await multiField());
		expect(row).toMatchObject({ company: 'Acme', tagIDs: '2' });
		expect(anaState()).toMatchObject({ company: 'Acme', vat: 'PT1', tags: ['2'] });
	});

	it('refused: 400 naming content, nothing written; the one-field form still works', async () => {
		sandbox.setOperateContent('refused');
		const before = anaState();
		const refused = await multiField();
		expect(refused.status).toBe(400);
		expect(errorMessage(refused)).toBe('content is not a valid parameter: send key and value, one field per call');
		expect(anaState()).toEqual(before);
		expect(rowsOf(await operate({ key: 'company' }, { value: 'Acme' }))[0].company).toBe('Acme');
		rowsOf(await operate({ key: 'f_company_vat_id' }, { value: 'PT1' }));
		expect(anaState()).toMatchObject({ company: 'Acme', vat: 'PT1' });
	});

	it('ignored: 200 with the attendee unchanged, nothing written, no date moved', async () => {
		sandbox.setOperateContent('ignored');
		sandbox.setClock(sandbox.now() + 100);
		const before = anaState();
		const [row] = rowsOf(await multiField());
		expect(row).toMatchObject({ personID: attendee.personId, company: '', tagIDs: '1' });
		expect(anaState()).toEqual(before);
		expect(rowsOf(await operate({}, { content: 'not even json' }))[0].company).toBe('');
		expect(rowsOf(await operate({ key: 'company' }, { value: 'Acme' }))[0].company).toBe('Acme');
		expect(anaState().company).toBe('Acme');
	});

	it('answersIgnored: the attendee keys of content are applied, its custom-field keys dropped without a word', async () => {
		sandbox.setOperateContent('answersIgnored');
		const before = anaState();
		const [row] = rowsOf(await multiField());
		expect(row).toMatchObject({ company: 'Acme', tagIDs: '2' });
		expect(anaState()).toMatchObject({ company: 'Acme', vat: before.vat, tags: ['2'] });
		sandbox.setClock(sandbox.now() + 100);
		const moved = anaState();
		rowsOf(await operate({}, { content: JSON.stringify({ f_company_vat_id: 'PT9' }) }));
		expect(anaState()).toEqual(moved);
		rowsOf(
			await call(sandbox, 'feedback.respond', {
				token,
				query: { eventID: eventA.eventId, personID: attendee.personId },
				body: { content: JSON.stringify({ f_company_vat_id: 'PT9' }) },
			}),
		);
		expect(anaState().vat).toBe('PT9');
	});

	it('still checks the caller and the attendee first in both modes', async () => {
		const ana = await tokenFor(sandbox, attendee.username, attendee.eventPassword, eventA.eventId);
		for (const mode of ['refused', 'ignored'] as const) {
			sandbox.setOperateContent(mode);
			const onAdmin = await call(sandbox, 'event.person.operate', {
				token: ana,
				query: { eventID: eventA.eventId, personID: admin.personId },
				body: { content: JSON.stringify({ company: 'x' }) },
			});
			expect(onAdmin.status).toBe(401);
			expect(errorMessage(await operate({ personID: '999999' }, { content: '{"company":"x"}' }))).toBe(
				"Couldn't find the personID",
			);
			expect(errorMessage(await operate({}, {}))).toBe('key is a required parameter');
		}
	});

	it('is set through POST /__sandbox/config and the start options; reset restores the start option', async () => {
		const res = await postConfig({ operateContent: 'ignored' });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { operateContent: string }).operateContent).toBe('ignored');
		expect(sandbox.config.operateContent).toBe('ignored');
		const bad = await postConfig({ operateContent: 'sometimes' });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toBe(
			'operateContent must be one of accepted, refused, ignored, answersIgnored',
		);
		sandbox.reset();
		expect(sandbox.config.operateContent).toBe('accepted');
		expect(() => sandbox.setOperateContent('maybe' as 'accepted')).toThrow(RangeError);

		const strict = await startSandbox({ port: 0, operateContent: 'refused' });
		try {
			strict.setOperateContent('accepted');
			strict.reset();
			expect(strict.config.operateContent).toBe('refused');
		} finally {
			await strict.close();
		}
		await expect(startSandbox({ port: 0, operateContent: 'maybe' as 'accepted' })).rejects.toThrow(RangeError);
	});
});
