import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { NetworkClock, Sandbox, SandboxOptions } from '../../sandbox';
import { mulberry32 } from '../../sandbox/faults/random';
import { resetAccountState } from '../../nodes/InEvent/transport/accounts';
import { storedCredential } from './runNode';
import type { StoredCredential } from './credentialsHelper';
import { VirtualClock } from './virtualTime';

/**
 * n8n's whole request path on virtual time. n8n-core sends every request of a node (the
 * credential's sign-in in preAuthentication included) through the default instance of its own
 * axios; for the length of a test, that instance gets an adapter that hands the request to the
 * sandbox in process (`Sandbox.handle`: the same rate limiter, faults, routing, auth and request
 * log as its HTTP server) instead of to a socket. Everything above the socket stays real: n8n-core's
 * ExecuteContext and httpRequestWithAuthentication, the credential's preAuthentication and
 * authenticate, axios's own request and response transforms and status check.
 *
 * The node's pace (`resetAccountState(clock)`), the sandbox's arrivals, rate limits, latency and log
 * times all read one VirtualClock, so a test's minute of pacing takes milliseconds and comes out the
 * same however busy the machine is. `Math.random` (the jitter of the node's waits) is seeded too.
 */

/** The parts of axios (n8n-core's copy) the wire touches. */
interface AxiosLike {
	defaults: { adapter?: unknown };
	getUri(config: AdapterConfig): string;
	AxiosError: new (message: string, code?: string, config?: unknown, request?: unknown, response?: unknown) => Error;
	CanceledError: new (message?: string | null, config?: unknown, request?: unknown) => Error;
	AxiosHeaders: { from(headers: Record<string, string>): unknown };
}

interface AdapterConfig {
	method?: string;
	headers?: { toJSON?: (asStrings?: boolean) => Record<string, unknown> } & Record<string, unknown>;
	data?: unknown;
	timeout?: number;
	timeoutErrorMessage?: string;
	transitional?: { clarifyTimeoutError?: boolean };
	responseType?: string;
	signal?: { aborted: boolean; addEventListener(type: 'abort', listener: () => void): void };
	validateStatus?: ((status: number) => boolean) | null;
}

/** The axios n8n-core requires (its own nested copy here), resolved as n8n-core's `require('axios')` is. */
function n8nAxios(): AxiosLike {
	const fromCore = require.resolve('axios', { paths: [require.resolve('n8n-core')] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require(fromCore) as AxiosLike & { default?: AxiosLike };
	return loaded.default ?? loaded;
}

function bodyOf(data: unknown): string {
	if (data === undefined || data === null) return '';
	if (typeof data === 'string') return data;
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (data instanceof URLSearchParams) return data.toString();
	throw new Error(
		`the virtual wire sends string, Buffer or URLSearchParams bodies, not ${Object.prototype.toString.call(data)}`,
	);
}

function headersOf(config: AdapterConfig): Record<string, string> {
	const raw = typeof config.headers?.toJSON === 'function' ? config.headers.toJSON(true) : (config.headers ?? {});
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined || value === null || value === false) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

/**
 * An axios adapter that answers every request to `sandbox().url` from the sandbox in process, and
 * refuses anything else (no real network in a virtual-time test). As axios's http adapter does, it
 * honours `timeout` (on the virtual clock), an abort signal and `validateStatus`, and turns a dropped
 * connection into `socket hang up` (ECONNRESET).
 */
function sandboxAdapter(axios: AxiosLike, sandbox: () => Sandbox, clock: () => VirtualClock) {
	return async (config: AdapterConfig) => {
		const url = axios.getUri(config);
		const request = { method: (config.method ?? 'get').toUpperCase(), url };
		if (!url.startsWith(sandbox().url)) {
			throw new axios.AxiosError(`the virtual wire reaches only the sandbox, not ${url}`, 'ENOTFOUND', config, request);
		}
		const exchange = sandbox().handle({
			method: request.method,
			url: url.slice(sandbox().url.length - 1),
			headers: headersOf(config),
			body: bodyOf(config.data),
		});
		const racers: Array<Promise<Awaited<typeof exchange> | Error>> = [exchange];
		const timeout = config.timeout ?? 0;
		if (timeout > 0) {
			racers.push(
				clock()
					.sleep(timeout)
					.then(
						() =>
							new axios.AxiosError(
								config.timeoutErrorMessage ?? `timeout of ${timeout}ms exceeded`,
								config.transitional?.clarifyTimeoutError ? 'ETIMEDOUT' : 'ECONNABORTED',
								config,
								request,
							),
					),
			);
		}
		if (config.signal) {
			const { signal } = config;
			racers.push(
				new Promise((resolve) => {
					if (signal.aborted) resolve(new axios.CanceledError(null, config, request));
					else signal.addEventListener('abort', () => resolve(new axios.CanceledError(null, config, request)));
				}),
			);
		}
		const outcome = await Promise.race(racers);
		if (outcome instanceof Error) throw outcome;
		if (outcome.kind === 'dropped') {
			throw Object.assign(new axios.AxiosError('socket hang up', 'ECONNRESET', config, request), {
				cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
			});
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(outcome.headers)) headers[name.toLowerCase()] = value;
		const raw = Buffer.from(outcome.body, 'utf8');
		const data =
			config.responseType === 'arraybuffer'
				? raw
				: config.responseType === 'stream'
					? Readable.from([raw])
					: outcome.body;
		const response = {
			data,
			status: outcome.status,
			statusText: outcome.statusText ?? STATUS_CODES[outcome.status] ?? '',
			headers: axios.AxiosHeaders.from(headers),
			config,
			request,
		};
		const { validateStatus } = config;
		if (!validateStatus || validateStatus(outcome.status)) return response;
		throw new axios.AxiosError(
			`Request failed with status code ${outcome.status}`,
			outcome.status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE',
			config,
			request,
			response,
		);
	};
}

/**
 * The Web Streams `CompressionStream` (the node's xlsx and zip writers) with its work held on the
 * virtual clock: each chunk is deflated on the thread pool in real time, and virtual time does not move
 * meanwhile (VirtualClock.hold), so pages, waits and writes interleave the same way on every run.
 */
function heldCompressionStream(Real: typeof CompressionStream, clock: () => VirtualClock): typeof CompressionStream {
	return class HeldCompressionStream {
		readonly readable: ReadableStream<Uint8Array>;

		readonly writable: WritableStream<Uint8Array>;

		constructor(format: ConstructorParameters<typeof CompressionStream>[0]) {
			const real = new Real(format);
			let ended!: () => void;
			const end = new Promise<void>((resolve) => (ended = resolve));
			this.readable = real.readable.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: () => ended() }));
			const writer = real.writable.getWriter();
			this.writable = new WritableStream<Uint8Array>({
				write: async (chunk) => await clock().hold(writer.write(chunk)),
				close: async () => await clock().hold(Promise.all([writer.close(), end]).then(() => undefined)),
				abort: async (reason) => await writer.abort(reason),
			});
		}
	} as unknown as typeof CompressionStream;
}

