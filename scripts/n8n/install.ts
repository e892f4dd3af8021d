/**
 * Installs, once, the Node.js runtime and the n8n release the real-n8n checks run on, into
 * the cache folder (see config.ts). Everything comes from the npm registry:
 * - Node.js from the `node-<platform>-<arch>` package (it ships bin/node and include/node,
 *   the headers node-gyp needs, so native modules build without downloading anything);
 * - n8n with `--ignore-scripts`, because some of its many dependencies' install scripts
 *   download binaries from outside the registry; then only `sqlite3` is built (n8n's
 *   default database driver, in 1.x and 2.x alike; its prebuilt binaries are not on the
 *   registry, so it compiles from source with the cached Node's headers, ~2 min).
 *   isolated-vm (2.x's expression engine) ships prebuilt linux-x64 binaries in its package.
 * A finished install is marked with `.ready.json`; later runs only check that marker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { cacheDir, installOverrides, nodeMajor, resolveN8nVersion } from './config';
import { cleanEnv, npmCliPath, run } from './exec';
import { info, step } from './log';

export interface NodeRuntime {
	/** The `node` binary. */
	bin: string;
	/** The package root, with bin/ and include/node (what node-gyp calls `nodedir`). */
	dir: string;
	version: string;
}

export interface N8nInstall {
	version: string;
	/** npm prefix: node_modules/n8n lives here. */
	dir: string;
	/** n8n's start script (run it with the runtime's node). */
	bin: string;
	node: NodeRuntime;
}

const INSTALL_TIMEOUT_MS = 40 * 60_000;
/**
 * Lock files of n8n installs that passed the end-to-end suite. n8n's own dependencies use
 * ranges, so a plain `npm install n8n@x` picks whatever is newest that day, and a release the
 * registry does not (yet) fully serve breaks it. With the lock file beside it, `npm install`
 * takes the locked versions. (`npm ci` would refuse these locks: they lack optional platform
 * packages that the registry these machines use does not serve.)
 */
const LOCKS_DIR = path.join(__dirname, 'locks');
const BUILD_TIMEOUT_MS = 20 * 60_000;

