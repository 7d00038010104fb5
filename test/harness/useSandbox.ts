import { SANDBOX_FIXTURES, startSandbox } from '../sandbox';
import type { Sandbox, SandboxOptions } from '../sandbox';
import { setInEventLimits } from '../../nodes/InEvent/transport/accountPace';
import type { InEventLimits } from '../../nodes/InEvent/transport/accountPace';
import { runNode, storedCredential } from './runNode';
import type { StoredCredential } from './credentialsHelper';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export { SANDBOX_FIXTURES };

/** A sandbox per test file, reset before each test, and a System credential (not signed in yet). */
export function useSandbox(options: SandboxOptions = {}): {
	sandbox: () => Sandbox;
	credential: () => StoredCredential;
} {
	let sandbox: Sandbox;
	let credential: StoredCredential;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		credential = storedCredential({
			region: 'custom',
			baseUrl: sandbox.url,
			username: SANDBOX_FIXTURES.admin.username,
			password: SANDBOX_FIXTURES.admin.password,
		});
	});
	return { sandbox: () => sandbox, credential: () => credential };
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
 * allows in a test's time (the fault soak): the node's shared pace is raised for that file only.
 */
export function useRaisedLimits(limits: Partial<InEventLimits>): void {
	beforeAll(() => setInEventLimits(limits));
	afterAll(() => setInEventLimits({}));
}
