/**
 * What an account has shown about InEvent's inferred write forms, shared by every execution of the
 * process that uses it. Each form starts trusted; once InEvent refuses it, or answers without
 * applying it, the account uses the documented form from then on (until the process restarts).
 */
export class AccountWriteForms {
	/** `event.person.operate` with several fields in one JSON `content` body (inevent-api.md §10.2: [L] format). */
	multiFieldOperate = true;
	/** Custom answers as `f_<API field>` keys in that `content` ([L]; §10.2 reads them as `feedback` territory). */
	answersInOperate = true;
	/** Custom-field answers as `f_<API field>` body attributes of `event.person.bind` ([L]). */
	answersOnBind = true;
	lastUsedAt = Date.now();
	readonly busy = false;

	touch(): void {
		this.lastUsedAt = Date.now();
	}
}
