import type { N8nRest } from './n8nRest';

export interface InstalledNode {
	name: string;
	type: string;
	latestVersion: number;
}

/** n8n's record of an installed community package, as *Settings → Community Nodes* lists it. */
export interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: InstalledNode[];
	/** Set when `npm outdated` in n8n's nodes folder sees a newer version. */
	updateAvailable?: string;
	failedLoading?: boolean;
}

/**
 * The routes behind *Settings → Community Nodes*: Install, the list, Update and Uninstall. The
 * version is given explicitly, as when a user types `name@version`: with none, n8n 2.8.4 checks
 * `<public registry>/<name>/latest` over HTTP itself (not through npm), and its fallback
 * (`npm view <name>@latest version`) compares the answer with the word `latest`, so a package
 * that is not on the public registry fails there.
 */
export class CommunityPackages {
	constructor(private readonly rest: N8nRest) {}

	async install(name: string, version: string): Promise<InstalledPackage> {
		return await this.rest.call<InstalledPackage>('POST', '/community-packages', { name, version });
	}

	async list(): Promise<InstalledPackage[]> {
		return await this.rest.call<InstalledPackage[]>('GET', '/community-packages');
	}

	async update(name: string, version: string): Promise<InstalledPackage> {
		return await this.rest.call<InstalledPackage>('PATCH', '/community-packages', { name, version });
	}

	async uninstall(name: string): Promise<void> {
		await this.rest.call<unknown>('DELETE', `/community-packages?name=${encodeURIComponent(name)}`);
	}

	/**
	 * The description n8n gives the editor for a node type (what the editor asks for after an
	 * install); for a type n8n does not know it answers HTTP 500 "Unrecognized node type: …".
	 */
	async describeNodeType(type: string, version = 1): Promise<{ name: string; displayName: string }> {
		const [description] = await this.rest.call<Array<{ name: string; displayName: string }>>('POST', '/node-types', {
			nodeInfos: [{ name: type, version }],
		});
		return description;
	}
}
