import { findCompany, requireCompanyAdmin, eventLimitedMessage } from '../auth/access';
import { optionalCaller, requireCaller } from '../auth/auth';
import type { ActionTable } from '../server/context';
import { badRequest, unauthorized } from '../server/errors';
import { optionalParam, requireId } from '../server/params';
import { companyView } from '../store/views';

/**
 * Inferred: the docs give no `selection` values for `company.find` (§3.5, §15 q17). The sandbox
 * accepts none, `all` or `admin`, all meaning "companies the caller is an Admin of", and refuses
 * anything else with 400 like the documented find actions do for unknown presets.
 */
const COMPANY_SELECTIONS = new Set(['all', 'admin']);

export const companyActions: ActionTable = {
	'company.find': (ctx) => {
		const caller = requireCaller(ctx);
		if (caller.token.scope === 'event') throw unauthorized(eventLimitedMessage(caller.token.targetID));
		const selection = optionalParam(ctx.request.query, 'selection');
		if (selection !== undefined && !COMPANY_SELECTIONS.has(selection)) {
			throw badRequest(`selection ${selection} is not valid`);
		}
		return [...ctx.store.companies.values()]
			.filter((company) => company.adminPersonIDs.has(caller.person.personID))
			.map(companyView);
	},

	/**
	 * `company.get` by `companyID`. The SDK also has a token-less variant (§4: public data), so
	 * without a token the public company row is returned (inferred); with a token the caller must be
	 * a System-scope Admin of the company.
	 */
	'company.get': (ctx) => {
		const companyID = requireId(ctx.request.query, 'companyID');
		const caller = optionalCaller(ctx);
		const company = findCompany(ctx.store, companyID);
		if (caller) requireCompanyAdmin(caller, company);
		return [companyView(company)];
	},
};
