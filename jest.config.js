/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// The node's tests (test/), the sandbox's own (sandbox/test/) and the n8n runner's (tools/*/test/, none yet).
	roots: ['<rootDir>/test', '<rootDir>/sandbox', '<rootDir>/tools'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/node_modules', '<rootDir>/test/scan/node_modules'],
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testTimeout: 20000,
	setupFilesAfterEnv: ['<rootDir>/test/harness/stopN8nTimers.ts', '<rootDir>/test/harness/coldProcess.ts'],
};
