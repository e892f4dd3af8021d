import os from 'node:os';
import path from 'node:path';

/**
 * n8n versions this package is checked against.
 *
 * - 2.x: n8n 2.41.3 is the newest on npm, but it needs @n8n/agents@0.26.2, which the npm
 *   registry reachable here does not serve (ETARGET). 2.41.1 is the newest 2.x that installs.
 *   `N8N_VERSION=2.41.3` can still be asked for where that dependency resolves.
 * - 1.x: 1.123.81 is the last 1.x release (`npm view n8n versions`).
 */
export const DEFAULT_N8N_2X = '2.41.1';
export const LAST_N8N_1X = '1.123.81';

const ALIASES: Record<string, string> = {
	'': DEFAULT_N8N_2X,
	latest: DEFAULT_N8N_2X,
	'2': DEFAULT_N8N_2X,
	'2.x': DEFAULT_N8N_2X,
	'1': LAST_N8N_1X,
	'1.x': LAST_N8N_1X,
};

/** `N8N_VERSION` (an exact version, or 1, 1.x, 2, 2.x, latest); the default is the newest 2.x. */
export function resolveN8nVersion(requested = process.env.N8N_VERSION ?? ''): string {
	const wanted = requested.trim();
	const version = ALIASES[wanted] ?? wanted;
	if (!/^\d+\.\d+\.\d+$/.test(version)) {
		throw new Error(`N8N_VERSION must be an exact version (e.g. ${DEFAULT_N8N_2X}) or one of 1, 1.x, 2, 2.x, latest; got "${requested}"`);
	}
	return version;
}

export function n8nMajor(version: string): number {
	return Number(version.split('.')[0]);
}

/** Node.js major for n8n: 2.x needs Node >= 24, and 1.x supports up to 24.x, so 24 runs both. */
export function nodeMajor(): string {
	return process.env.ALEPHEE_N8N_NODE_MAJOR ?? '24';
}

/**
 * Where Node 24 and n8n are installed, reused by every run: `ALEPHEE_N8N_CACHE`, else
 * `$XDG_CACHE_HOME/n8n-nodes-alephee`, else `~/.cache/n8n-nodes-alephee`.
 */
export function cacheDir(): string {
	if (process.env.ALEPHEE_N8N_CACHE) return path.resolve(process.env.ALEPHEE_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-alephee');
}

/** The repository root (this file is scripts/n8n/config.ts). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Dependency overrides needed to install an n8n release from the npm registry alone.
 * n8n-nodes-base 1.x takes `xlsx` from cdn.sheetjs.com, which is not a registry; 0.18.5 is
 * the last SheetJS release on npm. It only matters to the spreadsheet nodes.
 */
export function installOverrides(version: string): Record<string, string> {
	return n8nMajor(version) === 1 ? { xlsx: '0.18.5' } : {};
}
