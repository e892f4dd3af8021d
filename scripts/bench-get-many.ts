/**
 * `npm run bench`, Get Many section: every order of an account (Return All) under a tight GET
 * limit, with (a) this node, (b) n8n's HTTP Request node with its own pagination set up by hand
 * as a user would (offset/limit, "complete when" the last page came), (c) the same with its
 * interval between requests tuned to the limit.
 *
 *   BENCH_LIST_ORDERS=10000 BENCH_LIST_RATE=60 BENCH_LIST_BURST=5 BENCH_ONLY=getMany npm run bench
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ACCOUNT, countRequests, fixed, printTable, runAlepheeNode, runHttpRequestNode, sizeFromEnv, withPeakHeap } from './bench-common';
import type { NodeRun } from '../harness/engine';
import { AlepheeSandbox } from '../sandbox/alepheeSandbox';

const ORDERS = sizeFromEnv('BENCH_LIST_ORDERS', 10_000);
const RATE_PER_MINUTE = sizeFromEnv('BENCH_LIST_RATE', 60);
const BURST = sizeFromEnv('BENCH_LIST_BURST', 5);
/** Alephee's default page size, and what both contenders ask for. */
const PAGE_SIZE = 100;

interface Contender {
	label: string;
	/**
	 * The fewest calls that can list every order: one per page, and for this node one more for
	 * the integrated orders (its default, Any, reads both lists; here that list is empty).
	 */
	minimumCalls(pages: number): number;
	run(sandbox: AlepheeSandbox, apiKey: string): Promise<NodeRun>;
	/** The order IDs in the node's output. */
	orderIds(run: NodeRun): number[];
}

const alepheeNode: Contender = {
	label: 'Alephee node, Return All (no settings)',
	minimumCalls: (pages) => pages + 1,
	run: async (sandbox, apiKey) => await runAlepheeNode(sandbox, apiKey, { resource: 'order', operation: 'getAll', returnAll: true }, [{}]),
	orderIds: (run) => run.main.map((item) => Number(item.json.id)),
};

const COMPLETE_WHEN_LAST_PAGE = `={{ $response.body.Paging.Offset + ${PAGE_SIZE} >= $response.body.Paging.Total || $response.body.Results.length < ${PAGE_SIZE} }}`;
/** The same test written so that an answer without `Paging` (an error's body) does not break it. */
const COMPLETE_WHEN_LAST_PAGE_NULL_SAFE = `={{ $response.body.Paging?.Offset + ${PAGE_SIZE} >= $response.body.Paging?.Total || $response.body.Results?.length < ${PAGE_SIZE} }}`;

/**
 * The HTTP Request node's pagination as its documentation shows it: `offset` from `$pageCount`,
 * done when this page reached `Paging.Total` or came short. Each page is one output item.
 */
