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
	// A fresh worker process for each file (recycled as soon as it holds any memory): the sandbox serves
	// from the test's process and stamps each arrival when its event loop gets to it, so a heap grown
	// by earlier files (GC pauses) would bunch arrivals that left n8n on pace and count false 429s.
	workerIdleMemoryLimit: '1MB',
	setupFilesAfterEnv: ['<rootDir>/test/harness/stopN8nTimers.ts'],
	globalSetup: '<rootDir>/test/e2e/harness/packedPackage.ts',
};
