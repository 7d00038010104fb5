import { requireCaller } from '../auth/auth';
import type { ActionTable } from '../server/context';

/**
 * `api.describe` — the documented "hello world" authenticated call (§3.1). Its response shape is
 * NOT documented; the sandbox returns one small row describing the token (inferred).
 */
export const apiActions: ActionTable = {
	'api.describe': (ctx) => {
		const { token, person } = requireCaller(ctx);
		return [
			{
				version: '2',
				scope: token.scope,
				targetID: token.targetID,
				personID: person.personID,
				expiresAt: Math.floor(token.expiresAtMs / 1000),
			},
		];
	},
};
