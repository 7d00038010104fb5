import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { E2E_ROOT, REPO_ROOT } from '../../../tools/n8n/n8n';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS = join(E2E_ROOT, '.artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

/** The README's screenshots are replaced only when asked (`npm run docs:screenshots`). */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === '1';

export const VIEWPORT = { width: 1280, height: 800 };

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`No Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`,
		);
	}
	return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** A page of the viewport the screenshots are taken at. */
export async function newEditorPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
	return await context.newPage();
}

/**
 * `<name>.png` in the artifacts folder, and with UPDATE_SCREENSHOTS=1 in docs/screenshots/ too
 * (unless `forDocs` is false: a screenshot kept for looking at, not shown in the README).
 */
export async function saveScreenshot(page: Page, name: string, { forDocs = true } = {}): Promise<string> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const file = join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	if (UPDATE_DOCS && forDocs) {
		mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
		copyFileSync(file, join(DOCS_SCREENSHOTS, `${name}.png`));
	}
	return file;
}

/**
 * After a failed step: the page as it was and the end of n8n's log, in the artifacts folder. Says
 * where on stderr. Never throws (the step's own error is the one to report).
 */
export async function saveFailure(step: string, page: Page | undefined, logTail: string): Promise<void> {
	const slug = step.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
	try {
		mkdirSync(ARTIFACTS, { recursive: true });
		const log = join(ARTIFACTS, `editor-failure-${slug}-n8n.log`);
		writeFileSync(log, `${logTail}\n`);
		const shot = join(ARTIFACTS, `editor-failure-${slug}.png`);
		const saved = page
			? await page.screenshot({ path: shot }).then(
					() => true,
					() => false,
				)
			: false;
		process.stderr.write(
			`[editor e2e] "${step}" failed: ${saved ? `screenshot ${shot}, ` : ''}n8n's last log lines ${log}\n`,
		);
	} catch (error) {
		process.stderr.write(`[editor e2e] could not save the failure artifacts: ${String(error)}\n`);
	}
}
