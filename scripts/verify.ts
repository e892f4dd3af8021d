/**
 * Checks the package the way n8n's verification does, before it is published:
 *
 * 1. builds dist/ from scratch and packs it with `npm pack`, like `npm publish` would;
 * 2. checks what the tarball holds: only package.json, README.md, LICENSE and the built
 *    nodes/credentials (code, codex JSON, icons); no sources, tests, source maps or local paths;
 *    every node and credential listed in package.json's `n8n` section, with the icons it names;
 * 3. runs the ESLint checks of `@n8n/scan-community-package` (the gate n8n runs on a published
 *    package) with the scanner's own config, ESLint and file globs: on the unpacked tarball
 *    (`**\/*.js` + package.json) and on this source tree (package.json + nodes/ + credentials/),
 *    which stands in for the GitHub commit the scanner fetches through the npm provenance.
 *
 * Fails on any problem, warnings included. Not checked here (only possible after publishing):
 * the npm provenance statement and the fetch of the attested GitHub source.
 *
 * Run: npm run verify
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint as ESLintClass, Linter } from 'eslint';

const root = resolve(__dirname, '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
};

/** What may ship: package.json, README, LICENSE, and built nodes/credentials with their assets. */
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(\.md)?$/,
	/^dist\/(nodes|credentials)\/.+\.(js|json|svg|png)$/,
];
const REQUIRED = ['package.json', 'README.md', 'LICENSE'];
/** Named in the failure message, so the cause is obvious. */
const FORBIDDEN = [
	{ pattern: /\.map$/, reason: 'source map' },
	{ pattern: /\.d\.ts$|\.tsbuildinfo$/, reason: 'type declarations / build info' },
	{ pattern: /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]s$/, reason: 'test file' },
	{ pattern: /\.ts$/, reason: 'TypeScript source' },
];

const problems: string[] = [];
const fail = (message: string) => problems.push(message);

function run(command: string, args: string[], options: { cwd?: string; quiet?: boolean } = {}): string {
	const result = spawnSync(command, args, {
		cwd: options.cwd ?? root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
		shell: process.platform === 'win32',
	});
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr ?? ''}`);
	}
	return result.stdout;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => statSync(join(dir, file)).isFile())
		.map((file) => file.split('\\').join('/'));
}

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	files: Array<{ path: string; size: number }>;
}

function checkContents(pack: PackResult, unpacked: string) {
	const paths = pack.files.map((file) => file.path);
	console.log(`\n${pack.filename}: ${pack.files.length} files, ${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked`);
	for (const file of [...pack.files].sort((a, b) => a.path.localeCompare(b.path))) {
		console.log(`  ${kb(file.size).padStart(10)}  ${file.path}`);
	}

	for (const path of paths) {
		const forbidden = FORBIDDEN.find(({ pattern }) => pattern.test(path));
		if (forbidden) fail(`tarball contains a ${forbidden.reason}: ${path}`);
		else if (!ALLOWED.some((pattern) => pattern.test(path))) fail(`tarball contains an unexpected file: ${path}`);
	}
	for (const path of REQUIRED) {
		if (!paths.includes(path)) fail(`tarball is missing ${path}`);
	}

	const declared = [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])];
	if (!packageJson.n8n?.nodes?.length) fail('package.json lists no nodes under n8n.nodes');
	for (const entry of declared) {
		const path = posix.normalize(entry);
		if (!paths.includes(path)) {
			fail(`package.json's n8n section lists ${entry}, which is not in the tarball`);
			continue;
		}
		// Icons are referenced as `file:<name>` relative to the compiled class; gulp copies them.
		const code = readFileSync(join(unpacked, path), 'utf8');
		for (const [, icon] of code.matchAll(/['"]file:([^'"]+)['"]/g)) {
			const iconPath = posix.join(posix.dirname(path), icon);
			if (!paths.includes(iconPath)) fail(`${path} uses icon ${icon}, but ${iconPath} is not in the tarball`);
		}
	}

	// Nothing may leak where the package was built (source maps, absolute paths in messages).
	for (const path of paths) {
		const text = readFileSync(join(unpacked, path), 'utf8');
		if (text.includes(root)) fail(`${path} contains the local path ${root}`);
		if (/sourceMappingURL=/.test(text)) fail(`${path} references a source map`);
	}
}

interface Scanner {
	buildScanConfig(): Promise<Linter.Config[]>;
	SOURCE_FILE_PATTERNS: string[];
	ESLint: typeof ESLintClass;
	glob: { sync(patterns: string[], options: object): string[] };
}

