/**
 * This repository as n8n users get it: built, packed with `npm pack` (so only what the
 * package publishes goes in), and installed into n8n's community nodes folder
 * `<N8N_USER_FOLDER>/.n8n/nodes`, as n8n's manual-installation guide does
 * (`cd ~/.n8n/nodes && npm install n8n-nodes-alephee`).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from './config';
import { cleanEnv, npmCliPath, run } from './exec';
import { step } from './log';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
}

export async function buildPackage(): Promise<void> {
	await step('Building the package (npm run build)', () =>
		run(process.execPath, [npmCliPath(), 'run', 'build'], { cwd: repoRoot, env: cleanEnv(), timeoutMs: 5 * 60_000 }),
	);
}

/** `npm pack` into a fresh temporary folder; returns the tarball. */
export async function packPackage(destination = mkdtempSync(path.join(os.tmpdir(), 'alephee-pack-'))): Promise<PackedPackage> {
	const { stdout } = await step('Packing the package (npm pack)', () =>
		run(process.execPath, [npmCliPath(), 'pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
			cwd: repoRoot,
			env: cleanEnv(),
			timeoutMs: 2 * 60_000,
		}),
	);
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ name: string; version: string; filename: string }>;
	return { name: packed.name, version: packed.version, tarball: path.join(destination, packed.filename) };
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`. Peer dependencies are left out
 * (n8n-workflow is n8n's own; a second copy would break `instanceof` checks), scripts are
 * not run, and package.json records the version, as n8n's own installer does.
 */
export async function installIntoUserFolder(userFolder: string, packed: PackedPackage): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await step(`Installing ${packed.name}@${packed.version} into ${nodesDir}`, () =>
		run(
			process.execPath,
			[
				npmCliPath(),
				'install',
				packed.tarball,
				'--legacy-peer-deps',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--bin-links=false',
				'--package-lock=false',
			],
			{ cwd: nodesDir, env: cleanEnv(), timeoutMs: 3 * 60_000 },
		),
	);
	const json = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies: Record<string, string> };
	json.dependencies[packed.name] = packed.version;
	writeFileSync(manifest, JSON.stringify(json, null, 2));
	return path.join(nodesDir, 'node_modules', packed.name);
}
