import { findCompany, requireCompanyAdmin } from '../auth/access';
import { requireCaller } from '../auth/auth';
import type { ActionContext, ActionTable } from '../server/context';
import type { PlainObject } from '../server/envelope';
import { badRequest } from '../server/errors';
import { paginate, readPage } from '../server/paging';
import { optionalParam, requireBody, requireId } from '../server/params';
import type { CompanyRecord, SslRecord } from '../store/records';
import { challengeRecords, challengeToken, parseDomainName } from './domainName';

function sslView(ssl: SslRecord): PlainObject {
	return {
		sslID: ssl.sslID,
		companyID: ssl.companyID,
		domain: ssl.domain,
		status: ssl.status,
		dateCreated: ssl.dateCreated,
		dateVerified: ssl.dateVerified,
	};
}

/**
 * Inferred: every `ssl.*` action is company-level, so each needs a System token of a company
 * Admin (an Event-scope token → 401 `limited to event X`, as on `company.event.bind`).
 */
function adminCompany(ctx: ActionContext): CompanyRecord {
	const caller = requireCaller(ctx);
	const company = findCompany(ctx.store, requireId(ctx.request.query, 'companyID'));
	requireCompanyAdmin(caller, company);
	return company;
}

function domainsOf(ctx: ActionContext, companyID: string): SslRecord[] {
	return [...ctx.store.sslDomains.values()].filter((ssl) => ssl.companyID === companyID);
}

/** Another company's sslID reads as unknown, so IDs do not leak across companies. */
function findSsl(ctx: ActionContext, company: CompanyRecord): SslRecord {
	const ssl = ctx.store.sslDomains.get(requireId(ctx.request.query, 'sslID'));
	if (!ssl || ssl.companyID !== company.companyID) throw badRequest("Couldn't find the sslID");
	return ssl;
}

export const sslActions: ActionTable = {
	'ssl.create': (ctx) => {
		const company = adminCompany(ctx);
		const domain = parseDomainName(requireBody(ctx.request.body, 'domain'));
		// Inferred: unique per company only; another company may claim the same name.
		if (domainsOf(ctx, company.companyID).some((ssl) => ssl.domain === domain)) {
			throw badRequest('domain already exists');
		}
		const sslID = ctx.store.allocateSslId();
		const ssl: SslRecord = {
			sslID,
			companyID: company.companyID,
			domain,
			status: 'pending',
			challengeToken: challengeToken(sslID, domain),
			dateCreated: ctx.clock.nowSeconds(),
			dateVerified: 0,
		};
		ctx.store.sslDomains.set(sslID, ssl);
		return [sslView(ssl)];
	},

	/** Inferred: sorted by sslID, paged like the other finds; `domain` is an exact, case-insensitive filter. */
	'ssl.find': (ctx) => {
		const company = adminCompany(ctx);
		const page = readPage(ctx.request.query);
		const wanted = optionalParam(ctx.request.query, 'domain')?.trim().toLowerCase();
		const rows = domainsOf(ctx, company.companyID)
			.filter((ssl) => wanted === undefined || ssl.domain === wanted)
			.sort((a, b) => Number(a.sslID) - Number(b.sslID));
		return paginate(rows, page).map(sslView);
	},

	'ssl.get': (ctx) => [sslView(findSsl(ctx, adminCompany(ctx)))],

	'ssl.challenge': (ctx) => {
		const ssl = findSsl(ctx, adminCompany(ctx));
		return challengeRecords(ssl).map((record) => ({
			sslID: ssl.sslID,
			domain: ssl.domain,
			type: record.type,
			name: record.name,
			value: record.value,
		}));
	},

	/**
	 * Inferred: a pending domain becomes active once every challenge record is in the sandbox's DNS;
	 * otherwise it is answered still pending (not an error). An active domain is answered unchanged:
	 * DNS is not looked up again and `dateVerified` does not move.
	 */
	'ssl.verify': (ctx) => {
		const ssl = findSsl(ctx, adminCompany(ctx));
		if (ssl.status === 'pending' && challengeRecords(ssl).every((record) => ctx.store.dns.has(record))) {
			ssl.status = 'active';
			ssl.dateVerified = ctx.clock.nowSeconds();
		}
		return [sslView(ssl)];
	},
};
