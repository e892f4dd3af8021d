/** Unit and engine tests: the built node (dist/) run through n8n-core's real engine. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
	// n8n-core writes its settings under N8N_USER_FOLDER: a temporary one, never the user's ~/.n8n.
	setupFiles: ['<rootDir>/test/temporaryUserFolder.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/captureLogs.ts'],
	testTimeout: 30_000,
};