/** The installed scanner, with its own copies of ESLint and fast-glob so versions and behaviour match it. */
async function loadScanner(): Promise<Scanner> {
	const entry = join(dirname(require.resolve('@n8n/scan-community-package/package.json')), 'scanner', 'scanner.mjs');
	const scannerRequire = createRequire(entry);
	const module = (await import(pathToFileURL(entry).href)) as Pick<Scanner, 'buildScanConfig' | 'SOURCE_FILE_PATTERNS'>;
	const { ESLint } = (await import(pathToFileURL(scannerRequire.resolve('eslint')).href)) as { ESLint: typeof ESLintClass };
	return {
		buildScanConfig: module.buildScanConfig,
		SOURCE_FILE_PATTERNS: module.SOURCE_FILE_PATTERNS,
		ESLint,
		glob: scannerRequire('fast-glob') as Scanner['glob'],
	};
}

/**
 * The author's e-mail is written into package.json by the publish job (scripts/release-metadata.mjs,
 * from NPM_AUTHOR_EMAIL), never invented in the repository. Before that step its rule cannot
 * pass, so it is reported and not counted; the publish job verifies with RELEASE_CHECK=1, where it is.
 */
const DEFERRED_AUTHOR_RULE = '@n8n/community-nodes/valid-author';
function withoutDeferredAuthorCheck(result: ESLintClass.LintResult): ESLintClass.LintResult {
	if (process.env.RELEASE_CHECK === '1' || !result.filePath.endsWith('package.json')) return result;
	const deferred = result.messages.filter((message) => message.ruleId === DEFERRED_AUTHOR_RULE);
	if (!deferred.length) return result;
	console.log(`  (${DEFERRED_AUTHOR_RULE} on ${relative(root, result.filePath) || 'package.json'}: set and checked at release)`);
	const messages = result.messages.filter((message) => message.ruleId !== DEFERRED_AUTHOR_RULE);
	return { ...result, messages, errorCount: messages.filter((message) => message.severity === 2).length, warningCount: messages.filter((message) => message.severity === 1).length };
}

/** Lints `dir` exactly as the scanner's `analyzePackage` does, but counts warnings too. */
async function scan(scanner: Scanner, label: string, dir: string, patterns: string[]) {
	const eslint = new scanner.ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = scanner.glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = (await eslint.lintFiles(files)).map(withoutDeferredAuthorCheck);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	console.log(`\nScanner ESLint, ${label}: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	for (const result of results) console.log(`  ${relative(dir, result.filePath)}`);
	if (errors || warnings) {
		console.log((await (await eslint.loadFormatter('stylish')).format(results)).trimEnd());
		fail(`scanner ESLint (${label}): ${errors} errors, ${warnings} warnings`);
	}
	if (files.length === 0) fail(`scanner ESLint (${label}): no files to lint`);
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'n8n-verify-'));
	try {
		console.log('Building dist/ from scratch…');
		rmSync(join(root, 'dist'), { recursive: true, force: true });
		run('npm', ['run', '--silent', 'build']);

		console.log('Packing…');
		const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { quiet: true })) as PackResult[];
		const unpacked = join(work, 'package');
		run('tar', ['-xzf', pack.filename, '-C', work], { cwd: work });
		const unpackedFiles = filesUnder(unpacked).sort();
		const listed = pack.files.map((file) => file.path).sort();
		if (JSON.stringify(unpackedFiles) !== JSON.stringify(listed)) fail('unpacked files differ from the list npm pack reported');

		checkContents(pack, unpacked);

		// The scanner creates a temp dir when loaded: keep it inside ours, so it goes away too.
		process.env.TMPDIR = process.env.TMP = process.env.TEMP = work;
		const scanner = await loadScanner();
		await scan(scanner, 'packed tarball', unpacked, ['**/*.js', 'package.json']);
		await scan(scanner, 'source tree', root, scanner.SOURCE_FILE_PATTERNS);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}

	console.log('\nNot checked locally: npm provenance and the attested GitHub source (publish from GitHub Actions with --provenance).');
	if (problems.length) {
		console.log(`\n✖ verify failed (${problems.length}):`);
		for (const problem of problems) console.log(`  - ${problem}`);
		process.exitCode = 1;
	} else {
		console.log('\n✔ verify passed: tarball contents and the community-package scanner checks are clean.');
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
