/**
 * Steps in n8n 2.41.1's editor, by the `data-test-id`s and texts it shows. Every wait is on
 * something appearing, never a fixed sleep.
 */
import type { Locator, Page } from 'playwright-core';

const byTestId = (id: string): string => `[data-test-id="${id}"]`;

/** The little of the DOM a page-side wait uses (these tests are typed without the DOM library). */
interface InPageWindow {
	document: { querySelector(selector: string): { checkVisibility(): boolean } | null };
}

function exactly(text: string): RegExp {
	return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Texts of a list once it holds at least `count` entries (all of them, so extra entries show). */
async function textsOnceListed(list: Locator, count: number): Promise<string[]> {
	await list.nth(Math.max(count - 1, 0)).waitFor();
	return (await list.allInnerTexts()).map((text) => text.trim());
}

/** Closes what n8n may put over the editor on a first start (its survey), whenever it shows up. */
export async function dismissInterruptions(page: Page): Promise<void> {
	const survey = page.locator(byTestId('nps-survey-modal'));
	await page.addLocatorHandler(survey, async () => {
		await page.keyboard.press('Escape');
	});
}

export async function signIn(page: Page, editorUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${editorUrl}signin`);
	await page.locator('input[type="email"]').fill(email);
	await page.locator('input[type="password"]').fill(password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

/** Closes n8n's notifications ("Node executed successfully"…) so they do not cover what comes next. */
export async function closeNotifications(page: Page): Promise<void> {
	const notifications = page.locator('.el-notification:visible');
	while ((await notifications.count()) > 0) {
		const notification = notifications.first();
		const text = await notification.innerText();
		await notification.locator('.el-notification__closeBtn').click();
		await page.locator('.el-notification').filter({ hasText: text }).first().waitFor({ state: 'hidden' });
	}
}

export async function openNewWorkflow(page: Page, editorUrl: string): Promise<void> {
	await page.goto(`${editorUrl}workflow/new`);
	await page.locator(byTestId('canvas-add-button')).waitFor();
}

export const nodePanel = {
	/** The empty canvas's "Add first step" (triggers first) or the canvas's + (actions first). */
	async open(page: Page, from: 'first-step' | 'plus'): Promise<void> {
		await page.locator(byTestId(from === 'first-step' ? 'canvas-add-button' : 'node-creator-plus-button')).click();
		await page.locator(byTestId('node-creator-search-bar')).waitFor();
	},

	/** Types into the panel's search and returns the entries found once `expected` shows. */
	async search(page: Page, query: string, expected: string): Promise<string[]> {
		await page.keyboard.type(query);
		const entries = page.locator(byTestId('node-creator-item-name'));
		await entries.filter({ hasText: exactly(expected) }).waitFor();
		return (await entries.allInnerTexts()).map((text) => text.trim());
	},

	async click(page: Page, entry: string): Promise<void> {
		await page
			.locator(byTestId('node-creator-item-name'))
			.filter({ hasText: exactly(entry) })
			.click();
	},

	/** Opens a node found by the search: its triggers and actions replace the search results. */
	async openNode(page: Page, node: string): Promise<void> {
		const entry = page.locator(byTestId('node-creator-item-name')).filter({ hasText: exactly(node) });
		await entry.click();
		await page.locator(byTestId('node-creator-category-item')).first().waitFor();
		await entry.waitFor({ state: 'detached' });
	},

	/**
	 * The header of an opened community node's app, as a person reads it: the name beside its icon
	 * and the description under it. n8n gives neither a test id; its CSS-module class names keep the
	 * source's name (`_description_<hash>`), and the header comes before the triggers and actions.
	 */
	async appHeader(page: Page): Promise<{ title: string; description: string }> {
		const panel = page.locator(byTestId('node-creator'));
		const description = panel.locator('[class*="_description_"]').first();
		await description.waitFor();
		const title = panel.locator('div:has(> .n8n-node-icon) > span').first();
		return { title: (await title.innerText()).trim(), description: (await description.innerText()).trim() };
	},

	/** The category headers of an opened node, e.g. "Triggers (4)". */
	async categories(page: Page, count: number): Promise<string[]> {
		return await textsOnceListed(page.locator(byTestId('node-creator-category-item')), count);
	},

	async expandCategory(page: Page, startsWith: string, entriesAfter: number): Promise<string[]> {
		await page
			.locator(byTestId('node-creator-category-item'))
			.filter({ hasText: new RegExp(`^\\s*${startsWith}`) })
			.click();
		return await nodePanel.entries(page, entriesAfter);
	},

	async entries(page: Page, count: number): Promise<string[]> {
		return await textsOnceListed(page.locator(byTestId('node-creator-item-name')), count);
	},
};

/** A parameter of type options (in the node panel or the credential form): the choices it lists, without their descriptions. */
export async function optionsOf(page: Page, parameter: string, count: number): Promise<string[]> {
	await page.locator(byTestId(`parameter-input-${parameter}`)).click();
	const items = await textsOnceListed(page.locator(`${byTestId('parameter-input-item')}:visible`), count);
	const texts = items.map((text) => text.split('\n')[0].trim());
	await page.keyboard.press('Escape');
	await page
		.locator(`${byTestId('parameter-input-item')}:visible`)
		.first()
		.waitFor({ state: 'hidden' });
	return texts;
}

export async function chooseOption(page: Page, parameter: string, option: string): Promise<void> {
	await page.locator(byTestId(`parameter-input-${parameter}`)).click();
	await page
		.locator(`${byTestId('parameter-input-item')}:visible`)
		.filter({ has: page.getByText(option, { exact: true }) })
		.click();
	await page
		.locator(byTestId(`parameter-input-${parameter}`))
		.locator('input')
		.first()
		.waitFor();
}

export const credentialForm = {
	/** A new credential of a type, from Overview → Create credential. */
	async openNew(page: Page, editorUrl: string, typeName: string): Promise<void> {
		await page.goto(`${editorUrl}home/credentials`);
		await page.locator(byTestId('add-resource-credential')).click();
		await page.locator(byTestId('new-credential-type-select')).waitFor();
		await page.keyboard.type(typeName);
		await page
			.locator(byTestId('new-credential-type-select-option'))
			.filter({ hasText: exactly(typeName) })
			.click();
		await page.locator(byTestId('new-credential-type-button')).click();
		await page.locator(byTestId('credential-connection-parameter')).first().waitFor();
	},

	/** Which of these fields the form shows now. */
	async shownFields(page: Page, fields: string[]): Promise<string[]> {
		const form = page.locator(byTestId('credential-connection-parameter'));
		const shown: string[] = [];
		for (const field of fields) if (await form.locator(byTestId(field)).isVisible()) shown.push(field);
		return shown;
	},

	/** Waits until a field appears or goes away after a choice. */
	async waitForField(page: Page, field: string, state: 'visible' | 'hidden'): Promise<void> {
		await page.locator(byTestId('credential-connection-parameter')).locator(byTestId(field)).waitFor({ state });
	},

	async scrollToTop(page: Page): Promise<void> {
		await page
			.locator(byTestId('credential-connection-parameter'))
			.locator(byTestId('region'))
			.scrollIntoViewIfNeeded();
	},

	/**
	 * Closes the form and throws the unsaved credential away. n8n 2.8.4 asked "Close without saving?"
	 * first (answered with its Close); 2.41.1 closes this form at once: wait for whichever comes.
	 */
	async discard(page: Page): Promise<void> {
		const modal = byTestId('editCredential-modal');
		await page.getByRole('button', { name: 'Close this dialog' }).click();
		const outcome = await page.waitForFunction((selector) => {
			const { document } = globalThis as unknown as InPageWindow;
			if (document.querySelector('.el-message-box')) return 'asked';
			return document.querySelector(selector)?.checkVisibility() ? false : 'closed';
		}, modal);
		if ((await outcome.jsonValue()) === 'asked') {
			await page
				.locator('.el-message-box button')
				.filter({ hasText: exactly('Close') })
				.click();
		}
		await page.locator(modal).waitFor({ state: 'hidden' });
	},
};

export const nodeView = {
	async waitOpen(page: Page, title: string): Promise<void> {
		await page
			.locator(byTestId('ndv'))
			.locator(byTestId('inline-edit-preview'))
			.filter({ hasText: exactly(title) })
			.waitFor();
	},

	/** The credential the node's "Credential to connect with" shows. */
	async credential(page: Page): Promise<string> {
		return (await page.locator(byTestId('node-credentials-select')).locator('input').inputValue()).trim();
	},

	/** Opens a resource locator in its "From list" mode and returns the entries once `count` show. */
	async listOf(page: Page, parameter: string, count: number): Promise<string[]> {
		await page
			.locator(byTestId(`resource-locator-${parameter}`))
			.locator(byTestId('rlc-input'))
			.click();
		return await textsOnceListed(page.locator(byTestId('rlc-item')), count);
	},

	async pickFromList(page: Page, entry: string): Promise<void> {
		await page
			.locator(byTestId('rlc-item'))
			.filter({ hasText: exactly(entry) })
			.click();
		await page.locator(byTestId('rlc-item')).first().waitFor({ state: 'hidden' });
	},

	async numberValue(page: Page, parameter: string): Promise<number> {
		return Number(
			await page
				.locator(byTestId(`parameter-input-${parameter}`))
				.locator('input')
				.inputValue(),
		);
	},

	/** "Execute step", then the output's item count once the run is shown. */
	async executeStep(page: Page): Promise<string> {
		await page.locator(byTestId('node-execute-button')).click();
		const count = page.locator(byTestId('output-panel')).locator(byTestId('ndv-items-count'));
		await count.waitFor({ timeout: 90_000 });
		return (await count.innerText()).trim();
	},

	/** The output table's column headers and the first column's cells on the shown page. */
	async outputTable(page: Page): Promise<{ headers: string[]; firstColumn: string[] }> {
		const table = page.locator(byTestId('output-panel')).locator('table');
		await table.locator('tbody tr').first().waitFor();
		const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
		const firstColumn = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((text) => text.trim());
		return { headers, firstColumn };
	},

	/** A multi-options parameter's choices (loaded by the node's loadOptions method) once `count` show. */
	async multiOptionsOf(page: Page, parameter: string, count: number): Promise<string[]> {
		const input = page.locator(byTestId(`parameter-input-${parameter}`));
		const options = page.locator('[role="option"]:visible .option-headline');
		// A click while the options are (re)loading after a change of event may open nothing: click
		// again until the list opens.
		for (let attempt = 1; ; attempt += 1) {
			await input.click();
			try {
				await options.first().waitFor({ timeout: 10_000 });
				break;
			} catch (error) {
				// Open but still loading: wait for it rather than click it shut.
				if ((await page.locator('.el-select-dropdown:visible').count()) > 0) break;
				if (attempt === 5) throw error;
			}
		}
		return await textsOnceListed(options, count);
	},

	async close(page: Page): Promise<void> {
		await page.locator(byTestId('ndv-close-button')).click();
		await page.locator(byTestId('ndv')).waitFor({ state: 'hidden' });
	},
};
