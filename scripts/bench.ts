/**
 * `npm run bench`: this node against n8n's HTTP Request node on the sandbox's GCRA rate limit,
 * in one run on one machine, in three sections (BENCH_ONLY=deletes,getMany,products picks some):
 * - deletes: bulk deletes with (a) this node, (b) the HTTP Request node with its defaults, (c) the
 *   HTTP Request node with hand-set batching; then the per-item overhead with the limit off;
 * - getMany: every order of an account, page by page (scripts/bench-get-many.ts);
 * - products: stock and price updates of many products (scripts/bench-products.ts).
 *
 *   BENCH_ORDERS=1000 BENCH_RATE=600 BENCH_BURST=10 BENCH_ONLY=deletes npm run bench
 */
import { Expression, type INodeParameters } from 'n8n-workflow';

import { ACCOUNT, fixed, printTable } from './bench-common';
import { benchGetMany } from './bench-get-many';
import { benchProducts } from './bench-products';
import { httpRequestDeleteParameters } from './n8n/workflows';
import { ALEPHEE_NODE_TYPE, HTTP_REQUEST_NODE_TYPE, runNode, type NodeRun } from '../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../sandbox/alepheeSandbox';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const RATE_PER_MINUTE = Number(process.env.BENCH_RATE ?? 600);
const BURST = Number(process.env.BENCH_BURST ?? 10);
const OVERHEAD_ORDERS = Number(process.env.BENCH_OVERHEAD_ORDERS ?? 1000);
const OVERHEAD_REPEATS = Number(process.env.BENCH_OVERHEAD_REPEATS ?? 5);

interface Contender {
	label: string;
	run(sandbox: AlepheeSandbox, apiKey: string, items: object[]): Promise<NodeRun>;
}

const alepheeNode: Contender = {
	label: 'Alephee node (this package)',
	run: async (sandbox, apiKey, items) =>
		await runNode({
			node: {
				type: ALEPHEE_NODE_TYPE,
				typeVersion: 1,
				parameters: { resource: 'order', operation: 'delete', accountId: String(ACCOUNT), orderId: '={{ $json.id }}' },
				credentials: { alepheeApi: { id: 'alephee', name: 'Alephee' } },
				onError: 'continueRegularOutput',
			},
			items,
			credentials: { alephee: { apiKey, baseUrl: sandbox.baseUrl } },
		}),
};

/**
 * The HTTP Request node as a user would set it up for this call: key as query auth.
 * `asExpressions` writes the fixed values as expressions too (same request, more evaluations).
 */
function httpRequestNode(label: string, options: INodeParameters, asExpressions = false): Contender {
	const value = (text: string) => (asExpressions ? `={{ ${JSON.stringify(text)} }}` : text);
	return {
		label,
		run: async (sandbox, apiKey, items) =>
			await runNode({
				node: {
					type: HTTP_REQUEST_NODE_TYPE,
					typeVersion: 4.2,
					parameters: {
						...httpRequestDeleteParameters({
							url: value(`${sandbox.baseUrl}/orders`),
							accountId: value(String(ACCOUNT)),
							orderId: '={{ $json.id }}',
							revertStock: value('false'),
						}),
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'Accept', value: value('application/json') }] },
						options: asExpressions ? { ...options, timeout: '={{ 300000 }}' } : options,
					} as INodeParameters,
					credentials: { httpQueryAuth: { id: 'query', name: 'Alephee key' } },
					onError: 'continueRegularOutput',
				},
				items,
				credentials: { query: { name: 'API_KEY', value: apiKey } },
			}),
	};
}

const httpDefaults = httpRequestNode('HTTP Request node, defaults', {});
const httpBatched = httpRequestNode(
	`HTTP Request node, batching ${BURST} per ${Math.round((BURST * 60_000) / RATE_PER_MINUTE)} ms`,
	{ batching: { batch: { batchSize: BURST, batchInterval: Math.round((BURST * 60_000) / RATE_PER_MINUTE) } } },
);

/** Control: the same HTTP request, with as many expressions per item as the engine evaluates for the Alephee node. */
const httpSameEvaluations = httpRequestNode('HTTP Request node, fixed values as expressions (control)', {}, true);

/**
 * Counts n8n's expression evaluations, to show where per-item time goes. The wrapper only
 * counts: every evaluation still runs through n8n's own code, unchanged.
 */
let expressionEvaluations = 0;
const evaluateSimpleValue = Expression.prototype.resolveSimpleParameterValue;
Expression.prototype.resolveSimpleParameterValue = function (this: Expression, ...args) {
	if (typeof args[0] === 'string' && args[0].startsWith('=')) expressionEvaluations++;
	return evaluateSimpleValue.apply(this, args);
};

let nextOrderId = 1;

