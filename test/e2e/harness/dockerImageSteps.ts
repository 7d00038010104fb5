/**
 * examples/docker/Dockerfile's install, run on this machine without Docker: its own RUN commands
 * (those after `USER node`), in `sh -c` as Docker runs them, with its ARGs as environment. Only the
 * two ARGs that name places differ: the package is the packed tarball and the nodes folder a temp one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../../tools/n8n/n8n';
import { runCommand } from '../../../tools/n8n/processes';
import { parseDockerfile } from '../../harness/dockerfile';

export const DOCKERFILE = join(REPO_ROOT, 'examples', 'docker', 'Dockerfile');

/** Installs `packageSpec` (an npm spec or a tarball path) into `nodesDir` as the image's build does. */
export async function installAsTheDockerfileDoes(nodesDir: string, packageSpec: string): Promise<void> {
	const dockerfile = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
	for (const name of ['INEVENT_PACKAGE', 'NODES_DIR'])
		if (!dockerfile.stageArgs.has(name)) throw new Error(`${DOCKERFILE} has no ARG ${name} in its stage`);
	const steps = dockerfile.runs.filter((run) => run.user === 'node');
	if (steps.length === 0) throw new Error(`${DOCKERFILE} runs nothing as the user node`);
	const home = mkdtempSync(join(tmpdir(), 'inevent-docker-home-'));
	try {
		for (const { script } of steps) {
			const result = await runCommand('sh', ['-c', script], {
				cwd: home,
				env: {
					...Object.fromEntries(dockerfile.stageArgs),
					INEVENT_PACKAGE: packageSpec,
					NODES_DIR: nodesDir,
					HOME: home,
					PATH: process.env.PATH,
				},
				timeoutMs: 120_000,
			});
			if (result.code !== 0)
				throw new Error(
					`the Dockerfile's RUN failed (exit ${String(result.code)}):\n${result.stdout}\n${result.stderr}`,
				);
		}
	} finally {
		rmSync(home, { recursive: true, force: true });
	}
}