function httpRequestPaginated(label: string, requestInterval: number, completeExpression = COMPLETE_WHEN_LAST_PAGE): Contender {
	const pagination: INodeParameters = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${PAGE_SIZE} }}` }] },
		paginationCompleteWhen: 'other',
		completeExpression,
		requestInterval,
	};
	return {
		label,
		minimumCalls: (pages) => pages,
		run: async (sandbox, apiKey) =>
			await runHttpRequestNode(
				sandbox,
				apiKey,
				{ method: 'GET', path: '/orders', query: [{ name: 'limit', value: String(PAGE_SIZE) }], options: { pagination: { pagination } } },
				[{}],
			),
		orderIds: (run) =>
			run.main.flatMap((item) => ((item.json.Results as IDataObject[] | undefined) ?? []).map((order) => Number(order.Id))),
	};
}

const tunedInterval = Math.ceil(60_000 / RATE_PER_MINUTE);
const contenders = [
	alepheeNode,
	httpRequestPaginated('HTTP Request node, pagination set by hand', 0),
	httpRequestPaginated('HTTP Request node, pagination set by hand, null-safe "complete when"', 0, COMPLETE_WHEN_LAST_PAGE_NULL_SAFE),
	httpRequestPaginated(`HTTP Request node, pagination + ${tunedInterval} ms between requests (hand-tuned to this limit)`, tunedInterval),
];

export async function benchGetMany() {
	const pages = Math.ceil(ORDERS / PAGE_SIZE);
	const theoreticalMinimum = Math.max(0, pages - BURST) / (RATE_PER_MINUTE / 60);
	console.log(
		`\nGet Many, Return All: ${ORDERS} orders = ${pages} pages of ${PAGE_SIZE}, GET /v2/orders limit ${RATE_PER_MINUTE}/min burst ${BURST}; theoretical minimum (pages − burst) ÷ rate = ${fixed(theoreticalMinimum, 1)} s`,
	);
	const sandbox = await AlepheeSandbox.start();
	sandbox.setEndpointRateLimit('GET /v2/orders', { perMinute: RATE_PER_MINUTE, burst: BURST });
	for (let orderId = 1; orderId <= ORDERS; orderId++) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [{ sku: `SKU-${orderId % 50}`, quantity: 1 }] });
	}
	// Warm-up, so that no heap figure includes loading n8n-nodes-base or the package.
	sandbox.addKey('bench-list-warm-up', [ACCOUNT]);
	await runHttpRequestNode(sandbox, 'bench-list-warm-up', { method: 'GET', path: '/accounts' }, [{}]);
	await runAlepheeNode(sandbox, 'bench-list-warm-up', { resource: 'order', operation: 'get', orderId: '1' }, [{}]);

	const rows: string[][] = [];
	for (const [index, contender] of contenders.entries()) {
		const apiKey = `bench-list-${index}`;
		sandbox.addKey(apiKey, [ACCOUNT]);
		process.stdout.write(`  running: ${contender.label} … `);
		const { result: measured, peakHeapMb, heldHeapMb } = await withPeakHeap(() => countRequests(sandbox, () => contender.run(sandbox, apiKey)));
		process.stdout.write(`${fixed(measured.seconds, 1)} s\n`);
		const ids = contender.orderIds(measured.result);
		const returned = new Set(ids);
		// The pages as Alephee serves them (by ID): a page is lost when any of its orders is missing.
		let pagesLost = 0;
		for (let page = 0; page < pages; page++) {
			const first = page * PAGE_SIZE + 1;
			const last = Math.min(ORDERS, first + PAGE_SIZE - 1);
			for (let id = first; id <= last; id++) {
				if (!returned.has(id)) {
					pagesLost++;
					break;
				}
			}
		}
		const failure = measured.result.main.find((item) => item.json.error)?.json.error as { message?: string } | string | undefined;
		const refusedPage = measured.result.main.some((item) => item.json.Status === 429);
		const ending = failure
			? `error: "${typeof failure === 'string' ? failure : failure.message}"`
			: returned.size < ORDERS
				? `no error, incomplete${refusedPage ? ' (last item: the 429 answer)' : ''}`
				: 'complete';
		rows.push([
			contender.label,
			`${returned.size}${ids.length > returned.size ? ` (+${ids.length - returned.size} repeated)` : ''}`,
			String(pagesLost),
			`${measured.rejected} of ${measured.requests}`,
			fixed(measured.requests / contender.minimumCalls(pages)),
			fixed(measured.seconds, 1),
			theoreticalMinimum ? fixed(measured.seconds / theoreticalMinimum) : '—',
			fixed(peakHeapMb, 0),
			fixed(heldHeapMb, 1),
			ending,
		]);
	}
	printTable(['contender', 'orders returned', 'pages lost', '429s received', 'calls ÷ minimum', 'wall s', 'time ÷ minimum', 'peak heap MB', 'held after MB', 'how it ended'], rows);
	await sandbox.stop();
}
