/**
 * `npm run check:queue-mode`: the package in a real n8n in queue mode — Redis, PostgreSQL, one
 * main process and two `n8n worker` processes sharing one Alephee API key — against the sandbox.
 *
 * 1. Several executions at once (QUEUE_WORKFLOWS × QUEUE_ORDERS deletes, default 4 × 250) on a
 *    key allowed QUEUE_RATE a minute with a burst of QUEUE_BURST (600, 10), then Get Many over a
 *    list of QUEUE_LIST_ORDERS orders (5,000; the list endpoint at 120 a minute, burst 5). Prints
 *    deleted, lost, 429s, wall time ÷ the theoretical minimum, and which worker ran what.
 * 2. One worker killed (SIGKILL) in the middle of a run: what n8n did with its execution, and
 *    what Alephee saw (every order deleted at most once).
 *
 * Redis and PostgreSQL are installed with apt-get where missing and run on loopback in
 * throwaway folders; the n8n install is the e2e suite's (cached). N8N_VERSION picks n8n.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../sandbox/alepheeSandbox';
import { N8nApi, outputItems, type Execution } from './n8n/api';
import { buildPackage, installIntoUserFolder, packPackage } from './n8n/communityPackage';
import { killGroup, runScript } from './n8n/exec';
import { ensureN8n } from './n8n/install';
import { freePort, N8nInstance } from './n8n/instance';
import { info } from './n8n/log';
import { startPostgres, startRedis, type Service } from './n8n/queueServices';
import { newApiKey } from './n8n/sandboxSetup';
import { alepheeNode, itemsNode, MANUAL_TRIGGER, manualTrigger, workflow } from './n8n/workflows';

const WORKFLOWS = Number(process.env.QUEUE_WORKFLOWS ?? 4);
const ORDERS = Number(process.env.QUEUE_ORDERS ?? 250);
const RATE = Number(process.env.QUEUE_RATE ?? 600);
const BURST = Number(process.env.QUEUE_BURST ?? 10);
const LIST_ORDERS = Number(process.env.QUEUE_LIST_ORDERS ?? 5000);
const LIST_RATE = { perMinute: 120, burst: 5 };
const WORKERS = 2;
const CONCURRENCY = 10;
const ACCOUNT = 4100;

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
	const services: Service[] = [];
	const processes: N8nInstance[] = [];
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'alephee-queue-'));
	const apiKey = newApiKey();
	const sandbox = await AlepheeSandbox.start({ rateLimit: { perMinute: RATE, burst: BURST } });
	sandbox.addKey(apiKey, [ACCOUNT]);
	try {
		const redis = await startRedis();
		services.push(redis);
		const postgres = await startPostgres();
		services.push(postgres);

		const install = await ensureN8n();
		if (process.env.ALEPHEE_SKIP_BUILD !== '1') await buildPackage();
		const packed = await packPackage(mkdtempSync(path.join(os.tmpdir(), 'alephee-pack-')));
		const sharedUserFolder = { folder: userFolder, packageDir: await installIntoUserFolder(userFolder, packed) };
		// Main and workers share the database, Redis, the encryption key and the nodes folder.
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const main = await N8nInstance.start({ install, packed, sharedUserFolder, env: queueEnv, logLevel: 'info' });
		processes.push(main);
		const workers: N8nInstance[] = [];
		for (let index = 0; index < WORKERS; index++) {
			const healthPort = await freePort();
			const worker = await N8nInstance.start({
				install,
				packed,
				sharedUserFolder,
				command: 'worker',
				commandArgs: [`--concurrency=${CONCURRENCY}`],
				port: healthPort,
				env: { ...queueEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
				logLevel: 'info',
			});
			workers.push(worker);
			processes.push(worker);
		}
		const api = new N8nApi(main.baseUrl, install);
		await api.setupOwner();
		const credential = await api.createCredential('Alephee (shared key)', 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl });
		const account = { __rl: true, mode: 'id', value: String(ACCOUNT) };
		const workerOf = (executionId: string) => {
			const index = workers.findIndex((worker) => worker.lines.some((line) => line.includes(`Worker started execution ${executionId} `)));
			return index < 0 ? 'main' : `worker ${index + 1}`;
		};

		// 1. Several executions at once, one key.
		const runs = Array.from({ length: WORKFLOWS }, (_, run) => Array.from({ length: ORDERS }, (_, index) => 100_000 * (run + 1) + index));
		for (const orderId of runs.flat()) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		const saved = await Promise.all(
			runs.map(async (orders, run) =>
				await api.createWorkflow(
					workflow(`Queue mode: delete ${ORDERS} orders (${run + 1})`, [
						manualTrigger(),
						itemsNode('Orders', orders.map((orderId) => ({ orderId }))),
						alepheeNode({
							name: 'Delete',
							credential,
							parameters: { resource: 'order', operation: 'delete', accountId: account, orderId: '={{ $json.orderId }}' },
							onError: 'continueRegularOutput',
						}),
					]),
				),
			),
		);
		const started = Date.now();
		const executionIds = await Promise.all(saved.map(async ({ id }) => await api.runWorkflow(id, MANUAL_TRIGGER)));
		const executions = await Promise.all(executionIds.map(async (id) => await api.waitForExecution(id, 30 * 60_000)));
		const wall = Date.now() - started;
		const total = WORKFLOWS * ORDERS;
		const deletedOrders = runs.flat().filter((orderId) => sandbox.order(ACCOUNT, orderId)?.status === ORDER_STATUS_DELETED).length;
		const deleteRequests = sandbox.deleteRequests().length;
		const rejectedDeletes = sandbox.rejectedByRateLimit;
		const minimum = ((total - BURST) / RATE) * 60_000;

		// Get Many over a large list, on its own endpoint budget.
		for (let index = 0; index < LIST_ORDERS; index++) {
			sandbox.addOrder({ accountId: ACCOUNT, orderId: 900_000 + index, createdThrough: 'marketplace', lines: [], externalOrderId: `LIST-${String(index).padStart(6, '0')}` });
		}
		sandbox.setEndpointRateLimit('GET /v2/orders', LIST_RATE);
		const listWorkflow = await api.createWorkflow(
			workflow('Queue mode: list orders', [
				manualTrigger(),
				alepheeNode({
					name: 'List',
					credential,
					parameters: { resource: 'order', operation: 'getAll', accountId: account, returnAll: true, filters: { externalOrderIdFrom: 'LIST-000000', externalOrderIdTo: 'LIST-999999' } },
				}),
			]),
		);
		const listStarted = Date.now();
		const listExecution = await api.runAndWait(listWorkflow.id, MANUAL_TRIGGER, 30 * 60_000);
		const listWall = Date.now() - listStarted;
		const listed = outputItems(listExecution, 'List').length;
		const pages = Math.ceil(LIST_ORDERS / 100);
		const listMinimum = ((pages - LIST_RATE.burst) / LIST_RATE.perMinute) * 60_000;

		// 2. A worker killed in the middle of a run.
		const killOrders = Array.from({ length: ORDERS }, (_, index) => 800_000 + index);
		for (const orderId of killOrders) sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [] });
		const killWorkflow = await api.createWorkflow(
			workflow('Queue mode: a worker dies', [
				manualTrigger(),
				itemsNode('Orders', killOrders.map((orderId) => ({ orderId }))),
				alepheeNode({
					name: 'Delete',
					credential,
					parameters: { resource: 'order', operation: 'delete', accountId: account, orderId: '={{ $json.orderId }}' },
					onError: 'continueRegularOutput',
				}),
			]),
		);
		const killSince = sandbox.requests.length;
		const killDeletes = () => sandbox.requests.slice(killSince).filter((request) => request.method === 'DELETE');
		const killId = await api.runWorkflow(killWorkflow.id, MANUAL_TRIGGER);
		while (killDeletes().length < ORDERS / 4) await new Promise((resolve) => setTimeout(resolve, 100));
		const victim = workers.find((worker) => worker.lines.some((line) => line.includes(`Worker started execution ${killId} `)));
		const victimName = victim ? `worker ${workers.indexOf(victim) + 1}` : 'no worker found';
		const beforeKill = killDeletes().length;
		if (victim?.pid) killGroup(victim.pid, 'SIGKILL');
		const killedAt = Date.now();
		let killExecution: Execution | undefined;
		try {
			killExecution = await api.waitForExecution(killId, 5 * 60_000);
		} catch (error) {
			killExecution = await api.getExecution(killId).catch(() => undefined);
			info(`The killed run had not ended 5 minutes later: ${(error as Error).message}`);
		}
		const afterKill = killDeletes();
		const perOrder = new Map<string, number[]>();
		for (const request of afterKill) perOrder.set(request.query.orderId, [...(perOrder.get(request.query.orderId) ?? []), request.answeredWith ?? 0]);
		const deletedTwice = [...perOrder.values()].filter((answers) => answers.filter((status) => status === 204).length > 1).length;
		const askedAgain = [...perOrder.values()].filter((answers) => answers.length > 1).length;
		const killDeleted = killOrders.filter((orderId) => sandbox.order(ACCOUNT, orderId)?.status === ORDER_STATUS_DELETED).length;
		const rerunBy = workers.filter((worker) => worker !== victim && worker.lines.some((line) => line.includes(`Worker started execution ${killId} `))).map((worker) => `worker ${workers.indexOf(worker) + 1}`);

		const out: string[] = ['', `=== n8n ${install.version} in queue mode: main + ${WORKERS} workers (concurrency ${CONCURRENCY}), Redis, PostgreSQL; one API key ===`, ''];
		out.push(`Deletes: ${WORKFLOWS} executions × ${ORDERS} orders at once, limit ${RATE}/min burst ${BURST} (theoretical minimum ${seconds(minimum)} s)`);
		out.push('| run | deleted | lost | requests answered 429 | wall s | ÷ minimum |');
		out.push('|---|---|---|---|---|---|');
		const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(2)}%`;
		out.push(
			`| ${WORKFLOWS} × ${ORDERS} deletes | ${deletedOrders}/${total} | ${total - deletedOrders} | ${rejectedDeletes} of ${deleteRequests} (${percent(rejectedDeletes, deleteRequests)}) | ${seconds(wall)} | ${(wall / minimum).toFixed(2)} |`,
		);
		const listRejected = sandbox.rejectedByRateLimit - rejectedDeletes;
		const listRequests = sandbox.requestsTo('GET /v2/orders').length;
		out.push(
			`| Get Many, ${LIST_ORDERS} orders (${pages} pages, ${LIST_RATE.perMinute}/min burst ${LIST_RATE.burst}, minimum ${seconds(listMinimum)} s) | ${listed}/${LIST_ORDERS} listed | ${LIST_ORDERS - listed} | ${listRejected} of ${listRequests} (${percent(listRejected, listRequests)}) | ${seconds(listWall)} | ${(listWall / listMinimum).toFixed(2)} |`,
		);
		out.push('');
		out.push('Which process ran what:');
		executions.forEach((execution, index) => out.push(`  execution ${execution.id} (${ORDERS} deletes, run ${index + 1}): ${workerOf(execution.id)}, ${execution.status}`));
		out.push(`  execution ${listExecution.id} (Get Many): ${workerOf(listExecution.id)}, ${listExecution.status}`);
		out.push('');
		out.push(`Worker killed mid-run: execution ${killId} (${ORDERS} deletes) ran on ${victimName}, killed (SIGKILL) after ${beforeKill} DELETEs.`);
		out.push(`  n8n then: execution status "${killExecution?.status ?? 'unknown'}" ${seconds((killExecution ? Date.now() : killedAt) - killedAt)} s later; run again by: ${rerunBy.length ? rerunBy.join(', ') : 'no other worker'}.`);
		out.push(`  Alephee saw ${afterKill.length} DELETEs for ${perOrder.size} orders; ${askedAgain} orders asked twice (a second DELETE of a deleted order answers 304: nothing deleted again); orders deleted twice: ${deletedTwice}; deleted in the end: ${killDeleted}/${ORDERS}.`);
		process.stdout.write(`${out.join('\n')}\n\n`);
		if (deletedOrders !== total || deletedTwice > 0) throw new Error('orders were lost or deleted twice');
	} finally {
		info('Stopping n8n, its workers, PostgreSQL and Redis');
		for (const instance of processes.reverse()) await instance.stop();
		for (const service of services.reverse()) await service.stop();
		await sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

runScript('check:queue-mode', main, 60 * 60_000);
