import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

import { pathFor, selectedN8nInstall } from '../../../tools/n8n/n8nVersions';

export interface RedirectingNpm {
	/** Put first on n8n's PATH. */
	binDir: string;
	/** The PATH to give n8n: the wrapper first, then the n8n install's (its own Node before this process's PATH). */
	path: string;
	/** Each npm call n8n made, as n8n wrote it (before the registry was swapped): `<cwd>\t<args>`. */
	calls(): string[];
}

/** The absolute path of the `npm` that this process's PATH finds, before any wrapper shadows it. */
function realNpm(): string {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (!isAbsolute(dir)) continue;
		const candidate = join(dir, 'npm');
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	throw new Error('no npm on PATH');
}

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * A thin `npm` for n8n's community-package installer: n8n 2.8.4 hard-codes
 * `--registry=https://registry.npmjs.org` (a custom registry needs an enterprise licence), so this
 * swaps any registry argument for the local one, points npm's default registry there too (for
 * `npm outdated`, which names none), and runs the real npm with everything else unchanged.
 */
export function registryRedirectingNpm(folder: string, registryUrl: string): RedirectingNpm {
	const binDir = join(folder, 'npm-wrapper-bin');
	mkdirSync(binDir, { recursive: true });
	const callLog = join(folder, 'npm-calls.log');
	const script = `#!/usr/bin/env bash
# Written by the installer e2e case: n8n's npm calls go to the local registry.
set -u
printf '%s\\t%s\\n' "$PWD" "$*" >> ${quote(callLog)}
registry=${quote(registryUrl)}
args=()
swap_next=0
for arg in "$@"; do
	if [ "$swap_next" = 1 ]; then args+=("$registry"); swap_next=0; continue; fi
	case "$arg" in
		--registry=*) args+=("--registry=$registry") ;;
		--registry) args+=("$arg"); swap_next=1 ;;
		*) args+=("$arg") ;;
	esac
done
export npm_config_registry="$registry"
exec ${quote(realNpm())} "\${args[@]}"
`;
	const wrapper = join(binDir, 'npm');
	writeFileSync(wrapper, script);
	chmodSync(wrapper, 0o755);
	return {
		binDir,
		path: [binDir, pathFor(selectedN8nInstall())].filter(Boolean).join(delimiter),
		calls: () => (existsSync(callLog) ? readFileSync(callLog, 'utf8').trimEnd().split('\n').filter(Boolean) : []),
	};
}