export interface VirtualSandboxEnv {
	sandbox: () => Sandbox;
	/** The admin's System credential (not signed in yet), fresh for each test. */
	credential: () => StoredCredential;
	credentialAs: (user: { username: string; password: string }) => StoredCredential;
	/** This test's virtual clock (a new one for each test). */
	clock: () => VirtualClock;
	/** Runs the test's work on virtual time until it settles (see VirtualClock.run). */
	run: <T>(work: Promise<T>) => Promise<T>;
}

/**
 * `useSandbox` on virtual time: a sandbox per test file, reset before each test, whose network
 * (arrivals, rate limits, latency, log times) runs on the test's VirtualClock, reached through
 * n8n-core's axios in process; the node's process state on the same clock; `Math.random` seeded.
 * The sandbox's data clock (record dates, token expiry) stays its own (real unless a test sets it).
 * Compression (CompressionStream, on the thread pool) is held: virtual time waits for it.
 */
export function useVirtualSandbox(options: Omit<SandboxOptions, 'networkClock'> = {}): VirtualSandboxEnv {
	let sandbox: Sandbox;
	let credential: StoredCredential;
	let clock = new VirtualClock();
	const networkClock: NetworkClock = { now: () => clock.now(), sleep: async (ms) => await clock.sleep(ms) };
	const axios = n8nAxios();
	let adapterBefore: unknown;
	let random: jest.SpyInstance | undefined;
	const compressionBefore = globalThis.CompressionStream;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, ...options, networkClock });
		globalThis.CompressionStream = heldCompressionStream(compressionBefore, () => clock);
		adapterBefore = axios.defaults.adapter;
		axios.defaults.adapter = sandboxAdapter(
			axios,
			() => sandbox,
			() => clock,
		);
	});
	afterAll(async () => {
		axios.defaults.adapter = adapterBefore;
		globalThis.CompressionStream = compressionBefore;
		resetAccountState();
		await sandbox.close();
	});
	beforeEach(() => {
		clock = new VirtualClock();
		resetAccountState(clock);
		random = jest.spyOn(Math, 'random').mockImplementation(mulberry32(1));
		sandbox.reset();
		credential = credentialAs(SANDBOX_FIXTURES.admin);
	});
	afterEach(() => random?.mockRestore());

	const credentialAs = ({ username, password }: { username: string; password: string }): StoredCredential =>
		storedCredential({ region: 'custom', baseUrl: sandbox.url, username, password });
	return {
		sandbox: () => sandbox,
		credential: () => credential,
		credentialAs,
		clock: () => clock,
		run: async (work) => await clock.run(work),
	};
}

/**
 * Calls `act` at `ms` of virtual time from now (a test's setTimeout on the virtual clock), unless
 * `cancel()` comes first. `cancel()` throws what `act` threw, so a failing act fails the test.
 */
export function at(clock: VirtualClock, ms: number, act: () => void | Promise<void>): { cancel: () => void } {
	let cancelled = false;
	let failure: { error: unknown } | undefined;
	void clock.sleep(ms).then(async () => {
		if (cancelled) return;
		try {
			await act();
		} catch (error) {
			failure = { error };
		}
	});
	return {
		cancel: () => {
			cancelled = true;
			if (failure) throw failure.error;
		},
	};
}

/**
 * For code that reads the wall clock itself (`Date.now()`, e.g. the trigger's crawl against n8n's poll
 * budget, real time in n8n): while the spy lasts, the wall clock reads the test's virtual clock, so a
 * budget of virtual latency is spent as a real one would be, however busy the machine. Restore it
 * (`mockRestore`) at the end of the test.
 */
export function wallClockOn(clock: () => VirtualClock): jest.SpyInstance<number, []> {
	return jest.spyOn(Date, 'now').mockImplementation(() => clock().now());
}
