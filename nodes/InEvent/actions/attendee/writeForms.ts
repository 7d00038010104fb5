import type { IExecuteFunctions } from 'n8n-workflow';

import { accountMemoryOf } from '../../transport';
import type { AccountFact } from '../../transport';

/**
 * What an account has shown about InEvent's inferred write forms, shared by every execution of the
 * process that uses it. Each form starts trusted; once InEvent refuses it, or answers without
 * applying it, the account uses the documented form from then on (until the process restarts).
 */
export interface WriteForms {
	/** `event.person.operate` with several fields in one JSON `content` body (inevent-api.md §10.2: the format is inferred). */
	multiFieldOperate: boolean;
	/** Custom answers as `f_<API field>` keys in that `content` (inferred; §10.2 reads them as `feedback` territory). */
	answersInOperate: boolean;
	/** Custom-field answers as `f_<API field>` body attributes of `event.person.bind` (inferred). */
	answersOnBind: boolean;
}

const WRITE_FORMS: AccountFact<WriteForms> = {
	initial: () => ({ multiFieldOperate: true, answersInOperate: true, answersOnBind: true }),
};

/** The write forms this execution's InEvent account has shown so far (the process remembers them per account). */
export async function writeFormsOf(context: IExecuteFunctions): Promise<WriteForms> {
	return (await accountMemoryOf(context)).recall(WRITE_FORMS);
}
