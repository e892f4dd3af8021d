/**
 * End-to-end tests: the packed package installed into a real n8n (see scripts/n8n/).
 * `npm run test:e2e`; N8N_VERSION picks the n8n release (default: newest 2.x that installs,
 * `1.x` for the last 1.x). The first run installs Node.js 24 and n8n into the cache folder.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
	// One n8n at a time, on a 2-core machine.
	maxWorkers: 1,
	testTimeout: 180_000,
	verbose: true,
};
