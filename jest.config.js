/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/node_modules', '<rootDir>/test/scan/node_modules'],
	transform: { '^.+\\.ts$': ['@swc/jest'] },
	testTimeout: 20000,
	setupFilesAfterEnv: ['<rootDir>/test/harness/stopN8nTimers.ts', '<rootDir>/test/harness/coldProcess.ts'],
};
