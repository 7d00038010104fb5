/**
 * What the two sync e2e files share (sync.e2e: 2,000 contacts in the pinned n8n; syncQueue.e2e: 5,000 in queue mode with
 * a worker killed midway): the sandbox's latency, the run budget, and how output items are read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { packPackage } from '../../../tools/n8n/n8n';
import { stopAll } from '../../../tools/n8n/processes';
import { emailKey } from './syncList';
import type { SyncList } from './syncList';

export const LATENCY_MS = 300;
export const CREDENTIAL_NAME = 'InEvent sandbox';

/**
 * A run's time budget, for a node that looks every contact up one by one (the slowest correct way):
 * every call at InEvent's 10 per second with room to spare, plus n8n's start-up.
 */
export function budgetMs(contacts: number, writes: number): number {
	return Math.round(((contacts + 2 * writes + contacts / 100) / 7) * 1000) + 120_000;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The packed package for the whole file (beforeAll), removed in afterAll with every process started. */
export function usePackedTarball(): () => string {
	let tarball = '';
	let packFolder: string | undefined;
	beforeAll(async () => {
		packFolder = mkdtempSync(join(tmpdir(), 'inevent-pack-'));
		tarball = await packPackage(packFolder);
	}, 300_000);
	afterAll(() => {
		stopAll();
		if (packFolder) rmSync(packFolder, { recursive: true, force: true });
	});
	return () => tarball;
}

/** What the output items of one run say, in counts and first differences from the input. */
export function readOutput(list: SyncList, items: IDataObject[]) {
	const failed = items.filter((item) => item.error !== undefined);
	const outOfOrder = items
		.map((item, index) => ({ index, got: emailKey(item.email), sent: emailKey(list.contacts[index]?.email) }))
		.filter(({ got, sent }) => got !== sent);
	const createdWrongly = items
		.map((item, index) => ({ index, created: item.created, kind: list.kinds[index] }))
		.filter(({ created, kind }) => created !== (kind === 'new'));
	const forms: Record<string, number> = {};
	for (const item of items) forms[String(item.updateForm)] = (forms[String(item.updateForm)] ?? 0) + 1;
	return { failed, outOfOrder, createdWrongly, forms, created: items.filter((item) => item.created === true).length };
}
