/**
 * A real n8n process: throwaway user folder, listening on 127.0.0.1 only, with telemetry,
 * version checks, templates and other calls to n8n's servers switched off, and this
 * package installed in its community nodes folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { n8nMajor } from './config';
import { installIntoUserFolder, type PackedPackage } from './communityPackage';
import { cleanEnv, exitCleanlyOnSignals, killGroup } from './exec';
import type { N8nInstall } from './install';
import { info, step } from './log';

export interface StartOptions {
	install: N8nInstall;
	/** The packed package to install into the community nodes folder. */
	packed: PackedPackage;
	/** Port for the editor and REST API; a free one when left out. */
	port?: number;
	/** N8N_LOG_LEVEL; `debug` by default so that leaks would show. */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Also write n8n's output here (the folder is created). */
	logFile?: string;
	/** Echo n8n's output to this process's stdout. */
	echo?: boolean;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	/** Keep the user folder after stop (for debugging). */
	keepUserFolder?: boolean;
	readyTimeoutMs?: number;
	/**
	 * A user folder several n8n processes share (queue mode: main and workers), with the package
	 * already installed in it; the caller owns and removes it. Default: a fresh one per process.
	 */
	sharedUserFolder?: { folder: string; packageDir: string };
	/** `worker` starts a queue-mode worker (its health check on `port`) instead of `n8n start`. */
	command?: 'start' | 'worker';
	/** Extra arguments for the command, such as `--concurrency=5`. */
	commandArgs?: string[];
}

export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Modules that call n8n's servers on their own; only names this n8n knows may be listed. */
const MODULES_TO_DISABLE = ['mcp-registry'];

function knownModules(install: N8nInstall): string[] {
	const file = path.join(install.dir, 'node_modules', '@n8n', 'backend-common', 'dist', 'modules', 'modules.config.js');
	if (!existsSync(file)) return [];
	const list = /MODULE_NAMES\s*=\s*\[([^\]]*)\]/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
	return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

