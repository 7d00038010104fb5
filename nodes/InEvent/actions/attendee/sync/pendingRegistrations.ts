import type { IDataObject } from 'n8n-workflow';

import type { AccountFact } from '../../../transport';

/**
 * Registrations under way in this process for one account, by event and email key, shared by every
 * execution (the webhook burst: two executions with the same contact, in any case). The second one
 * waits for the first and takes its attendee instead of registering the person again.
 */
export class PendingRegistrations {
	private readonly underWay = new Map<string, Promise<IDataObject>>();

	get busy(): boolean {
		return this.underWay.size > 0;
	}

	/**
	 * Runs `register` unless the same person is being registered into the same event: then waits for
	 * that registration and returns its attendee with `registered: false`. If it failed, registers.
	 */
	async once(
		key: string,
		register: () => Promise<IDataObject>,
	): Promise<{ attendee: IDataObject; registered: boolean }> {
		const other = this.underWay.get(key);
		if (other) {
			try {
				return { attendee: { ...(await other) }, registered: false }; // a copy: each execution owns its output
			} catch {
				// the other execution's registration failed: this one tries its own
			}
		}
		const mine = register();
		this.underWay.set(key, mine);
		try {
			return { attendee: await mine, registered: true };
		} finally {
			if (this.underWay.get(key) === mine) this.underWay.delete(key);
		}
	}
}

/** The account's registrations under way, kept by the account's memory for every execution of the process. */
export const PENDING_REGISTRATIONS: AccountFact<PendingRegistrations> = { initial: () => new PendingRegistrations() };
