/**
 * `npm run check:queue-mode`: what happens when n8n runs in queue mode and several worker
 * processes use one API key. Each worker has its own budget and only sees the server's
 * headers; this starts one sandbox and two worker processes deleting orders with the same key
 * at once, and reports what got through.
 *
 *   QUEUE_ORDERS_PER_WORKER=300 QUEUE_RATE=600 QUEUE_BURST=10 npm run check:queue-mode
 */
import { fork } from 'node:child_process';

import { runAlephee } from '../test/harness';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../test/sandbox/alepheeSandbox';

const PER_WORKER = Number(process.env.QUEUE_ORDERS_PER_WORKER ?? 300);
const RATE = Number(process.env.QUEUE_RATE ?? 600);
const BURST = Number(process.env.QUEUE_BURST ?? 10);
const WORKERS = 2;
const API_KEY = 'queue-mode-shared-key';
const ACCOUNT = 1;

interface WorkerJob {
	baseUrl: string;
	orderIds: number[];
}

interface WorkerResult {
	deleted: number;
	failed: number;
	seconds: number;
}

async function worker(job: WorkerJob): Promise<WorkerResult> {
	const started = performance.now();
	const result = await runAlephee({
		credentials: { apiKey: API_KEY, baseUrl: job.baseUrl },
		parameters: { accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
		items: job.orderIds.map((id) => ({ id })),
		onError: 'continueRegularOutput',
	});
	return {
		deleted: result.main.filter((item) => item.json.deleted === true).length,
		failed: result.main.filter((item) => item.json.error).length,
		seconds: (performance.now() - started) / 1000,
	};
}

async function coordinator() {
	const sandbox = await AlepheeSandbox.start({ rateLimit: { perMinute: RATE, burst: BURST } });
	sandbox.addKey(API_KEY, [ACCOUNT]);
	const jobs: WorkerJob[] = Array.from({ length: WORKERS }, (_, w) => ({
		baseUrl: sandbox.baseUrl,
		orderIds: Array.from({ length: PER_WORKER }, (_, i) => w * PER_WORKER + i + 1),
	}));
	for (const id of jobs.flatMap((job) => job.orderIds)) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId: id, createdThrough: 'api', lines: [] });
	}
	const total = WORKERS * PER_WORKER;
	const minimum = (total - BURST) / (RATE / 60);
	console.log(
		`${WORKERS} worker processes, ${PER_WORKER} orders each, one API key; limit ${RATE}/min burst ${BURST}; theoretical minimum ${minimum.toFixed(1)} s`,
	);
	const started = performance.now();
	const results = await Promise.all(
		jobs.map(
			(job) =>
				new Promise<WorkerResult>((resolve, reject) => {
					const child = fork(__filename, [], { execArgv: process.execArgv, env: { ...process.env, QUEUE_WORKER: '1' } });
					child.once('message', (message) => resolve(message as WorkerResult));
					child.once('error', reject);
					child.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
					child.send(job);
				}),
		),
	);
	const seconds = (performance.now() - started) / 1000;
	const deleted = jobs
		.flatMap((job) => job.orderIds)
		.filter((id) => sandbox.order(ACCOUNT, id)?.status === ORDER_STATUS_DELETED).length;
	const requests = sandbox.deleteRequests().length;
	results.forEach((result, index) =>
		console.log(`  worker ${index + 1}: ${result.deleted} deleted, ${result.failed} failed, ${result.seconds.toFixed(1)} s`),
	);
	console.log(
		`  total: ${deleted}/${total} deleted, ${total - deleted} lost, ${sandbox.rejectedByRateLimit} of ${requests} requests answered 429 (${((100 * sandbox.rejectedByRateLimit) / requests).toFixed(1)}%), ${seconds.toFixed(1)} s = ${(seconds / minimum).toFixed(2)} × minimum`,
	);
	await sandbox.stop();
	if (deleted !== total) process.exitCode = 1;
}

if (process.env.QUEUE_WORKER) {
	process.once('message', async (job) => {
		process.send!(await worker(job as WorkerJob), () => process.exit(0));
	});
} else {
	coordinator().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
