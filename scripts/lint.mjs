#!/usr/bin/env node
/**
 * `npm run lint`: n8n's own lint, as `n8n-node lint` (@n8n/node-cli) runs it in strict mode:
 * eslint.config.mjs must be n8n-node's template (n8n's default config, unchanged), then ESLint
 * over the package, each file with its nearest config (tests and scripts have their own).
 *
 * One of its rules asks for the author's e-mail in package.json. This repository names no
 * invented address: the publish job writes the maintainers' real one (NPM_AUTHOR_EMAIL, see
 * scripts/release-metadata.mjs) and then lints with RELEASE_CHECK=1, where nothing is excused.
 * Here, and only for that rule on package.json, the finding is reported and not counted.
 *
 * ESLint runs through its Node API: the findings are read from its results (what
 * `eslint --format json` prints), and shown to people with ESLint's usual (stylish) report.
 * Exit codes are ESLint's: 0 passed, 1 errors (or a strict-mode violation), 2 lint could not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const DEFERRED_RULE = '@n8n/community-nodes/valid-author';
const release = process.env.RELEASE_CHECK === '1';
const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
	const args = process.argv.slice(2);
	const unknown = args.filter((arg) => arg !== '--fix');
	if (unknown.length) {
		console.error(`lint: unknown option ${unknown.join(' ')} (only --fix)`);
		return 2;
	}
	const strictProblem = strictModeProblem();
	if (strictProblem) {
		console.log(strictProblem);
		return 1;
	}

	const fix = args.includes('--fix');
	const eslint = new ESLint({ cwd: root, fix, flags: ['unstable_config_lookup_from_file'] });
	const results = await eslint.lintFiles(['.']);
	if (fix) await ESLint.outputFixes(results);
	process.stdout.write(await (await eslint.loadFormatter('stylish')).format(results));

	const findings = results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, ...message })));
	if (!findings.some((finding) => finding.severity === 2)) {
		console.log(`lint passed: ${results.length} files.`);
		return 0;
	}
	const excused = (finding) => !release && finding.ruleId === DEFERRED_RULE && finding.file.endsWith('package.json');
	if (findings.every(excused)) {
		console.log(
			`\nlint passed. The author e-mail (${DEFERRED_RULE}) is written at release from NPM_AUTHOR_EMAIL and checked there (RELEASE_CHECK=1); the repository names no invented address.`,
		);
		return 0;
	}
	return 1;
}

/**
 * n8n-node lint's strict mode: with `n8n.strict` in package.json, eslint.config.mjs must read as
 * n8n-node's template (white space aside). Returns what is wrong, or nothing.
 */
function strictModeProblem() {
	const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	if (packageJson.n8n?.strict !== true) return undefined;
	// Where n8n-node lint reads it: dist/template/…, beside the dist/configs/ that exports the config.
	const template = readFileSync(
		fileURLToPath(new URL('../template/templates/shared/default/eslint.config.mjs', import.meta.resolve('@n8n/node-cli/eslint'))),
		'utf8',
	);
	const configPath = join(root, 'eslint.config.mjs');
	if (!existsSync(configPath)) return 'Strict mode violation: eslint.config.mjs not found. Expected n8n-node\'s default configuration.';
	const normalized = (text) => text.replace(/\s+/g, ' ').trim();
	if (normalized(readFileSync(configPath, 'utf8')) === normalized(template)) return undefined;
	return `Strict mode violation: eslint.config.mjs has been modified from the default configuration.\n\nExpected:\n${template}\nTo restore it: npx n8n-node cloud-support enable`;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(2);
	},
);