export function n8nEnvironment(install: N8nInstall, userFolder: string, port: number, brokerPort: number, logLevel: string): Record<string, string> {
	const disabled = knownModules(install).filter((name) => MODULES_TO_DISABLE.includes(name));
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		DB_TYPE: 'sqlite',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		// No telemetry, no update checks, no templates, no banners, no license server.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_ONBOARDING_FLOW_DISABLED: 'true',
		...(disabled.length ? { N8N_DISABLED_MODULES: disabled.join(',') } : {}),
		// Community packages: loaded from the nodes folder; never fetched from n8n's verified list.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// Task runners (Code node) on a free port; no Python runner.
		N8N_RUNNERS_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PYTHON_ENABLED: 'false',
		// Keep every manual execution with its data, to inspect it.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
		FORCE_COLOR: '0',
		...(n8nMajor(install.version) === 1 ? { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true' } : {}),
	};
}

/** Colour codes (ESC [ … m), in case NO_COLOR is not honoured somewhere. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export class N8nInstance {
	readonly lines: string[] = [];

	private exited = false;

	private exitInfo = '';

	private constructor(
		readonly install: N8nInstall,
		readonly baseUrl: string,
		readonly port: number,
		readonly userFolder: string,
		readonly packageDir: string,
		private readonly child: ChildProcess,
		private readonly logStream: WriteStream | undefined,
		private readonly keepUserFolder: boolean,
		readonly command: 'start' | 'worker' = 'start',
	) {}

	/** The process ID, to kill it as a crash would. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	static async start(options: StartOptions): Promise<N8nInstance> {
		const { install, packed } = options;
		const port = options.port ?? (await freePort());
		if (options.port && !(await portIsFree(port))) {
			throw new Error(`Port ${port} on 127.0.0.1 is in use; stop what uses it or set another port (N8N_PORT).`);
		}
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		const userFolder = options.sharedUserFolder?.folder ?? mkdtempSync(path.join(os.tmpdir(), `n8n-user-${install.version}-`));
		const packageDir = options.sharedUserFolder?.packageDir ?? (await installIntoUserFolder(userFolder, packed));
		const command = options.command ?? 'start';
		const logLevel = options.logLevel ?? 'debug';
		const env = cleanEnv({
			...n8nEnvironment(install, userFolder, port, brokerPort, logLevel),
			PATH: `${path.dirname(install.node.bin)}${path.delimiter}${process.env.PATH ?? ''}`,
			...options.env,
		});
		let logStream: WriteStream | undefined;
		if (options.logFile) {
			mkdirSync(path.dirname(options.logFile), { recursive: true });
			logStream = createWriteStream(options.logFile);
		}
		info(`Starting n8n ${install.version} ${command} on http://127.0.0.1:${port} (user folder ${userFolder}, log level ${logLevel})`);
		const child = spawn(install.node.bin, [install.bin, command, ...(options.commandArgs ?? [])], {
			cwd: userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // its own process group, so stop() also ends the task runners it starts
		});
		exitCleanlyOnSignals();
		const keepUserFolder = (options.keepUserFolder ?? false) || options.sharedUserFolder !== undefined;
		const instance = new N8nInstance(install, `http://127.0.0.1:${port}`, port, userFolder, packageDir, child, logStream, keepUserFolder, command);
		instance.capture(child, options.echo ?? false);
		activeInstances.add(instance);
		try {
			await step(`Waiting for n8n ${install.version} to be ready`, () => instance.waitUntilReady(options.readyTimeoutMs ?? 240_000), { everyMs: 10_000 });
		} catch (error) {
			await instance.stop();
			throw error;
		}
		return instance;
	}

	private capture(child: ChildProcess, echo: boolean): void {
		let pending = '';
		const onData = (chunk: string) => {
			this.logStream?.write(chunk);
			if (echo) process.stdout.write(chunk);
			pending += chunk;
			const parts = pending.split('\n');
			pending = parts.pop() ?? '';
			for (const line of parts) this.lines.push(line.replace(ANSI, ''));
		};
		child.stdout?.setEncoding('utf8').on('data', onData);
		child.stderr?.setEncoding('utf8').on('data', onData);
		child.on('exit', (code, signal) => {
			if (pending) this.lines.push(pending.replace(ANSI, ''));
			this.exited = true;
			this.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
		});
	}

	/** Everything n8n printed so far, without colours. */
	get log(): string {
		return this.lines.join('\n');
	}

	get running(): boolean {
		return !this.exited;
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exited) {
				throw new Error(`n8n exited while starting (${this.exitInfo}). Last lines:\n${this.lines.slice(-40).join('\n') || '(n8n printed nothing)'}`);
			}
			try {
				if (this.command === 'worker') {
					// A worker's health check (QUEUE_HEALTH_CHECK_PORT) answers once it takes jobs.
					if ((await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) })).ok) return;
					throw new Error('not ready');
				}
				// /healthz answers before migrations end; /healthz/readiness once the database is up.
				const response = await fetch(`${this.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
				if (response.ok) {
					const settings = await fetch(`${this.baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
					if (settings.ok) return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n was not ready after ${timeoutMs / 1000}s. Last lines:\n${this.lines.slice(-40).join('\n')}`);
	}

	/** Stops n8n (SIGTERM, then SIGKILL after 20 s) and removes its user folder. */
	async stop(): Promise<void> {
		if (!this.exited && this.child.pid) {
			killGroup(this.child.pid, 'SIGTERM');
			const deadline = Date.now() + 20_000;
			while (!this.exited && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
			if (!this.exited) {
				killGroup(this.child.pid, 'SIGKILL');
				const hardDeadline = Date.now() + 5_000;
				while (!this.exited && Date.now() < hardDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		// The task runners live in n8n's process group: make sure none outlives it.
		killGroup(this.child.pid, 'SIGKILL');
		activeInstances.delete(this);
		await new Promise<void>((resolve) => (this.logStream ? this.logStream.end(resolve) : resolve()));
		if (!this.keepUserFolder) rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
	}

	/** The bytes of n8n's SQLite database (and its WAL), to search them for secrets. */
	databaseFiles(): Buffer[] {
		const n8nFolder = path.join(this.userFolder, '.n8n');
		return ['database.sqlite', 'database.sqlite-wal']
			.map((name) => path.join(n8nFolder, name))
			.filter((file) => existsSync(file))
			.map((file) => readFileSync(file));
	}

	/** `stop()` for a script that is exiting: synchronous, no waiting. */
	killNow(): void {
		if (this.child.pid) killGroup(this.child.pid, 'SIGKILL');
		if (!this.keepUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

const activeInstances = new Set<N8nInstance>();

// Whatever happens to this process, its n8n (a separate process group) must not outlive it.
process.on('exit', () => {
	for (const instance of activeInstances) instance.killNow();
});
