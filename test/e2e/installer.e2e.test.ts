/**
 * Installed the way n8n installs it: the packed package is published to a local npm registry
 * (Verdaccio), and a real n8n installs, runs, updates and uninstalls it through the routes behind
 * Settings → Community Nodes. Only the registry n8n's npm calls go to is swapped (see
 * registryRedirectingNpm); download, manifest rewrite, `npm install`, the DB record and the
 * loading of the nodes are n8n's own.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_FIXTURES, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { CommunityPackages } from './harness/communityPackages';
import type { InstalledPackage } from './harness/communityPackages';
import { publishAttendeeListWorkflow } from './harness/editorWorkflow';
import { startLocalRegistry } from './harness/localRegistry';
import type { LocalRegistry } from './harness/localRegistry';
import { N8nHome, PACKAGE_NAME, packPackage } from '../../tools/n8n/n8n';
import { N8nRest } from './harness/n8nRest';
import { installedVersion, selectedN8nInstall } from '../../tools/n8n/n8nVersions';
import { stopAll } from '../../tools/n8n/processes';
import { registryRedirectingNpm } from './harness/registryRedirectingNpm';
import type { RedirectingNpm } from './harness/registryRedirectingNpm';
import { nextPatch, packedManifest, repack } from './harness/repack';
import { waitForWebhook } from '../../tools/n8n/webhookBurst';

const OWNER = {
	email: 'owner@installer-e2e.test',
	firstName: 'Installer',
	lastName: 'Owner',
	password: 'Installer-e2e-1',
};
const NODE_TYPES = [
	`${PACKAGE_NAME}.inEvent`,
	`${PACKAGE_NAME}.inEventInstantTrigger`,
	`${PACKAGE_NAME}.inEventTrigger`,
];
const WEBHOOK_PATH = 'installer-e2e-attendees';
const LIMIT = 3;
const { admin, eventA } = SANDBOX_FIXTURES;

let work: string;
let sandbox: Sandbox;
let registry: LocalRegistry;
let npm: RedirectingNpm;
let home: N8nHome;
let rest: N8nRest;
let packages: CommunityPackages;
let tarball: string;
let version: string;

const nodesFolder = (): string => join(home.folder, '.n8n', 'nodes');
const installedFolder = (): string => join(nodesFolder(), 'node_modules', PACKAGE_NAME);
const readJson = (file: string): IDataObject => JSON.parse(readFileSync(file, 'utf8')) as IDataObject;
const listed = async (): Promise<InstalledPackage | undefined> =>
	(await packages.list()).find((entry) => entry.packageName === PACKAGE_NAME);

/** Whether the n8n under test is older than `version` (x.y.z). */
function olderThan(version: string): boolean {
	const parts = (text: string): number[] => text.split('.').map(Number);
	const [have, want] = [parts(installedVersion(selectedN8nInstall()) ?? '0.0.0'), parts(version)];
	const differs = have.findIndex((part, index) => part !== want[index]);
	return differs >= 0 && have[differs] < want[differs];
}

