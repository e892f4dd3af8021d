// The Alephee sandbox is tooling, like the tests: same rules (see test/eslint.config.mjs).
export { default } from '../test/eslint.config.mjs';
