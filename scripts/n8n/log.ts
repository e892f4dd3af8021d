/**
 * Progress output for the long steps (installing Node and n8n, starting n8n), so a person
 * watching a first run sees that something is happening and how long it took.
 */
const startedAt = Date.now();

let quiet = process.env.ALEPHEE_N8N_QUIET === '1';

export function setQuiet(value: boolean): void {
	quiet = value;
}

function elapsed(): string {
	return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}

export function info(message: string): void {
	if (!quiet) process.stdout.write(`[n8n-harness +${elapsed()}] ${message}\n`);
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const seconds = ms / 1000;
	if (seconds < 90) return `${seconds.toFixed(1)} s`;
	return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Runs `work`, printing a line when it starts, every `everyMs` while it runs, and when it ends. */
export async function step<T>(
	label: string,
	work: () => Promise<T>,
	options: { everyMs?: number; detail?: () => string | undefined } = {},
): Promise<T> {
	const begin = Date.now();
	info(`${label}…`);
	const timer = setInterval(() => {
		const detail = options.detail?.();
		info(`  still ${label.charAt(0).toLowerCase()}${label.slice(1)} (${formatDuration(Date.now() - begin)}${detail ? `, ${detail}` : ''})`);
	}, options.everyMs ?? 15_000);
	timer.unref();
	try {
		const result = await work();
		info(`${label}: done in ${formatDuration(Date.now() - begin)}`);
		return result;
	} catch (error) {
		info(`${label}: FAILED after ${formatDuration(Date.now() - begin)}`);
		throw error;
	} finally {
		clearInterval(timer);
	}
}