function readMarker(file: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** Moves a finished install into place; if another run got there first, keeps theirs. */
function publish(partial: string, final: string): void {
	try {
		renameSync(partial, final);
	} catch (error) {
		if (existsSync(path.join(final, '.ready.json'))) {
			rmSync(partial, { recursive: true, force: true });
			return;
		}
		throw error;
	}
}

function nodeVersionOf(bin: string): string {
	const result = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${bin} -v failed: ${result.stderr}`);
	return result.stdout.trim();
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes what interrupted installs left (`<name>.partial-<pid>` of processes that are gone). */
function removeStalePartials(): void {
	if (!existsSync(cacheDir())) return;
	for (const entry of readdirSync(cacheDir())) {
		const pid = Number(/\.partial-(\d+)$/.exec(entry)?.[1]);
		if (pid && pid !== process.pid && !processAlive(pid)) {
			info(`Removing an interrupted install: ${path.join(cacheDir(), entry)}`);
			rmSync(path.join(cacheDir(), entry), { recursive: true, force: true });
		}
	}
}

export async function ensureNode(): Promise<NodeRuntime> {
	removeStalePartials();
	const major = nodeMajor();
	const pkg = `node-${process.platform}-${process.arch}`;
	const prefix = path.join(cacheDir(), `node-${major}`);
	const locate = (root: string) => {
		const dir = path.join(root, 'node_modules', pkg);
		return { dir, bin: path.join(dir, 'bin', 'node') };
	};
	if (readMarker(path.join(prefix, '.ready.json')) && existsSync(locate(prefix).bin)) {
		const { dir, bin } = locate(prefix);
		return { dir, bin, version: nodeVersionOf(bin) };
	}
	mkdirSync(cacheDir(), { recursive: true });
	const partial = `${prefix}.partial-${process.pid}`;
	rmSync(partial, { recursive: true, force: true });
	mkdirSync(partial, { recursive: true });
	writeFileSync(path.join(partial, 'package.json'), JSON.stringify({ private: true, description: 'Node.js runtime for n8n checks' }, null, 2));
	await step(`Installing Node.js ${major} (npm package ${pkg}@${major}) into ${prefix}`, () =>
		run(process.execPath, [npmCliPath(), 'install', `${pkg}@${major}`, '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact'], {
			cwd: partial,
			env: cleanEnv(),
			timeoutMs: INSTALL_TIMEOUT_MS,
		}),
	);
	const version = nodeVersionOf(locate(partial).bin);
	if (!existsSync(path.join(locate(partial).dir, 'include', 'node', 'node.h'))) {
		throw new Error(`${pkg}@${major} has no include/node headers; native modules cannot be built with it`);
	}
	writeFileSync(path.join(partial, '.ready.json'), JSON.stringify({ package: pkg, version, installedAt: new Date().toISOString() }, null, 2));
	publish(partial, prefix);
	const { dir, bin } = locate(prefix);
	info(`Node.js ${version} ready: ${bin}`);
	return { dir, bin, version };
}

/** PATH and node-gyp settings so npm, its scripts and node-gyp all use the cached Node. */
function runtimeEnv(node: NodeRuntime): NodeJS.ProcessEnv {
	return cleanEnv({
		PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: node.dir,
		JOBS: 'max',
	});
}

export async function ensureN8n(requestedVersion?: string): Promise<N8nInstall> {
	const version = resolveN8nVersion(requestedVersion);
	const node = await ensureNode();
	const dir = path.join(cacheDir(), `n8n-${version}`);
	const binOf = (root: string) => path.join(root, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = readMarker(path.join(dir, '.ready.json'));
	if (marker && marker.node === node.version && existsSync(binOf(dir))) {
		info(`n8n ${version} (cached) in ${dir}, on Node.js ${node.version}`);
		return { version, dir, bin: binOf(dir), node };
	}
	if (marker) rmSync(dir, { recursive: true, force: true }); // built for another Node.js

	const partial = `${dir}.partial-${process.pid}`;
	rmSync(partial, { recursive: true, force: true });
	mkdirSync(partial, { recursive: true });
	const lockDir = path.join(LOCKS_DIR, `n8n-${version}`);
	const locked = existsSync(path.join(lockDir, 'package-lock.json'));
	if (locked) {
		for (const file of ['package.json', 'package-lock.json']) {
			writeFileSync(path.join(partial, file), readFileSync(path.join(lockDir, file)));
		}
	} else {
		const overrides = installOverrides(version);
		writeFileSync(
			path.join(partial, 'package.json'),
			JSON.stringify(
				{
					private: true,
					description: `n8n ${version} for n8n-nodes-alephee's end-to-end checks`,
					dependencies: { n8n: version },
					...(Object.keys(overrides).length ? { overrides } : {}),
				},
				null,
				2,
			),
		);
	}
	const env = runtimeEnv(node);
	const npm = npmCliPath();
	info(`Cache folder: ${cacheDir()} (set ALEPHEE_N8N_CACHE to move it)`);
	try {
		let requests = 0;
		await step(
			`Installing n8n ${version} with Node.js ${node.version}${locked ? ' from its lock file' : ''} (first run only, several minutes)`,
			() =>
				run(node.bin, [npm, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], {
					cwd: partial,
					env,
					timeoutMs: INSTALL_TIMEOUT_MS,
					onLine: (line) => {
						if (line.includes('http fetch')) requests++;
					},
				}),
			{ detail: () => `${requests} registry requests so far` },
		);
		let compiled = 0;
		await step(
			'Building sqlite3 (n8n\'s database driver) from source',
			() =>
				run(node.bin, [npm, 'rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
					cwd: partial,
					env,
					timeoutMs: BUILD_TIMEOUT_MS,
					onLine: (line) => {
						if (/\b(CC|CXX|SOLINK_MODULE)\(target\)/.test(line)) compiled++;
					},
				}),
			{ detail: () => `${compiled} files compiled` },
		);
		await step('Checking the native modules load', () => checkNativeModules(partial, node, env));
		writeFileSync(
			path.join(partial, '.ready.json'),
			JSON.stringify({ n8n: version, node: node.version, installedAt: new Date().toISOString() }, null, 2),
		);
		publish(partial, dir);
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		throw error;
	}
	info(`n8n ${version} ready in ${dir}`);
	return { version, dir, bin: binOf(dir), node };
}

async function checkNativeModules(dir: string, node: NodeRuntime, env: NodeJS.ProcessEnv): Promise<void> {
	const script = [
		"const sqlite3 = require('sqlite3');",
		"const db = new sqlite3.Database(':memory:');",
		"db.get('select sqlite_version() as v', (e, row) => { if (e) throw e; console.log('sqlite ' + row.v); db.close(); });",
		"try { require.resolve('isolated-vm'); const ivm = require('isolated-vm'); new ivm.Isolate().dispose(); console.log('isolated-vm ok'); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') throw e; }",
	].join('\n');
	const { stdout } = await run(node.bin, ['-e', script], { cwd: dir, env, timeoutMs: 60_000 });
	info(`  ${stdout.trim().split('\n').join(', ')}`);
}
