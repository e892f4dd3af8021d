// Tests and dev scripts run under Node and jest, never inside n8n, so the n8n community-node
// rules of the root eslint.config.mjs (kept byte-identical to n8n-node's template, as strict mode
// requires) do not apply here. ESLint picks this file for test/** because `npm run lint` sets
// ESLINT_FLAGS=unstable_config_lookup_from_file (nearest config to each file wins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
});
