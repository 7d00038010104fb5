/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// The node's tests (test/), the sandbox's own (sandbox/test/) and the n8n runner's (tools/*/test/, none yet).
	roots: ['<rootDir>/test', '<rootDir>/sandbox', '<rootDir>/tools'],
	testMatch: ['**/*.test.ts'],
	// test/e2e's own suites run in real n8n (test/e2e/jest.config.js); its harness's unit tests run here.
	testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/node_modules', '<rootDir>/test/scan/node_modules'],
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testTimeout: 20000,
	// Two workers even on 2 cores: most suites wait on the sandbox's latency and InEvent's pace rather
	// than the CPU (measured here: 707 tests in 200 s with two, 385 s with jest's default of one).
	maxWorkers: 2,
	setupFilesAfterEnv: ['<rootDir>/test/harness/stopN8nTimers.ts', '<rootDir>/test/harness/coldProcess.ts'],
};
