#!/usr/bin/env node
/**
 * Writes the release metadata into package.json just before `npm publish --provenance`, from
 * where the facts really are, so nothing is invented in the repository:
 * - `repository`: the GitHub repository the publish job runs in (npm refuses provenance when
 *   package.json names another one);
 * - `author.email`: the maintainers' contact address, from the NPM_AUTHOR_EMAIL variable the
 *   repository's owner sets (n8n's verification requires one).
 * A package.json that already names a different repository or address stops the release.
 *
 *   NPM_AUTHOR_EMAIL=… node scripts/release-metadata.mjs <owner/name> [server URL] [package dir]
 * In GitHub Actions: node scripts/release-metadata.mjs "$GITHUB_REPOSITORY" "$GITHUB_SERVER_URL"
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [repositoryName, serverUrl = 'https://github.com', packageDir = '.'] = process.argv.slice(2);
const authorEmail = (process.env.NPM_AUTHOR_EMAIL ?? '').trim();

function fail(message) {
	console.error(`release-metadata: ${message}`);
	process.exit(1);
}

if (!repositoryName || !/^[\w.-]+\/[\w.-]+$/.test(repositoryName)) {
	fail(`expected the repository as owner/name (GITHUB_REPOSITORY), got "${repositoryName ?? ''}"`);
}
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(authorEmail)) {
	fail(
		'NPM_AUTHOR_EMAIL is not set to an e-mail address. Set it (GitHub: Settings → Secrets and variables → Actions → Variables) to the address users may write to about this package; n8n\'s verification requires one.',
	);
}

const url = `git+${serverUrl.replace(/\/+$/, '')}/${repositoryName}.git`;
/** The same repository however npm's short forms write it. */
const normalized = (value) =>
	String(value ?? '')
		.toLowerCase()
		.replace(/^git\+/, '')
		.replace(/^github:/, 'https://github.com/')
		.replace(/\.git$/, '')
		.replace(/\/+$/, '');

const file = path.join(packageDir, 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const named = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
if (named && normalized(named) !== normalized(url)) {
	fail(`package.json names the repository "${named}", but this release runs in "${url}". Fix package.json (or publish from that repository): npm provenance needs them to match.`);
}
const author = typeof manifest.author === 'object' && manifest.author ? manifest.author : { name: String(manifest.author ?? '') };
if (author.email && author.email !== authorEmail) {
	fail(`package.json names the author e-mail "${author.email}", but NPM_AUTHOR_EMAIL is "${authorEmail}". Keep one of them.`);
}
manifest.repository = { type: 'git', url };
manifest.author = { ...author, email: authorEmail };
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`release-metadata: repository ${url}, author e-mail set`);
