/**
 * The floor: a minimal raw HTTP client doing the same InEvent calls at the same limits as the node
 * (10 calls per 1.05 s window, 5 in flight, one sign-in), with nothing else. It reports JSON on stdout.
 * The list reads pages of 100 at ascending offsets, 5 in flight (`sequential`: one page at a time),
 * stopping at the first short page.
 *   tsx benchmark/rawClient.ts <json job>
 */
interface Job {
	base: string;
	username: string;
	password: string;
	scenario: 'create' | 'list' | 'update';
	eventId?: string;
	count?: number;
	eventIds?: string[];
	/** The list only: one page at a time instead of 5 in flight. */
	sequential?: boolean;
}

const job = JSON.parse(process.argv[2]) as Job;
const WINDOW_MS = 1050;
const PER_WINDOW = 10;
const IN_FLIGHT = 5;
const starts: number[] = [];
let errors = 0;
let rateLimited = 0;

async function waitForSlot(): Promise<void> {
	for (;;) {
		const now = Date.now();
		while (starts.length > 0 && now - starts[0] >= WINDOW_MS) starts.shift();
		if (starts.length < PER_WINDOW) {
			starts.push(now);
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (now - starts[0])));
	}
}

// Slots are handed out in the order asked for, so pipelined pages start at ascending offsets.
let turns: Promise<void> = Promise.resolve();
async function paced(): Promise<void> {
	const turn = turns.then(waitForSlot);
	turns = turn;
	await turn;
}

/** One paced call; 429s waited out and sent again. `cancelled` (checked once paced): not sent, null. */
async function call(
	token: string,
	query: Record<string, string>,
	body?: Record<string, string>,
	cancelled?: () => boolean,
): Promise<{ data: unknown[] } | null> {
	for (;;) {
		await paced();
		if (cancelled?.()) return null;
		const response = await fetch(`${job.base}?${new URLSearchParams(query).toString()}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			body: body ? new URLSearchParams(body) : undefined,
		});
		if (response.status === 429) {
			rateLimited++;
			await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
			continue;
		}
		if (!response.ok) {
			errors++;
			return { data: [] };
		}
		return (await response.json()) as { data: unknown[] };
	}
}

async function pool(count: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: IN_FLIGHT }, async () => {
			while (next < count) await task(next++);
		}),
	);
}

const PAGE = 100;
const page = async (token: string, offset: number, cancelled?: () => boolean) =>
	await call(
		token,
		{
			action: 'event.person.find',
			eventID: job.eventId ?? '',
			selection: 'all',
			limit: String(PAGE),
			offset: String(offset),
		},
		undefined,
		cancelled,
	);

/** Reads the list with `ahead` pages in flight, in offset order, to the first short page; returns the items. */
async function list(token: string, ahead: number): Promise<number> {
	let items = 0;
	let ended = false;
	let nextOffset = 0;
	const pending: Array<Promise<{ data: unknown[] } | null>> = [];
	const ask = (): void => {
		pending.push(page(token, nextOffset, () => ended));
		nextOffset += PAGE;
	};
	while (pending.length < ahead) ask();
	while (pending.length > 0) {
		const { data } = (await pending.shift()) ?? { data: [] };
		items += data.length;
		if (data.length < PAGE) break;
		ask();
	}
	// Pages asked for beyond the end: those not yet started are not sent.
	ended = true;
	await Promise.allSettled(pending);
	return items;
}

async function main(): Promise<void> {
	const started = Date.now();
	const signIn = await fetch(`${job.base}?action=person.signIn&username=${encodeURIComponent(job.username)}`, {
		method: 'POST',
		body: new URLSearchParams({ password: job.password }),
	});
	const token = ((await signIn.json()) as { data: Array<{ tokenID: string }> }).data[0].tokenID;
	let items = 0;
	if (job.scenario === 'create') {
		await pool(job.count ?? 0, async (index) => {
			const email = `raw.${index}@bench.test`;
			const answer = await call(
				token,
				{ action: 'event.person.bind', eventID: job.eventId ?? '' },
				{ name: `Raw ${index}`, email, username: email },
			);
			items += answer?.data.length ?? 0;
		});
	} else if (job.scenario === 'list') {
		items = await list(token, job.sequential ? 1 : IN_FLIGHT);
	} else {
		const edits = (job.eventIds ?? []).flatMap((eventID) =>
			[
				['name', `Bench ${eventID}`],
				['description', 'Updated by the benchmark'],
				['visible', '1'],
			].map(([key, value]) => ({ eventID, key, value })),
		);
		await pool(edits.length, async (index) => {
			const { eventID, key, value } = edits[index];
			await call(token, { action: 'event.edit', eventID, key }, { value });
			items++;
		});
	}
	process.stdout.write(JSON.stringify({ wallMs: Date.now() - started, items, errors, rateLimited }));
}

void main();
