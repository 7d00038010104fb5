/** End-to-end suite: the packed package in a pinned real n8n, against the InEvent sandbox. */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/node_modules', '<rootDir>/test/e2e/registry/node_modules'],
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testTimeout: 180000,
	maxWorkers: 1,
	setupFilesAfterEnv: ['<rootDir>/test/harness/stopN8nTimers.ts'],
	globalSetup: '<rootDir>/test/e2e/harness/packedPackage.ts',
};
