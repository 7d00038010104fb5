import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** A registry that knows no package: npm publish reads the packument (404) and would then PUT the tarball. */
async function emptyRegistry(): Promise<{ url: string; requests: string[]; close: () => void }> {
	const requests: string[] = [];
	const server = createServer((request, response) => {
		requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
		response.writeHead(request.method === 'GET' ? 404 : 201, { 'content-type': 'application/json' });
		response.end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, close: () => server.close() };
}

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn('npm', args, { cwd: ROOT, env });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe('publishConfig.provenance', () => {
	it('a publish from outside CI stops at npm itself, even with scripts ignored, before any upload', async () => {
		const registry = await emptyRegistry();
		try {
			const userconfig = join(mkdtempSync(join(tmpdir(), 'inevent-publish-')), 'npmrc');
			writeFileSync(userconfig, `${registry.url.replace(/^http:/, '')}:_authToken=not-a-real-token\n`);
			const withoutCi = Object.fromEntries(
				Object.entries(process.env).filter(([name]) => !/^(GITHUB_|ACTIONS_|GITLAB_|CI$|npm_config_)/.test(name)),
			);
			const { code, output } = await npm(
				['publish', `--registry=${registry.url}`, `--userconfig=${userconfig}`, '--ignore-scripts'],
				withoutCi,
			);
			expect(code).not.toBe(0);
			expect(output).toMatch(/EUSAGE[\s\S]*provenance generation not supported/);
			expect(registry.requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
		} finally {
			registry.close();
		}
	}, 120_000);
});
