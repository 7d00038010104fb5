import { signIn } from '../auth/auth';
import type { ActionTable } from '../server/context';
import { activityActions } from './activity';
import { activityPersonActions } from './activityPerson';
import { apiActions } from './api';
import { checklogActions } from './checklog';
import { companyActions } from './company';
import { eventActions } from './event';
import { eventPersonActions } from './eventPerson';
import { feedbackActions } from './feedback';
import { reportActions } from './report';
import { sslActions } from './ssl';
import { tagActions } from './tags';
import { webhookActions } from './webhook';

/** Every action the sandbox answers, by its `?action=` name. */
export const ACTIONS: ActionTable = {
	'person.signIn': signIn,
	...apiActions,
	...companyActions,
	...eventActions,
	...eventPersonActions,
	...activityActions,
	...activityPersonActions,
	...checklogActions,
	...sslActions,
	...reportActions,
	...feedbackActions,
	...tagActions,
	...webhookActions,
};

export function findAction(name: string): ActionTable[string] | undefined {
	return Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
}
