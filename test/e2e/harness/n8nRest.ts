/** The editor's REST API (`/rest/...`) of a running n8n, as the signed-in owner. */

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export class N8nRestError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} /rest${path} answered HTTP ${status}: ${body.slice(0, 2000)}`);
	}
}

export class N8nRest {
	private cookie = '';

	/** `editorUrl` ends with `/`. */
	constructor(private readonly editorUrl: string) {}

	/**
	 * Waits until n8n's REST routes answer: while it starts, every path answers 200 with the plain
	 * text "n8n is starting up. Please wait".
	 */
	async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let last = 'no answer yet';
		for (;;) {
			try {
				const response = await fetch(`${this.editorUrl}rest/settings`);
				const text = await response.text();
				if (response.ok && text.startsWith('{')) return;
				last = `HTTP ${response.status} ${text.slice(0, 100)}`;
			} catch (error) {
				last = error instanceof Error ? error.message : String(error);
			}
			if (Date.now() > deadline) throw new Error(`n8n's REST API not ready within ${timeoutMs} ms (${last})`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}

	/** The owner account that the first visit to the editor asks for. */
	async setUpOwner(owner: Owner): Promise<void> {
		await this.call('POST', '/owner/setup', owner);
	}

	/** Signs in; the session cookie is kept for the next calls. */
	async login(email: string, password: string): Promise<void> {
		this.cookie = '';
		await this.call('POST', '/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('n8n answered the login without a session cookie');
	}

	/** Calls a route and returns its `data`; a non-2xx answer throws an N8nRestError with n8n's message. */
	async call<T>(method: string, path: string, body?: unknown, timeoutMs = 180_000): Promise<T> {
		const response = await fetch(`${this.editorUrl}rest${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (session) this.cookie = session.split(';')[0];
		if (!response.ok) throw new N8nRestError(method, path, response.status, text);
		if (!text) return undefined as T;
		try {
			return (JSON.parse(text) as { data: T }).data;
		} catch {
			throw new Error(`${method} /rest${path} answered HTTP ${response.status} with no JSON: ${text.slice(0, 300)}`);
		}
	}
}
