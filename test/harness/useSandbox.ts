import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { InEventLimits } from '../../nodes/InEvent/transport/pace';
import { setInEventLimits } from '../../nodes/InEvent/transport/accounts';
import { runNode, storedCredential } from './runNode';
import type { StoredCredential } from './credentialsHelper';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export { SANDBOX_FIXTURES };

/** A sandbox per test file, reset before each test, and a System credential (not signed in yet). */
export function useSandbox(options: SandboxOptions = {}): {
	sandbox: () => Sandbox;
	credential: () => StoredCredential;
	credentialAs: (user: { username: string; password: string }) => StoredCredential;
} {
	let sandbox: Sandbox;
	let credential: StoredCredential;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		credential = credentialAs(SANDBOX_FIXTURES.admin);
	});
	/** A credential of another sandbox user, or with another password (not signed in yet). */
	const credentialAs = ({ username, password }: { username: string; password: string }): StoredCredential =>
		storedCredential({ region: 'custom', baseUrl: sandbox.url, username, password });
	return { sandbox: () => sandbox, credential: () => credential, credentialAs };
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export async function run(
	credential: StoredCredential,
	parameters: INodeParameters,
	items?: IDataObject[],
	continueOnFail = false,
) {
	return await runNode({ parameters, credential, items, continueOnFail });
}

/** The requests of one action, without the sign-in. */
export function requestsOf(sandbox: Sandbox, action: string) {
	return sandbox.requests.filter((entry) => entry.action === action);
}

/**
 * For a test file whose sandbox has its limits off and that needs more calls than InEvent's limit
 * allows in a test's time (the fault soak): the node's shared pace is raised for each of its tests
 * (the reset before every test, test/harness/coldProcess.ts, restores InEvent's limits).
 */
export function useRaisedLimits(limits: Partial<InEventLimits>): void {
	beforeEach(() => setInEventLimits(limits));
}

/**
 * A list read with pages asked for ahead of time: the pages it needed, at offsets 0, 100, 200… in
 * that order, then at most `maxWasted` more that were already under way when the short page came.
 */
export function expectPagesRead(
	entries: Array<{ query: Record<string, string> }>,
	needed: number,
	maxWasted = 4,
): void {
	const offsets = entries.map((entry) => Number(entry.query.offset));
	expect(offsets.slice(0, needed)).toEqual(Array.from({ length: needed }, (_, index) => index * 100));
	expect(offsets.length).toBeLessThanOrEqual(needed + maxWasted);
	expect(offsets.slice(needed)).toEqual(offsets.slice(needed).map((_, index) => (needed + index) * 100));
}

/** Attendee › Create or Update of items `{ email, name, company }` into an event (an ID or an expression). */
export function upsertOf(eventId: string, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'attendee',
		operation: 'upsert',
		eventId: byId(eventId),
		email: '={{ $json.email }}',
		name: '={{ $json.name }}',
		fields: { company: '={{ $json.company }}' },
		options,
	};
}