function seedOrders(sandbox: AlepheeSandbox, apiKey: string, count: number) {
	sandbox.addKey(apiKey, [ACCOUNT]);
	const ids = Array.from({ length: count }, () => nextOrderId++);
	for (const id of ids) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId: id, createdThrough: 'api', lines: [{ sku: 'SKU', quantity: 1 }] });
	}
	return ids;
}

async function measure(sandbox: AlepheeSandbox, contender: Contender, count: number) {
	const apiKey = `bench-${contender.label}-${nextOrderId}`;
	const ids = seedOrders(sandbox, apiKey, count);
	const before = sandbox.requests.length;
	const rejectedBefore = sandbox.rejectedByRateLimit;
	const evaluationsBefore = expressionEvaluations;
	const started = performance.now();
	const result = await contender.run(sandbox, apiKey, ids.map((id) => ({ id })));
	const seconds = (performance.now() - started) / 1000;
	const deleted = ids.filter((id) => sandbox.order(ACCOUNT, id)?.status === ORDER_STATUS_DELETED).length;
	const paired = result.main.every((item, index) => (item.pairedItem as { item: number })?.item === index);
	return {
		deleted,
		lost: count - deleted,
		requests: sandbox.requests.length - before,
		rejected: sandbox.rejectedByRateLimit - rejectedBefore,
		seconds,
		outputs: result.main.length,
		paired,
		evaluationsPerItem: (expressionEvaluations - evaluationsBefore) / count,
	};
}

async function benchDeletes() {
	const sandbox = await AlepheeSandbox.start({ rateLimit: { perMinute: RATE_PER_MINUTE, burst: BURST } });
	const theoreticalMinimum = (ORDERS - BURST) / (RATE_PER_MINUTE / 60);
	console.log(
		`Deleting ${ORDERS} orders, limit ${RATE_PER_MINUTE}/min burst ${BURST} (GCRA per key); theoretical minimum (N − burst) ÷ rate = ${fixed(theoreticalMinimum, 1)} s`,
	);
	const rows: string[][] = [];
	const limited = process.env.BENCH_SKIP_LIMITED ? [] : [alepheeNode, httpDefaults, httpBatched];
	for (const contender of limited) {
		process.stdout.write(`  running: ${contender.label} … `);
		const m = await measure(sandbox, contender, ORDERS);
		process.stdout.write(`${fixed(m.seconds, 1)} s\n`);
		rows.push([
			contender.label,
			String(m.deleted),
			String(m.lost),
			`${m.rejected} (${fixed((100 * m.rejected) / Math.max(1, m.requests), 1)}%)`,
			fixed(m.seconds, 1),
			fixed(m.seconds / theoreticalMinimum),
			`${m.outputs}${m.paired ? '' : ' (unpaired!)'}`,
		]);
	}
	printTable(['contender', 'deleted', 'lost', '429s received', 'wall s', '÷ minimum', 'items out'], rows);

	// Overhead: the same work with the limit out of the way; medians of several runs.
	sandbox.setRateLimit(undefined);
	console.log(`\nPer-item overhead with the limit off: ${OVERHEAD_ORDERS} orders, median of ${OVERHEAD_REPEATS} runs`);
	const contenders = [alepheeNode, httpDefaults, httpSameEvaluations];
	const times = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
	const evaluations = new Map<Contender, number>();
	await measure(sandbox, httpDefaults, OVERHEAD_ORDERS); // warm-up: first loads of n8n-nodes-base
	// Runs alternate, so a busy moment on the machine hits every contender alike.
	for (let i = 0; i < OVERHEAD_REPEATS; i++) {
		for (const contender of contenders) {
			const m = await measure(sandbox, contender, OVERHEAD_ORDERS);
			times.get(contender)!.push(m.seconds);
			evaluations.set(contender, m.evaluationsPerItem);
		}
	}
	const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
	const theirs = median(times.get(httpDefaults)!);
	printTable(
		['contender', 'median s', 'ms per item', 'items per s', 'expressions evaluated per item', 'throughput ÷ HTTP Request defaults'],
		contenders.map((contender) => {
			const seconds = median(times.get(contender)!);
			return [
				contender.label,
				fixed(seconds, 3),
				fixed((1000 * seconds) / OVERHEAD_ORDERS),
				fixed(OVERHEAD_ORDERS / seconds, 0),
				fixed(evaluations.get(contender)!, 1),
				fixed(theirs / seconds),
			];
		}),
	);
	console.log(`throughput ratio (Alephee node ÷ HTTP Request node): ${fixed(theirs / median(times.get(alepheeNode)!))}`);
	await sandbox.stop();
}

const SECTIONS: Record<string, () => Promise<void>> = { deletes: benchDeletes, getMany: benchGetMany, products: benchProducts };

async function main() {
	const chosen = (process.env.BENCH_ONLY ?? Object.keys(SECTIONS).join(',')).split(',').map((name) => name.trim());
	const unknown = chosen.filter((name) => !(name in SECTIONS));
	if (unknown.length) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}`);
	for (const name of chosen) await SECTIONS[name]();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
