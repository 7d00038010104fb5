/**
 * The end-to-end suite on the smoke legs (`E2E_N8N=2.8|1`, see `tools/n8n/n8nVersions.ts`):
 * a smoke subset picked by an explicit allowlist of files and test names, so that a new e2e file runs
 * on the pinned n8n only until it is added here. Sign-in and token reuse, a create, a Get Many with
 * Return All, the report (CSV and XLSX read back by n8n's own Extract From File), the trigger, and
 * Create or Update with custom fields (the sync example), and all of ai.e2e (the MCP and AI Agent
 * examples: the tools' names, descriptions and schemas differ between n8n versions), and all of
 * instantTrigger.e2e (webhook activation differs: 1.x and 2.8 activate within the request, 2.41 in the
 * background; 1.x and 2.41 skip checkExists when they restart), and all of callAction.e2e and callActionBurst.e2e (Call
 * an Action, and n8n's HTTP Request node with the InEvent credential: its sign-in and refresh on 401 are n8n's own code).
 */
const base = require('../jest.config.js');
const { SMOKE, namePattern } = require('./smoke.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	rootDir: '../../..',
	testMatch: Object.keys(SMOKE).map((file) => `<rootDir>/test/e2e/${file}`),
	testNamePattern: namePattern(Object.values(SMOKE).flat()),
	modulePathIgnorePatterns: [...base.modulePathIgnorePatterns, '<rootDir>/test/e2e/versions/[^/]+/node_modules'],
};
