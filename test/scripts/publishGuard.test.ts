import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { publishRefusals, RELEASE_WORKFLOW } from '../../scripts/release/publishGuard';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const REPOSITORY = 'n8n-nodes-inevent/n8n-nodes-inevent';

/** The variables of the release workflow's publish job as GitHub and `npm publish --provenance` set them. */
const RELEASE_JOB: NodeJS.ProcessEnv = {
	GITHUB_ACTIONS: 'true',
	GITHUB_REPOSITORY: REPOSITORY,
	GITHUB_WORKFLOW_REF: `${REPOSITORY}/${RELEASE_WORKFLOW}@refs/tags/v0.2.0`,
	GITHUB_REF: 'refs/tags/v0.2.0',
	ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request',
	npm_config_provenance: 'true',
	npm_package_name: 'n8n-nodes-inevent',
};

/** A laptop's `npm publish`: npm's own variables, no GitHub ones, provenance left at its default. */
const LAPTOP: NodeJS.ProcessEnv = { npm_package_name: 'n8n-nodes-inevent', npm_command: 'publish' };

/** Runs the guard as npm's prepublishOnly does, with only PATH and HOME from this process (CI's own GITHUB_* stay out). */
function runGuard(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(TSX, [join(ROOT, 'scripts/publishGuard.ts')], {
		cwd: ROOT,
		env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the publish guard (prepublishOnly)', () => {
	it('refuses a laptop with exit 1, saying why and how to release', () => {
		const { status, stdout, stderr } = runGuard(LAPTOP);
		expect(status).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain(
			'npm publish refused: every version of n8n-nodes-inevent must carry npm provenance, so only .github/workflows/publish.yml publishes it.',
		);
		expect(stderr).toContain('this is not GitHub Actions');
		expect(stderr).toContain('provenance is off');
		expect(stderr).toContain('npm run release -- <patch|minor|major|x.y.z>');
		expect(stderr).toContain('git push origin main --follow-tags');
	});

	it('lets the release workflow publish', () => {
		const { status, stdout, stderr } = runGuard(RELEASE_JOB);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout).toContain(`Publishing from ${REPOSITORY}/${RELEASE_WORKFLOW}@refs/tags/v0.2.0 with provenance.`);
	});

	it('refuses the release workflow without provenance', () => {
		const { status, stderr } = runGuard({ ...RELEASE_JOB, npm_config_provenance: undefined });
		expect(status).toBe(1);
		expect(stderr).toContain('provenance is off');
		expect(stderr).not.toContain('this is not GitHub Actions');
	});
});

describe('publishRefusals', () => {
	it('has nothing against the release job', () => {
		expect(publishRefusals(RELEASE_JOB)).toEqual([]);
	});

	it('names both missing pieces on a laptop, even one that set provenance in its .npmrc', () => {
		expect(publishRefusals(LAPTOP)).toEqual([
			'this is not GitHub Actions (GITHUB_ACTIONS is not "true")',
			'provenance is off (npm_config_provenance is not "true": publish with `npm publish --provenance`)',
		]);
		expect(publishRefusals({ ...LAPTOP, npm_config_provenance: 'true' })).toEqual([
			'this is not GitHub Actions (GITHUB_ACTIONS is not "true")',
		]);
	});

	it('refuses another workflow, a branch, another repository and a missing workflow ref', () => {
		const refused = (GITHUB_WORKFLOW_REF: string | undefined, GITHUB_REPOSITORY = REPOSITORY): string[] =>
			publishRefusals({ ...RELEASE_JOB, GITHUB_WORKFLOW_REF, GITHUB_REPOSITORY });
		expect(refused(`${REPOSITORY}/.github/workflows/ci.yml@refs/heads/main`)).toEqual([
			`this is not ${RELEASE_WORKFLOW} on a version tag (GITHUB_WORKFLOW_REF is "${REPOSITORY}/.github/workflows/ci.yml@refs/heads/main", not ${REPOSITORY}/${RELEASE_WORKFLOW}@refs/tags/v<version>)`,
		]);
		expect(refused(`${REPOSITORY}/${RELEASE_WORKFLOW}@refs/heads/main`)).toHaveLength(1);
		expect(refused(`${REPOSITORY}/${RELEASE_WORKFLOW}@refs/tags/latest`)).toHaveLength(1);
		expect(refused(`someone/fork/${RELEASE_WORKFLOW}@refs/tags/v0.2.0`)).toHaveLength(1);
		expect(refused(undefined)).toHaveLength(1);
		expect(refused(`${REPOSITORY}/${RELEASE_WORKFLOW}@refs/tags/v0.2.0`, '')).toHaveLength(1);
	});

	it('refuses a job without id-token: write, where npm could not make the provenance statement', () => {
		expect(publishRefusals({ ...RELEASE_JOB, ACTIONS_ID_TOKEN_REQUEST_URL: undefined })).toEqual([
			'the job cannot get the OIDC token provenance needs (no ACTIONS_ID_TOKEN_REQUEST_URL: the job lacks `permissions: id-token: write`)',
		]);
	});

	it('takes only the exact "true" GitHub and npm set', () => {
		expect(publishRefusals({ ...RELEASE_JOB, GITHUB_ACTIONS: '1' })[0]).toContain('this is not GitHub Actions');
		expect(publishRefusals({ ...RELEASE_JOB, npm_config_provenance: '' })[0]).toContain('provenance is off');
	});
});
