/**
 * examples/docker (the image with the package, and a queue-mode compose file) agrees with what the e2e
 * suite runs: the pinned n8n (test/e2e/package.json), the settings the queue-mode harness gives every
 * n8n process, and the install's own. Docker does not run in the suite: the image's install steps run
 * without it in test/e2e/installs.e2e.test.ts; here the files themselves are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { n8nInstall, pinnedVersion } from '../../tools/n8n/n8nVersions';
import { queueModeEnv } from '../e2e/harness/queueMode';
import { expandArgs, parseDockerfile } from '../harness/dockerfile';
import { parseYamlSubset } from '../harness/yamlSubset';
import type { YamlValue } from '../harness/yamlSubset';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'docker');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const PINNED = pinnedVersion(n8nInstall(''));
/** n8n's image runs as `node`; its user folder is /home/node, so n8n reads community nodes here. */
const NODES_DIR = '/home/node/.n8n/nodes';

const dockerfile = parseDockerfile(readFileSync(join(EXAMPLE, 'Dockerfile'), 'utf8'));
const compose = parseYamlSubset(readFileSync(join(EXAMPLE, 'docker-compose.yml'), 'utf8'));

type Mapping = { [key: string]: YamlValue };
const isMapping = (value: YamlValue | undefined): value is Mapping =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
function mapping(value: YamlValue | undefined, what: string): Mapping {
	if (!isMapping(value)) throw new Error(`${what} is not a mapping`);
	return value;
}

const services = mapping(mapping(compose, 'the compose file').services, 'services');
/** The n8n processes: the services that run an n8n command. */
const n8nServices = Object.entries(services)
	.map(([name, service]) => [name, mapping(service, name)] as const)
	.filter(([, service]) => service.command === 'start' || service.command === 'worker');
const environmentOf = (service: Mapping, name: string): Mapping => mapping(service.environment, `${name}.environment`);

/** `x.y.z` compared part by part. */
function compareVersions(a: string, b: string): number {
	const [left, right] = [a, b].map((version) => version.split('.').map(Number));
	for (let index = 0; index < 3; index++) if (left[index] !== right[index]) return left[index] - right[index];
	return 0;
}

describe('examples/docker/Dockerfile', () => {
	it(`builds on n8n's official image at the pinned version (${PINNED})`, () => {
		expect(dockerfile.globalArgs.get('N8N_VERSION')).toBe(PINNED);
		expect(expandArgs(dockerfile.from, dockerfile.globalArgs)).toBe(`n8nio/n8n:${PINNED}`);
	});

	it("installs into n8n's nodes folder as the image's user, this package at a version already made", () => {
		expect(dockerfile.stageArgs.get('NODES_DIR')).toBe(NODES_DIR);
		expect(dockerfile.runs.length).toBeGreaterThan(0);
		expect(dockerfile.runs.map((run) => run.user)).toEqual(dockerfile.runs.map(() => 'node'));
		const spec = /^(.+)@(\d+\.\d+\.\d+)$/.exec(dockerfile.stageArgs.get('INEVENT_PACKAGE') ?? '');
		expect(spec?.[1]).toBe(PACKAGE.name);
		expect(compareVersions(spec?.[2] ?? '0.0.0', PACKAGE.version)).toBeLessThanOrEqual(0);
		for (const name of ['INEVENT_PACKAGE', 'NODES_DIR'])
			expect(dockerfile.runs.some((run) => run.script.includes(`$${name}`))).toBe(true);
	});
});

