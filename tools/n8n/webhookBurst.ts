/**
 * Webhook bursts against a served n8n: the workflow a new user builds (Webhook → InEvent create
 * attendee), many POSTs at once, and what the InEvent sandbox saw on the wire.
 */
import { request as httpRequest, Agent } from 'node:http';
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry } from '../../sandbox';
import { mostInAnyWindow } from './arrivals';

export interface BurstWorkflowIds {
	id: string;
	name: string;
	/** The webhook path: the production URL is `<n8n>/webhook/<path>`. */
	path: string;
	credentialId: string;
	eventId: string;
	/** Defaults to 'InEvent sandbox'. */
	credentialName?: string;
}

/** A stable UUID-shaped id from a seed, as the editor gives every Webhook node one. */
function webhookId(seed: string): string {
	const hex = createHash('sha1').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A Webhook node (POST, answers with the last node's output), as the editor saves it. */
export function webhookNode(path: string, name = 'Webhook'): IDataObject {
	return {
		id: `n-${path}-hook`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: webhookId(path),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	};
}

/** Webhook → InEvent "Create Attendee" with the name and email of the POSTed JSON body. */
export function burstWorkflow({
	id,
	name,
	path,
	credentialId,
	eventId,
	credentialName = 'InEvent sandbox',
}: BurstWorkflowIds): IDataObject {
	const hook = webhookNode(path);
	const create: IDataObject = {
		id: `n-${path}-create`,
		name: 'Create Attendee',
		type: 'n8n-nodes-inevent.inEvent',
		typeVersion: 1,
		position: [250, 0],
		parameters: {
			resource: 'attendee',
			operation: 'create',
			eventId: { __rl: true, mode: 'id', value: eventId },
			name: '={{ $json.body.name }}',
			email: '={{ $json.body.email }}',
		},
		credentials: { inEventApi: { id: credentialId, name: credentialName } },
	};
	return {
		id,
		name,
		active: false,
		nodes: [hook, create],
		connections: { [String(hook.name)]: { main: [[{ node: create.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** `count` distinct people (`<prefix>.<i>@burst.test`), the bodies of one burst. */
export function burstPeople(prefix: string, count: number): Array<{ name: string; email: string }> {
	return Array.from({ length: count }, (_, index) => ({
		name: `${prefix} ${index}`,
		email: `${prefix.toLowerCase()}.${index}@burst.test`,
	}));
}

export interface BurstReply {
	/** HTTP status, or 0 when no answer came (then `error` says why). */
	status: number;
	body: string;
	/** From sending to the end of the answer (or the failure). */
	ms: number;
	error?: string;
}

export interface BurstResult {
	replies: BurstReply[];
	/** From the first request sent to the last answer or failure. */
	wallMs: number;
}

function postOne(agent: Agent, url: URL, body: string, timeoutMs: number): Promise<BurstReply> {
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const done = (reply: Omit<BurstReply, 'ms'>): void => {
			if (settled) return;
			settled = true;
			resolve({ ...reply, ms: Date.now() - started });
		};
		const req = httpRequest(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (error) => done({ status: 0, body: '', error: error.message }));
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (error) => done({ status: 0, body: '', error: error.message }));
		req.end(body);
	});
}

/** POSTs every body as JSON at once (one socket each); never throws for a failed request. */
export async function postBurst(
	url: string,
	bodies: IDataObject[],
	{ timeoutMs }: { timeoutMs: number },
): Promise<BurstResult> {
	const agent = new Agent({ keepAlive: false, maxSockets: Math.max(1, bodies.length) });
	const target = new URL(url);
	const started = Date.now();
	try {
		const replies = await Promise.all(bodies.map((body) => postOne(agent, target, JSON.stringify(body), timeoutMs)));
		return { replies, wallMs: Date.now() - started };
	} finally {
		agent.destroy();
	}
}

/** The tokenID a logged call carried (Bearer header or `tokenID` query), as the sandbox's limiter counts it. */
export function tokenOf(entry: RequestLogEntry): string | undefined {
	const bearer = entry.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
	if (bearer) return bearer;
	const query = entry.query.tokenID;
	return query === undefined || query === '' ? undefined : query;
}

export interface WireStats {
	calls: number;
	signIns: number;
	/** Answered 429 by the sandbox's limiter (injected faults are not counted). */
	rateLimited: number;
	/** The most calls one token started within any sliding second (arrival times, as the limiter counts). */
	maxStartsInAnySecondPerToken: number;
	/** Status-200 calls other than sign-ins, divided by the span from the first to the last of them. */
	acceptedPerSecond: number;
	/**
	 * The most accepted calls in any 10 seconds, per second: the rate the pace keeps while executions wait
	 * for it, without the seconds in which n8n starts the burst's executions (n8n 2.41 in queue mode: 10 to
	 * 17 s before the first answer, a few calls a second meanwhile) or the last stragglers.
	 */
	sustainedPerSecond: number;
}

const SUSTAINED_WINDOW_MS = 10_000;

/** The most of `times` within any window of `windowMs`, per second (all of them over their span when fewer). */
function busiestRate(times: number[], windowMs = SUSTAINED_WINDOW_MS): number {
	const sorted = [...times].sort((a, b) => a - b);
	const spanMs = sorted.length > 1 ? sorted[sorted.length - 1] - sorted[0] : 0;
	if (spanMs < windowMs) return spanMs > 0 ? sorted.length / (spanMs / 1000) : sorted.length;
	let most = 0;
	for (let first = 0, last = 0; first < sorted.length; first++) {
		while (last < sorted.length && sorted[last] - sorted[first] < windowMs) last++;
		most = Math.max(most, last - first);
	}
	return most / (windowMs / 1000);
}

/** What the InEvent sandbox's request log says about a run. */
export function wireStats(entries: RequestLogEntry[]): WireStats {
	const byToken = new Map<string, number[]>();
	for (const entry of entries) {
		const token = tokenOf(entry);
		if (token !== undefined) byToken.set(token, [...(byToken.get(token) ?? []), entry.time]);
	}
	const accepted = entries
		.filter((entry) => entry.status === 200 && entry.action !== 'person.signIn')
		.map((entry) => entry.time);
	const spanMs = accepted.length > 1 ? Math.max(...accepted) - Math.min(...accepted) : 0;
	return {
		calls: entries.length,
		signIns: entries.filter((entry) => entry.action === 'person.signIn').length,
		rateLimited: entries.filter((entry) => entry.status === 429 && entry.fault === undefined).length,
		maxStartsInAnySecondPerToken: Math.max(0, ...[...byToken.values()].map((times) => mostInAnyWindow(times))),
		acceptedPerSecond: spanMs > 0 ? accepted.length / (spanMs / 1000) : accepted.length,
		sustainedPerSecond: busiestRate(accepted),
	};
}

/**
 * Waits until n8n serves the production webhook at `url`, without running it: a GET to a POST-only
 * webhook answers nothing, or Express's 404 `Cannot GET` while n8n starts, or 404 `The requested
 * webhook "GET …" is not registered.` until the workflow is active; once it is, 404 `This webhook
 * is not registered for GET requests. Did you mean to make a POST request?` (a GET webhook: 2xx).
 * While it starts, n8n 2.41 answers any GET with 200 `n8n is starting up. Please wait` (and then 404 pages
 * in HTML) before its webhook routes are up: not live.
 */
export async function waitForWebhook(url: string, { timeoutMs }: { timeoutMs: number }): Promise<void> {
	await waitUntilLive(`the webhook ${url}`, timeoutMs, async () => {
		const reply = await probe(url);
		const starting = reply.body.includes('n8n is starting up') || /^\s*<(!doctype html|html)/i.test(reply.body);
		const live =
			(reply.status >= 200 && reply.status < 400 && !starting) || reply.body.includes('Did you mean to make a');
		return live ? undefined : (reply.error ?? `${reply.status} ${reply.body.slice(0, 200)}`);
	});
}

/**
 * Asks `check` every half second until it finds `what` live (undefined), or fails after `timeoutMs`
 * with the last thing `check` said.
 */
export async function waitUntilLive(
	what: string,
	timeoutMs: number,
	check: () => Promise<string | undefined>,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const last = await check();
		if (last === undefined) return;
		if (Date.now() > deadline) throw new Error(`${what} was not live within ${timeoutMs} ms (last: ${last})`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

function probe(url: string): Promise<BurstReply> {
	const started = Date.now();
	return new Promise((resolve) => {
		const req = httpRequest(url, { method: 'GET' }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					ms: Date.now() - started,
				}),
			);
		});
		req.setTimeout(5000, () => req.destroy(new Error('probe timed out')));
		req.on('error', (error) => resolve({ status: 0, body: '', ms: Date.now() - started, error: error.message }));
		req.end();
	});
}
