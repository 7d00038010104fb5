import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { exactVersionManifest, n8nEnv, n8nInstall, NODE_PACKAGE, pinnedVersion } from '../n8nVersions';

const E2E = join(__dirname, '../../../test/e2e');

describe('the n8n installs E2E_N8N selects', () => {
	it('unset: the pin in test/e2e/, on the Node 24 its own lock file brings', () => {
		const pin = n8nInstall('');
		expect(pin.folder).toBe(E2E);
		expect(pin.nodePackage).toBe(NODE_PACKAGE);
		const manifest = JSON.parse(readFileSync(join(E2E, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(pinnedVersion(pin)).toBe(manifest.dependencies.n8n);
		expect(manifest.dependencies[NODE_PACKAGE]).toMatch(/^24\./);
		const lock = JSON.parse(readFileSync(join(E2E, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { version?: string }>;
		};
		expect(lock.packages['node_modules/n8n'].version).toBe(pinnedVersion(pin));
		expect(n8nEnv(pin).PATH?.split(':')[0]).toBe(join(E2E, 'node_modules', NODE_PACKAGE, 'bin'));
	});

	it('the smoke legs: 2.8 on the machine Node, 1 with the legacy expression engine and update:workflow', () => {
		expect(pinnedVersion(n8nInstall('2.8'))).toBe('2.8.4');
		expect(n8nInstall('2.8').nodePackage).toBeUndefined();
		const one = n8nInstall('1');
		expect(pinnedVersion(one)).toMatch(/^1\./);
		expect(one.env).toEqual({ N8N_EXPRESSION_ENGINE: 'legacy' });
		expect(one.activateArgs('w1')).toEqual(['update:workflow', '--id=w1', '--active=true']);
	});

	it('an exact version gets a folder of its own and a manifest with that n8n and Node 24', () => {
		const install = n8nInstall('2.39.0');
		expect(install.folder).toBe(join(E2E, 'versions', 'n8n-2.39.0'));
		expect(install.activateArgs('w1')).toEqual(['publish:workflow', '--id=w1']);
		expect(install.env).toEqual({ N8N_UNVERIFIED_PACKAGES_ENABLED: 'true' });
		expect(exactVersionManifest(install)).toMatchObject({
			dependencies: { n8n: '2.39.0', [NODE_PACKAGE]: expect.stringMatching(/^24\./) as unknown },
		});
		expect(n8nInstall('1.120.3').activateArgs('w1')[0]).toBe('update:workflow');
	});

	it('refuses what is neither a leg nor an exact version, naming what it accepts', () => {
		expect(() => n8nInstall('2.41')).toThrow(/E2E_N8N=2\.41 is not an n8n the suite knows: .*2\.8, 1, or an exact version/);
		expect(() => n8nInstall('latest')).toThrow(/E2E_N8N=latest/);
		expect(() => n8nInstall('0.236.0')).toThrow(/E2E_N8N=0\.236\.0/);
	});
});