describe('examples/docker/docker-compose.yml', () => {
	const workers = n8nServices.filter(([, service]) => service.command === 'worker');
	const replicas = (service: Mapping): number => {
		const deploy = service.deploy;
		return isMapping(deploy) && typeof deploy.replicas === 'number' ? deploy.replicas : 1;
	};

	it('is queue mode: one main, at least two workers', () => {
		expect(n8nServices.filter(([, service]) => service.command === 'start')).toHaveLength(1);
		expect(workers.reduce((sum, [, service]) => sum + replicas(service), 0)).toBeGreaterThanOrEqual(2);
	});

	it(`runs one image for every n8n process, built from the Dockerfile beside it on n8n ${PINNED}`, () => {
		const images = new Set(n8nServices.map(([, service]) => service.image));
		expect(images.size).toBe(1);
		expect([...images][0]).toBe(`n8n-inevent:${PINNED}`);
		for (const [name, service] of n8nServices) {
			const build = mapping(service.build, `${name}.build`);
			expect(existsSync(join(EXAMPLE, String(build.context), 'Dockerfile'))).toBe(true);
			expect(build.args).toEqual({
				N8N_VERSION: PINNED,
				INEVENT_PACKAGE: dockerfile.stageArgs.get('INEVENT_PACKAGE'),
			});
		}
	});

	it('gives every n8n process the settings the e2e queue gives its processes, the same key, and strings only', () => {
		const e2e = { ...queueModeEnv(6379, 5432), ...n8nInstall('').env };
		const keys = new Set<string>();
		for (const [name, service] of n8nServices) {
			const environment = environmentOf(service, name);
			expect(Object.keys(environment)).toEqual(expect.arrayContaining(Object.keys(e2e)));
			for (const [key, value] of Object.entries(environment)) {
				expect({ [key]: typeof value }).toEqual({ [key]: 'string' });
				// Hosts are the compose services' names, the password comes from .env.
				if (key in e2e && !key.endsWith('_HOST') && !key.endsWith('_PASSWORD'))
					expect({ [key]: value }).toEqual({ [key]: e2e[key] });
			}
			keys.add(String(environment.N8N_ENCRYPTION_KEY));
		}
		expect(keys.size).toBe(1);
		// From .env, never written in the example.
		expect([...keys][0]).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?.+\}$/);
		for (const [name, worker] of workers) expect(environmentOf(worker, name).QUEUE_HEALTH_CHECK_ACTIVE).toBe('true');
	});

	it("points every n8n process at the compose file's own Redis and PostgreSQL", () => {
		for (const [name, service] of n8nServices) {
			const environment = environmentOf(service, name);
			const postgres = mapping(services[String(environment.DB_POSTGRESDB_HOST)], 'the DB host service');
			const postgresEnvironment = environmentOf(postgres, 'postgres');
			expect(String(postgres.image)).toMatch(/^postgres:/);
			expect({
				database: environment.DB_POSTGRESDB_DATABASE,
				user: environment.DB_POSTGRESDB_USER,
				password: environment.DB_POSTGRESDB_PASSWORD,
			}).toEqual({
				database: postgresEnvironment.POSTGRES_DB,
				user: postgresEnvironment.POSTGRES_USER,
				password: postgresEnvironment.POSTGRES_PASSWORD,
			});
			const redis = mapping(services[String(environment.QUEUE_BULL_REDIS_HOST)], 'the queue host service');
			expect(String(redis.image)).toMatch(/^redis:/);
		}
	});

	it('mounts nothing over ~/.n8n in an n8n process (it would hide the nodes the image installed)', () => {
		for (const [, service] of n8nServices) {
			const targets = (Array.isArray(service.volumes) ? service.volumes : []).map((volume) =>
				String(isMapping(volume) ? volume.target : String(volume).split(':')[1]),
			);
			expect(targets.filter((target) => target === '/home/node' || target.startsWith('/home/node/.n8n'))).toEqual([]);
		}
	});

	it('every variable it requires from .env is in .env.example', () => {
		const required = [...readFileSync(join(EXAMPLE, 'docker-compose.yml'), 'utf8').matchAll(/\$\{(\w+):\?/g)].map(
			(match) => match[1],
		);
		const example = readFileSync(join(EXAMPLE, '.env.example'), 'utf8');
		expect(required.length).toBeGreaterThan(0);
		for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^${name}=.+`, 'm'));
	});
});

describe('README, "Docker and queue mode"', () => {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('### Docker and queue mode');
	const section = start < 0 ? '' : readme.slice(start, readme.indexOf('\n## ', start));

	it('names the pinned n8n, the example files and the settings the e2e suite runs', () => {
		expect(section).not.toBe('');
		for (const text of [
			`n8nio/n8n:${PINNED}`,
			'examples/docker/Dockerfile',
			'examples/docker/docker-compose.yml',
			NODES_DIR,
			'N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV',
			'N8N_COMMUNITY_PACKAGES',
			'N8N_REINSTALL_MISSING_PACKAGES',
			'Unrecognized node type',
		])
			expect({ [text]: section.includes(text) }).toEqual({ [text]: true });
	});
});
