/**
 * Redis and PostgreSQL for n8n's queue mode, as Debian packages, on loopback, in throwaway
 * folders (../shared/n8n-queue-mode-notes.md). Installed with apt-get where missing (the
 * machines here run as root); stopped, and their folders removed, at the end.
 */
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './instance';
import { run } from './exec';
import { info, step } from './log';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

const INSTALL_TIMEOUT_MS = 10 * 60_000;

async function which(command: string): Promise<string | undefined> {
	try {
		return (await run('sh', ['-c', `command -v ${command}`], { cwd: os.tmpdir(), timeoutMs: 5_000 })).stdout.trim() || undefined;
	} catch {
		return undefined;
	}
}

let aptUpdated = false;
async function aptInstall(packageName: string): Promise<void> {
	await step(`Installing ${packageName} (apt-get)`, async () => {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		if (!aptUpdated) await run('apt-get', ['update', '-qq'], { cwd: os.tmpdir(), env, timeoutMs: INSTALL_TIMEOUT_MS });
		aptUpdated = true;
		await run('apt-get', ['install', '-y', '-qq', packageName], { cwd: os.tmpdir(), env, timeoutMs: INSTALL_TIMEOUT_MS });
	});
}

export async function startRedis(): Promise<Service> {
	if (!(await which('redis-server'))) await aptInstall('redis-server');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'alephee-redis-'));
	const port = await freePort();
	const pidFile = path.join(dir, 'redis.pid');
	await run(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', pidFile, '--logfile', path.join(dir, 'redis.log'), '--dir', dir],
		{ cwd: dir, timeoutMs: 30_000 },
	);
	await waitFor(`Redis on port ${port}`, async () => (await run('redis-cli', ['-p', String(port), 'ping'], { cwd: dir, timeoutMs: 5_000 })).stdout.includes('PONG'));
	info(`Redis on 127.0.0.1:${port}`);
	return {
		port,
		stop: async () => {
			await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { cwd: dir, timeoutMs: 10_000 }).catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** PostgreSQL's binaries: Debian's versioned folder, installed if there is none. */
async function postgresBin(): Promise<string> {
	const root = '/usr/lib/postgresql';
	const find = () => (existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)).map((version) => path.join(root, version, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb'))) : undefined);
	if (!find()) await aptInstall('postgresql');
	const bin = find();
	if (!bin) throw new Error('PostgreSQL was not found after installing it');
	return bin;
}

/** A throwaway PostgreSQL cluster with a database `n8n` owned by user `n8n` (trust on loopback). */
export async function startPostgres(): Promise<Service> {
	const bin = await postgresBin();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'alephee-pg-'));
	const data = path.join(dir, 'data');
	const port = await freePort();
	// initdb refuses to run as root: the cluster belongs to the postgres user.
	const { uid, gid } = await postgresUser();
	chownSync(dir, uid, gid);
	const asPostgres = async (command: string, args: string[]) =>
		await run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { cwd: dir, timeoutMs: 120_000 });
	await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'n8n', '--no-sync']);
	await asPostgres('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'postgres.log'), '-w', 'start']);
	await asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	info(`PostgreSQL on 127.0.0.1:${port}`);
	return {
		port,
		stop: async () => {
			await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
	const [uid, gid] = (await run('sh', ['-c', 'id -u postgres; id -g postgres'], { cwd: os.tmpdir(), timeoutMs: 5_000 })).stdout.trim().split('\n').map(Number);
	if (!Number.isInteger(uid)) throw new Error('There is no postgres user: install the postgresql package');
	return { uid, gid };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}