/** POSTs to the published workflow's webhook; n8n answers with the InEvent node's items. */
async function runWorkflow(): Promise<{ status: number; body: string; items: IDataObject[]; actions: string[] }> {
	sandbox.clearLog();
	const response = await fetch(`${home.editorUrl}webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
		signal: AbortSignal.timeout(60_000),
	});
	const body = await response.text();
	expect(body).not.toContain(admin.password);
	const items = response.ok ? (JSON.parse(body) as IDataObject[]) : [];
	return { status: response.status, body, items, actions: sandbox.requests.map((entry) => entry.action) };
}

beforeAll(async () => {
	work = mkdtempSync(join(tmpdir(), 'inevent-installer-'));
	sandbox = await startSandbox({ port: 0 });
	registry = await startLocalRegistry();
	tarball = await packPackage(work);
	version = String((await packedManifest(tarball)).version);

	home = new N8nHome();
	npm = registryRedirectingNpm(work, registry.url);
	// The installer's switches, explicitly (today's defaults). N8N_COMMUNITY_PACKAGES_REGISTRY is left
	// unset: n8n's own default, the public registry, is what its npm calls name.
	await home.init({
		PATH: npm.path,
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
	});
	const logFile = join(work, 'n8n.log');
	home.serve(logFile);
	rest = new N8nRest(home.editorUrl);
	try {
		await rest.waitUntilReady(240_000);
	} catch (error) {
		const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
		throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
	}
	await rest.setUpOwner(OWNER);
	await rest.login(OWNER.email, OWNER.password);
	packages = new CommunityPackages(rest);
}, 600_000);

afterAll(async () => {
	await registry?.stop();
	stopAll();
	await sandbox?.close();
	home?.remove();
	if (work) rmSync(work, { recursive: true, force: true });
});

describe('installed through n8n’s own community-package installer, from a local registry', () => {
	it('Install: n8n downloads the published package, installs it and loads its nodes', async () => {
		await registry.publish(tarball);
		const served = (await (await fetch(`${registry.url}${PACKAGE_NAME}`)).json()) as { versions: IDataObject };
		expect(Object.keys(served.versions)).toEqual([version]);

		const installed = await packages.install(PACKAGE_NAME, version);
		expect(installed.packageName).toBe(PACKAGE_NAME);
		expect(installed.installedVersion).toBe(version);
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);

		// n8n's own npm calls, the public registry in its arguments, run against the local one.
		const calls = npm.calls().map((line) => line.split('\t')[1]);
		const pack = calls.find((call) => call.startsWith(`pack ${PACKAGE_NAME}@${version} `));
		expect(pack).toContain('--registry=https://registry.npmjs.org');
		expect(calls.some((call) => call.startsWith('install ') && call.includes('--ignore-scripts=true'))).toBe(true);

		// What n8n wrote: its nodes folder's package.json, the package without dev/peer dependencies.
		expect((readJson(join(nodesFolder(), 'package.json')).dependencies as IDataObject)[PACKAGE_NAME]).toBe(version);
		const manifest = readJson(join(installedFolder(), 'package.json'));
		expect(manifest).toMatchObject({ name: PACKAGE_NAME, version });
		expect(manifest.peerDependencies).toBeUndefined();
		expect(existsSync(join(installedFolder(), 'dist', 'nodes', 'InEvent', 'InEvent.node.js'))).toBe(true);

		expect(await listed()).toMatchObject({ installedVersion: version });
		for (const type of NODE_TYPES)
			expect(await packages.describeNodeType(type)).toMatchObject({ displayName: expect.stringMatching(/^InEvent/) });
	});

	it('runs a workflow built with the installed node against the InEvent sandbox', async () => {
		await publishAttendeeListWorkflow(rest, {
			sandboxUrl: sandbox.url,
			eventId: eventA.eventId,
			path: WEBHOOK_PATH,
			limit: LIMIT,
		});
		await waitForWebhook(`${home.editorUrl}webhook/${WEBHOOK_PATH}`, { timeoutMs: 60_000 });
		const run = await runWorkflow();
		expect(run).toMatchObject({ status: 200 });
		expect(run.items).toHaveLength(LIMIT);
		for (const item of run.items) expect(item.personID).toEqual(expect.any(String));
		expect(run.actions).toEqual(['person.signIn', 'event.person.find']);
		expect(sandbox.requests[1].query.eventID).toBe(eventA.eventId);
	});

	it('Update: a newer version published to the registry is offered, installed, and the node still runs', async () => {
		const next = nextPatch(version);
		await registry.publish(await repack(tarball, work, (manifest) => ({ ...manifest, version: next })));
		expect(await listed()).toMatchObject({ installedVersion: version, updateAvailable: next });

		const updated = await packages.update(PACKAGE_NAME, next);
		expect(updated.installedVersion).toBe(next);
		expect(updated.installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
		const after = await listed();
		expect(after?.installedVersion).toBe(next);
		expect(after?.updateAvailable).toBeUndefined();
		expect(readJson(join(installedFolder(), 'package.json')).version).toBe(next);
		expect((readJson(join(nodesFolder(), 'package.json')).dependencies as IDataObject)[PACKAGE_NAME]).toBe(next);

		const run = await runWorkflow();
		expect(run).toMatchObject({ status: 200 });
		expect(run.items).toHaveLength(LIMIT);
		expect(run.actions).toContain('event.person.find');
	});

	it('Uninstall: the package, its files and its node types are gone', async () => {
		await packages.uninstall(PACKAGE_NAME);
		expect(await listed()).toBeUndefined();
		expect(existsSync(installedFolder())).toBe(false);
		for (const type of NODE_TYPES)
			await expect(packages.describeNodeType(type)).rejects.toThrow(`Unrecognized node type: ${type}`);

		// The published workflow still has its webhook, but n8n can no longer build it: n8n's own error, as a 500
		// in 2.8.4 and before, a 400 in 2.41.1 and after (the versions between were not tried).
		const run = await runWorkflow();
		expect(run.body).toContain(`Unrecognized node type: ${PACKAGE_NAME}.inEvent`);
		const statuses = olderThan('2.8.5') ? [500] : olderThan('2.41.1') ? [400, 500] : [400];
		expect(statuses).toContain(run.status);
		expect(run.actions).toEqual([]);
	});
});
