import { CredentialToken, SignInFailure } from '../../../../../nodes/InEvent/transport/token';

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe("CredentialToken (one credential's token, every execution of the process)", () => {
	it('one sign-in for many callers refused with the same token; the others resend', async () => {
		const session = new CredentialToken();
		session.setToken('tok-1');
		const sentWith = session.generation;
		let signIns = 0;
		const signIn = async () => {
			signIns++;
			await delay(30);
			session.setToken('tok-2');
			return 'answer';
		};
		const outcomes = await Promise.all([0, 1, 2, 3].map(async () => await session.signInOnce(sentWith, signIn)));
		expect(signIns).toBe(1);
		expect(outcomes.filter((outcome) => outcome.resend)).toHaveLength(3);
		// A call that left with the old token and comes back later resends without a sign-in.
		expect(await session.signInOnce(sentWith, signIn)).toEqual({ resend: true });
		expect(signIns).toBe(1);
		expect(session.current).toBe('tok-2');
	});

	it('takes a newer token from the database, never an older or refused one', () => {
		const session = new CredentialToken();
		session.offer('tok-1', Date.now());
		expect(session.current).toBe('tok-1');
		const staleRead = Date.now() - 1000;
		session.setToken('tok-2');
		session.offer('tok-1', staleRead);
		expect(session.current).toBe('tok-2');
		session.retire('tok-2');
		session.setToken('tok-3');
		session.offer('tok-2', Date.now() + 1);
		expect(session.current).toBe('tok-3');
		// Another process stored tok-4 after ours: taken.
		session.offer('tok-4', Date.now() + 1);
		expect(session.current).toBe('tok-4');
	});

	it('a cold credential read by many executions before the first sign-in ends stays signed in', async () => {
		const session = new CredentialToken();
		const readBeforeSignIn = Date.now();
		session.offer('', readBeforeSignIn);
		await delay(5);
		session.setToken('tok-1');
		session.offer('', readBeforeSignIn);
		expect(session.current).toBe('tok-1');
	});

	it('a refused password fails the callers that waited for it, for that password only', async () => {
		const session = new CredentialToken();
		const refused = new SignInFailure('InEvent rejected the sign-in', 'rejected');
		session.remember(refused, 'pw-1');
		expect(await session.ready('pw-1')).toBe(refused);
		expect(await session.ready('pw-1')).toMatchObject({ message: 'InEvent rejected the sign-in', kind: 'rejected' });
		expect(await session.ready('pw-2')).toBeUndefined();
	});
});
