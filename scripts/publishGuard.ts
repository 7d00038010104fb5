/**
 * `prepublishOnly`: npm runs it before `npm publish` of this folder, `--dry-run` included, unless scripts
 * are ignored (this repository's .npmrc ignores them; publish.yml passes --ignore-scripts=false). It
 * refuses (exit 1) unless it runs in the release workflow's publish job with provenance on.
 */
import { publishRefusals, refusalMessage } from './release/publishGuard';

const reasons = publishRefusals(process.env);
if (reasons.length > 0) {
	process.stderr.write(`${refusalMessage(process.env.npm_package_name ?? 'this package', reasons)}\n`);
	process.exitCode = 1;
} else {
	process.stdout.write(`Publishing from ${process.env.GITHUB_WORKFLOW_REF} with provenance.\n`);
}
