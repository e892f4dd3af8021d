/**
 * The engine contract: what the Alephee node relies on in n8n's declarative engine that n8n does
 * not document, pinned in a real n8n of each major (N8N_VERSION). Each test names the assumption
 * and what in the node depends on it, so that a new n8n that breaks one says so in those words.
 */
import { outputItems } from '../scripts/n8n/api';
import { alepheeNode, itemsNode, manualTrigger, workflow } from '../scripts/n8n/workflows';
import { ACCOUNT_ID, E2e, SETUP_TIMEOUT_MS } from './harness';

let e2e: E2e;

beforeAll(async () => {
	e2e = await E2e.start();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await e2e?.stop();
}, 60_000);

/** Fails with the assumption that broke and what in the node depends on it. */
function pin(holds: boolean, assumption: string, dependents: string, seen: string): void {
	if (!holds) {
		throw new Error(`n8n's engine contract broke: ${assumption}\nWhat relies on it: ${dependents}\nSeen: ${seen}`);
	}
}

const node = (name: string, parameters: Record<string, unknown>) => alepheeNode({ name, credential: e2e.credential, parameters });

function addOrders(orderIds: number[], createdThrough: 'api' | 'marketplace' = 'api') {
	for (const orderId of orderIds) e2e.sandbox.addOrder({ accountId: ACCOUNT_ID, orderId, createdThrough, lines: [{ sku: 'CONTRACT-SKU', quantity: 1 }] });
}

describe("n8n's declarative engine, as the node relies on it", () => {
	test('every item of a run is started in one synchronous pass, in item order', async () => {
		const orders = [9101, 9102, 9103, 9104, 9105, 9106];
		addOrders(orders);
		// One delete at a time: the order they reach Alephee is the order the items took their turn.
		e2e.sandbox.setEndpointRateLimit('DELETE /v2/orders', { perMinute: 600, burst: 1 });
		const since = e2e.sandbox.requests.length;
		try {
			const execution = await e2e.run(
				workflow('Contract: one pass in item order', [
					manualTrigger(),
					itemsNode('Orders', orders.map((orderId) => ({ orderId }))),
					node('Alephee', { resource: 'order', operation: 'delete', accountId: String(ACCOUNT_ID), orderId: '={{ $json.orderId }}' }),
				]),
			);
			const arrived = e2e.deletesSince(since).map((request) => Number(request.query.orderId));
			pin(
				execution.status === 'success' && JSON.stringify(arrived) === JSON.stringify(orders),
				"RoutingNode calls each item's routing.operations.pagination hook one after the other in a single synchronous pass over the items, in item order, before any item's request is awaited.",
				'transport/operation.ts runOperation takes each item\'s rate-limit ticket (takeTicket) and joins its NodeRun synchronously at the start of the hook, then reads the credentials once for the run (NodeRun.readOnce) so the items reach the budget in the order they started; NodeRun.checkPass counts the items started by the first await; items that change the same order go in item order (NodeRun.inTurn).',
				`execution ${execution.status}; deletes arrived for ${JSON.stringify(arrived)}, items were ${JSON.stringify(orders)}`,
			);
		} finally {
			e2e.sandbox.setEndpointRateLimit('DELETE /v2/orders', undefined);
		}
	});

	test("the items of one run share one execute-data object (getExecuteData), distinct from another run's", async () => {
		for (const sku of ['CONTRACT-A', 'CONTRACT-B', 'CONTRACT-C']) e2e.sandbox.addProduct({ accountId: ACCOUNT_ID, sku }, 1);
		const since = e2e.sandbox.requests.length;
		const execution = await e2e.run(
			workflow('Contract: one execute data per run', [
				manualTrigger(),
				itemsNode('Stock', [
					{ sku: 'CONTRACT-A', stock: 5 },
					{ sku: 'CONTRACT-B', stock: 6 },
					{ sku: 'CONTRACT-C', stock: 7 },
				]),
				node('Alephee', {
					resource: 'product',
					operation: 'update',
					accountId: String(ACCOUNT_ID),
					sku: '={{ $json.sku }}',
					updateFields: { stockQuantity: '={{ $json.stock }}' },
				}),
			]),
		);
		const calls = e2e.sandbox.requests.slice(since).filter((request) => request.endpoint === 'POST /v2/products');
		const carried = calls.map((request) => (JSON.parse(request.body) as unknown[]).length);
		pin(
			execution.status === 'success' && calls.length === 1 && carried[0] === 3 && outputItems(execution, 'Alephee').length === 3,
			"n8n hands every item of one node run the same IExecuteData object (context.getExecuteData()), and a new one to the next run.",
			"transport/nodeRun.ts nodeRunOf keys a run's shared record by that object: product updates gathered into one batch per run (product/updateBatch.ts, transport/batch.ts RunBatches), stop on error (no item of the run sent after a failure), item order per order (inTurn).",
			`execution ${execution.status}; ${calls.length} POST /v2/products carrying ${JSON.stringify(carried)} products for 3 items`,
		);
		for (const [sku, stock] of [['CONTRACT-A', 5], ['CONTRACT-B', 6], ['CONTRACT-C', 7]] as const) {
			expect(e2e.sandbox.stockOf(ACCOUNT_ID, sku)).toBe(stock);
		}
	});

	test('when an expression fails in its pass, n8n ends the run at that item: later items never start, started ones are not awaited', async () => {
		const orders = [9201, 9202, 9203, 9204, 9205, 9206];
		addOrders(orders);
		const since = e2e.sandbox.requests.length;
		const execution = await e2e.run(
			workflow('Contract: a failed expression ends the run', [
				manualTrigger(),
				itemsNode('Orders', orders.map((orderId, index) => ({ orderId, broken: index === 3 }))),
				node('Alephee', {
					resource: 'order',
					operation: 'delete',
					accountId: String(ACCOUNT_ID),
					orderId: '={{ $json.orderId }}',
					// Revert Stock is one of the parameters n8n's routing evaluates itself, in its pass.
					revertStock: '={{ $json.broken ? $("Missing Node").item.json.x : false }}',
				}),
			]),
		);
		// Give anything that n8n left running the time to reach the sandbox, as a slow machine would not.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const sent = e2e.deletesSince(since).map((request) => Number(request.query.orderId));
		const message = String(execution.error?.message ?? '');
		pin(
			execution.status === 'error' && /Referenced node doesn't exist|Missing Node/i.test(message) && sent.length === 0,
			"an expression that fails while RoutingNode builds an item's request ends the run with n8n's own error at that item: the items after it never reach the node's hook, and the items already started are not awaited (no Continue On Fail).",
			'transport/nodeRun.ts NodeRun.checkPass (fewer items started than n8n handed over means n8n ended the run: nothing more is sent) and the runner ending those items quietly (endedByN8n), so no rejection goes unhandled; the README says the error item of such an expression is n8n\'s, not the node\'s.',
			`execution ${execution.status} with "${message}"; deletes sent: ${JSON.stringify(sent)}`,
		);
	});
});
