// End-to-end tests are tooling, like the unit tests: same rules (see test/eslint.config.mjs).
export { default } from '../test/eslint.config.mjs';
