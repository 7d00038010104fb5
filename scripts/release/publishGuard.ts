/** The checks `npm publish` passes through (`prepublishOnly`): only the release workflow publishes. */

export const RELEASE_WORKFLOW = '.github/workflows/publish.yml';

/**
 * Why publishing may not go on here; empty in the release workflow's publish job with provenance on.
 * Checks what GitHub sets in a job (ACTIONS_ID_TOKEN_REQUEST_URL only with `id-token: write`) and what npm
 * exports for `--provenance`: it stops a publish by mistake, not one that fakes them or ignores scripts.
 */
export function publishRefusals(env: NodeJS.ProcessEnv): string[] {
	const reasons: string[] = [];
	if (env.GITHUB_ACTIONS !== 'true') {
		reasons.push('this is not GitHub Actions (GITHUB_ACTIONS is not "true")');
	} else {
		const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
		const wanted = `${env.GITHUB_REPOSITORY || '<owner>/<repo>'}/${RELEASE_WORKFLOW}@refs/tags/v`;
		if (!env.GITHUB_REPOSITORY || !workflowRef.startsWith(wanted)) {
			reasons.push(
				`this is not ${RELEASE_WORKFLOW} on a version tag (GITHUB_WORKFLOW_REF is "${workflowRef}", not ${wanted}<version>)`,
			);
		}
		if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) {
			reasons.push(
				'the job cannot get the OIDC token provenance needs (no ACTIONS_ID_TOKEN_REQUEST_URL: the job lacks `permissions: id-token: write`)',
			);
		}
	}
	if (env.npm_config_provenance !== 'true') {
		reasons.push('provenance is off (npm_config_provenance is not "true": publish with `npm publish --provenance`)');
	}
	return reasons;
}

/** The refusal as printed: what is wrong and how a release is made instead. */
export function refusalMessage(packageName: string, reasons: string[]): string {
	return [
		`npm publish refused: every version of ${packageName} must carry npm provenance, so only ${RELEASE_WORKFLOW} publishes it.`,
		...reasons.map((reason) => `  - ${reason}`),
		'To release: `npm run release -- <patch|minor|major|x.y.z>`, then `git push origin main --follow-tags`;',
		`the version tag runs ${RELEASE_WORKFLOW}, which publishes with provenance (README, "Releasing").`,
	].join('\n');
}
