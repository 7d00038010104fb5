import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { WebhookLevel } from '../store/records';

/** Sent with every delivery, so a receiver can tell the sandbox's calls apart. */
export const WEBHOOK_USER_AGENT = 'InEvent-Webhooks (sandbox)';

/** One delivery: a body for one hook, with the retry settings it started with. */
export interface DeliveryJob {
	webhookID: string;
	/** The hook's level and target (for the delivery log). */
	level: WebhookLevel;
	targetID: string;
	type: string;
	/** A secret of the receiver: never logged. */
	url: string;
	body: string;
	timeoutMs: number;
	retries: number;
	retryDelayMs: number;
}

/** How one attempt ended. */
export interface AttemptResult {
	job: DeliveryJob;
	/** 1 for the first send. */
	attempt: number;
	/** The HTTP status; 0 when nothing was answered in time (refused, reset, timed out). */
	status: number;
	/** From sending to the status line (or to giving up), real milliseconds. */
	ms: number;
	/** When the attempt was sent: real epoch ms. */
	sentAt: number;
	/** When the attempt was sent: sandbox clock, Unix seconds. */
	date: number;
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Posts webhook bodies with `node:http`/`node:https` over keep-alive agents, so hundreds at once share few
 * handshakes. An attempt ends at the response's status line or at `timeoutMs`, whichever is first; one
 * without a 2xx is sent again, byte-identical, after `retryDelayMs`, up to `retries` more times. It never
 * writes to stdout/stderr (hook URLs are secrets). `abort()` drops what is in flight and what waits for a
 * retry (nothing of it is reported); `close()` also destroys the agents' sockets.
 */
export class WebhookDispatcher {
	private readonly httpAgent = new HttpAgent({ keepAlive: true });
	private readonly httpsAgent = new HttpsAgent({ keepAlive: true });
	private readonly requests = new Set<ClientRequest>();
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Deliveries started and not yet over (in flight or waiting for a retry). */
	private active = 0;
	/** Bumped by abort(): callbacks of an older generation report nothing. */
	private generation = 0;
	private waiters: Array<() => void> = [];
	private closed = false;

	constructor(
		private readonly nowSeconds: () => number,
		private readonly onAttempt: (result: AttemptResult) => void,
	) {}

	/** Starts a delivery now (ignored once closed). */
	deliver(job: DeliveryJob): void {
		if (this.closed) return;
		this.active++;
		this.send(job, 1, this.generation);
	}

	/** Resolves when no delivery is in flight or waiting for a retry (at once if none is). */
	settled(): Promise<void> {
		if (this.active === 0) return Promise.resolve();
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	/** Drops every delivery in flight or waiting for a retry, unreported; settled() resolves. */
	abort(): void {
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const request of this.requests) request.destroy();
		this.requests.clear();
		this.active = 0;
		this.wakeWaiters();
	}

	/** abort(), then no more deliveries; the agents' sockets are destroyed (no handle stays open). */
	close(): void {
		this.closed = true;
		this.abort();
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}

	private send(job: DeliveryJob, attempt: number, generation: number): void {
		const sentAt = Date.now();
		const started = performance.now();
		const date = this.nowSeconds();
		let finished = false;
		let request: ClientRequest | undefined;
		const timer = setTimeout(() => {
			finish(0);
			request?.destroy();
		}, job.timeoutMs);
		this.timers.add(timer);
		const finish = (status: number): void => {
			if (finished) return;
			finished = true;
			clearTimeout(timer);
			this.timers.delete(timer);
			if (generation !== this.generation) return;
			this.onAttempt({ job, attempt, status, ms: Math.round(performance.now() - started), sentAt, date });
			if (isSuccess(status) || attempt > job.retries) {
				this.deliveryOver();
				return;
			}
			const retry = setTimeout(() => {
				this.timers.delete(retry);
				if (generation === this.generation) this.send(job, attempt + 1, generation);
			}, job.retryDelayMs);
			this.timers.add(retry);
		};
		try {
			const url = new URL(job.url);
			const secure = url.protocol === 'https:';
			request = (secure ? httpsRequest : httpRequest)(url, {
				method: 'POST',
				agent: secure ? this.httpsAgent : this.httpAgent,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': String(Buffer.byteLength(job.body)),
					'User-Agent': WEBHOOK_USER_AGENT,
				},
			});
		} catch {
			finish(0);
			return;
		}
		const sent = request;
		this.requests.add(sent);
		sent.on('close', () => this.requests.delete(sent));
		sent.on('response', (response) => {
			finish(response.statusCode ?? 0);
			// The body is drained and ignored; a connection cut while draining (abort, close) is no error here.
			response.on('error', () => undefined);
			response.resume();
		});
		sent.on('error', () => finish(0));
		sent.end(job.body);
	}

	private deliveryOver(): void {
		this.active--;
		if (this.active === 0) this.wakeWaiters();
	}

	private wakeWaiters(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}
