import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchCatalogue } from '../actions/custom/catalogue';
import { inEventApiRequest } from '../transport';
import { idOfNode } from './nodeParameters';

const PAGE = 50;

function nameMatches(record: IDataObject, filter?: string): boolean {
	if (!filter) return true;
	return String(record.name ?? '')
		.toLowerCase()
		.includes(filter.toLowerCase());
}

/** Companies the signed-in user can reach (`company.find`). */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { data } = await inEventApiRequest.call(this, 'company.find', { qs: { selection: 'all' } });
	return {
		results: data
			.filter((company) => nameMatches(company, filter))
			.map((company) => ({
				name: `${String(company.name)} (${String(company.companyID)})`,
				value: String(company.companyID),
			})),
	};
}

/**
 * Events, searchable by name: those of the node's company when it has one, else of every company
 * the user reaches. An Event-scope credential sees just its own event.
 */
export async function searchEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('inEventApi');
	if (credentials.scope === 'event') {
		const { data } = await inEventApiRequest.call(this, 'event.get', { qs: { eventID: String(credentials.eventId) } });
		return { results: data.map((event) => ({ name: String(event.name), value: String(event.eventID) })) };
	}
	const offset = Number(paginationToken ?? 0) || 0;
	const companyId = idOfNode.call(this, 'companyId');
	const companies = companyId
		? [companyId]
		: (await inEventApiRequest.call(this, 'company.find', { qs: { selection: 'all' } })).data.map((c) =>
				String(c.companyID),
			);
	const results: INodeListSearchResult['results'] = [];
	let full = false;
	for (const company of companies) {
		const { data } = await inEventApiRequest.call(this, 'company.event.find', {
			qs: { companyID: company, selection: 'all', name: filter || undefined, limit: PAGE, offset },
		});
		full = full || data.length === PAGE;
		results.push(
			...data.map((event) => ({
				name: `${String(event.name)} (${String(event.eventID)})`,
				value: String(event.eventID),
			})),
		);
	}
	return { results, paginationToken: full ? String(offset + PAGE) : undefined };
}

/** One page of a `find` for a searchable list: the token is the next offset, absent after a short page. */
async function findPage(
	this: ILoadOptionsFunctions,
	action: string,
	qs: Record<string, string | undefined>,
	paginationToken?: string,
): Promise<{ data: IDataObject[]; paginationToken?: string }> {
	const offset = Number(paginationToken ?? 0) || 0;
	const { data } = await inEventApiRequest.call(this, action, { qs: { ...qs, limit: PAGE, offset } });
	return { data, paginationToken: data.length === PAGE ? String(offset + PAGE) : undefined };
}

/** Attendees of the node's event, searched by name or, when the filter holds an "@", by email. */
export async function searchAttendees(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const eventId = idOfNode.call(this, 'eventId');
	if (!eventId) return { results: [] };
	const term = filter?.trim();
	const page = await findPage.call(
		this,
		'event.person.find',
		{ eventID: eventId, selection: 'all', ...(term ? (term.includes('@') ? { email: term } : { name: term }) : {}) },
		paginationToken,
	);
	return {
		results: page.data.map((person) => ({
			name: `${String(person.name ?? '')} <${String(person.email ?? person.username ?? '')}>`,
			value: String(person.personID),
		})),
		paginationToken: page.paginationToken,
	};
}

/** " (2027-03-01 09:00 UTC)" for a session with a valid start, else nothing. */
function startOf(session: IDataObject): string {
	const seconds = Number(session.dateBegin);
	if (!Number.isFinite(seconds) || seconds <= 0) return '';
	return ` (${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/** Sessions of the node's event, by name (filtered here: `activity.find` has no name filter). */
export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const eventId = idOfNode.call(this, 'eventId');
	if (!eventId) return { results: [] };
	const page = await findPage.call(this, 'activity.find', { eventID: eventId, selection: 'all' }, paginationToken);
	return {
		results: page.data
			.filter((session) => nameMatches(session, filter))
			.map((session) => ({
				name: `${String(session.name)}${startOf(session)}`,
				value: String(session.activityID),
			})),
		paginationToken: page.paginationToken,
	};
}

/** Custom domains of the node's company. */
export async function searchCustomDomains(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const companyId = idOfNode.call(this, 'companyId');
	if (!companyId) return { results: [] };
	const { data } = await inEventApiRequest.call(this, 'ssl.find', { qs: { companyID: companyId } });
	const term = filter?.trim().toLowerCase();
	return {
		results: data
			.filter((record) => !term || String(record.domain ?? '').includes(term))
			.map((record) => ({ name: `${String(record.domain)} (${String(record.status)})`, value: String(record.sslID) })),
	};
}

/** InEvent's actions from the catalogue of its SDKs (no call to InEvent), each with the parameters they send. */
export async function searchActions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return { results: searchCatalogue(filter) };
}
