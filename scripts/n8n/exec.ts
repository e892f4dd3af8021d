import { spawn, execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** The command is killed (with its children) after this long. */
	timeoutMs: number;
	/** Called for every output line (stdout and stderr). */
	onLine?: (line: string) => void;
}

export interface RunResult {
	stdout: string;
	stderr: string;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly outputTail: string,
	) {
		super(`${message}\n--- last output lines ---\n${outputTail}`);
	}
}

/**
 * The environment for child processes: this process's, minus what `npm run`, `tsx` and jest
 * put in it: npm_config_* would leak this repo's `ignore-scripts=true` into installs in the
 * cache, NODE_OPTIONS would load tsx into n8n, and NODE_ENV=test makes n8n refuse to load
 * nodes ("Not available in tests") and silences its logger.
 */
const DROPPED_VARIABLES = new Set(['NODE_OPTIONS', 'NODE_ENV', 'INIT_CWD', 'TSX_TSCONFIG_PATH']);

/**
 * The npm settings that say how to reach the registry (which one, through which proxy, with which
 * certificates, with which cache and user config): kept, so an install in the cache reaches the
 * registry the way the user's own npm does. Anything else npm exports (such as this project's
 * `ignore-scripts`) is dropped.
 */
const REGISTRY_SETTINGS =
	/^npm_config_(registry|@[^:]+:registry|\/\/.+|proxy|https?_proxy|noproxy|no_proxy|cafile|ca|cert|key|strict_ssl|cache|userconfig|globalconfig|fetch_retries|fetch_retry_\w+|fetch_timeout|maxsockets|local_address|prefer_offline|offline)$/i;

export function cleanEnv(extra: NodeJS.ProcessEnv = {}, source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(source)) {
		if (DROPPED_VARIABLES.has(key) || /^JEST_/i.test(key)) continue;
		if (/^npm_/i.test(key) && !REGISTRY_SETTINGS.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/** Runs a command to completion; output is kept (last lines shown on failure). */
export async function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	exitCleanlyOnSignals();
	return await new Promise<RunResult>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group: a timeout kills npm and whatever it started
		});
		if (child.pid) runningGroups.add(child.pid);
		let stdout = '';
		let stderr = '';
		const tail: string[] = [];
		const remember = (chunk: string) => {
			for (const line of chunk.split('\n')) {
				if (!line.trim()) continue;
				tail.push(line);
				if (tail.length > 60) tail.shift();
				options.onLine?.(line);
			}
		};
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			remember(chunk);
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			remember(chunk);
		});
		const timer = setTimeout(() => {
			killGroup(child.pid);
			reject(new CommandError(`Timed out after ${options.timeoutMs / 1000}s: ${command} ${args.join(' ')}`, tail.join('\n')));
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (child.pid) runningGroups.delete(child.pid);
			if (code === 0) resolve({ stdout, stderr });
			else
				reject(
					new CommandError(
						`Command failed (${signal ?? `exit ${code}`}): ${command} ${args.join(' ')} (in ${options.cwd})`,
						tail.join('\n'),
					),
				);
		});
	});
}

/** Process groups started by run() and still running: they must not outlive this process. */
const runningGroups = new Set<number>();

process.on('exit', () => {
	for (const pid of runningGroups) killGroup(pid);
});

/**
 * On Ctrl+C or SIGTERM, run `cleanup` (synchronous) and exit, unless the script handles the
 * signal itself (it then stops things its own way).
 */
export function exitCleanlyOnSignals(): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		if (process.listenerCount(signal) > 0) continue;
		process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143)); // 'exit' handlers clean up
	}
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** The npm CLI script of the npm on PATH, so it can be run by another Node binary. */
export function npmCliPath(): string {
	const candidates: string[] = [];
	if (process.env.ALEPHEE_NPM_CLI) candidates.push(process.env.ALEPHEE_NPM_CLI);
	try {
		const onPath = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
		if (onPath) candidates.push(realpathSync(onPath));
	} catch {
		// no npm on PATH
	}
	const nodeDir = path.dirname(realpathSync(process.execPath));
	candidates.push(path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
	for (const candidate of candidates) {
		if (candidate.endsWith('npm-cli.js') && existsSync(candidate)) return candidate;
	}
	throw new Error(`Could not find npm-cli.js (tried ${candidates.join(', ')}); set ALEPHEE_NPM_CLI to its path.`);
}

/**
 * Runs a script's `main` and exits with its outcome; a watchdog ends it if it hangs, so no
 * run (CI's included) can outlive `timeoutMs`.
 */
export function runScript(name: string, main: () => Promise<void>, timeoutMs: number): void {
	const watchdog = setTimeout(() => {
		process.stderr.write(`${name}: still running after ${Math.round(timeoutMs / 60_000)} min, giving up\n`);
		process.exit(2);
	}, timeoutMs);
	watchdog.unref();
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			process.exit(1);
		},
	);
}
