/**
 * A call's place in the pace's windows, from the moment its turn is given until InEvent has counted
 * it. The windows count it where it started; that place only moves later:
 * - `leftAt`: the call was seen leaving later than its turn (a stalled event loop, a slow departure
 *   shown by its answer, the request a sign-in sent once it answered);
 * - `giveBack`: the call sent nothing (a sign-in was under way): it counts nowhere;
 * - a place still to come (`Turn.toCome`) counts in every window until it is settled by `leftAt`,
 *   so calls held up elsewhere cannot all start together later.
 */
export class Turn {
	private startAt: number;

	private state: 'started' | 'toCome' | 'givenBack';

	private constructor(
		/** When the turn was given (undefined for a place still to come). */
		readonly givenAt: number | undefined,
		/** How many times the account's pace had slowed down then: a 429 slows it once per round. */
		readonly round: number,
		/** For a turn that signs in first: the place of the request n8n sends after the sign-in. */
		readonly requestAfterSignIn?: Turn,
	) {
		this.startAt = givenAt ?? Infinity;
		this.state = givenAt === undefined ? 'toCome' : 'started';
	}

	/** A turn given at `now`; `signsIn` adds the place of the request after the sign-in, still to come. */
	static given(now: number, round: number, signsIn = false): Turn {
		return new Turn(now, round, signsIn ? Turn.toCome(round) : undefined);
	}

	/** A place whose start is not known yet. */
	static toCome(round = 0): Turn {
		return new Turn(undefined, round);
	}

	/** Where the windows count it: its start; a start to come never leaves a window; a turn given back counts nowhere. */
	get countsAt(): number {
		if (this.state === 'givenBack') return -Infinity;
		return this.startAt;
	}

	get isGivenBack(): boolean {
		return this.state === 'givenBack';
	}

	/** Counted where it started, not a place still to come nor given back. */
	get hasStarted(): boolean {
		return this.state === 'started';
	}

	/** The call left at `time` (settles a place still to come; moves a started one later, never earlier). */
	leftAt(time: number): void {
		if (this.state === 'givenBack') return;
		this.startAt = this.state === 'toCome' ? time : Math.max(this.startAt, time);
		this.state = 'started';
	}

	/** The call sent nothing: it leaves every window. */
	giveBack(): void {
		this.state = 'givenBack';
	}
}
