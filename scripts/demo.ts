/**
 * `npm run demo`: the package working in a real n8n, against the Alephee sandbox.
 *
 * Builds and packs the package, installs it into a fresh n8n (cached install, see
 * scripts/n8n/), starts the sandbox with a small shop (catalog and stock, no orders), creates the
 * Alephee credential in n8n and runs an operations team's order day: create three test orders
 * (Create, one per item, lines from the item), read each back (Get), download its shipping label
 * (PDF), attach an invoice, delete it giving its units back (Delete, Revert Stock on) and read it
 * again (70, Deleted). Then it runs the Create again, as a workflow run twice would: nothing is
 * created twice. Prints what happened to each order and to the stock, then stops everything.
 *
 * N8N_VERSION picks the n8n release (default: newest 2.x that installs; `1.x` for the last 1.x).
 */
import { describeStatus } from '../nodes/Alephee/shared/order';
import { outputItems, type NodeItem } from './n8n/api';
import { runScript } from './n8n/exec';
import { info, setQuiet } from './n8n/log';
import { describeRequest } from './n8n/report';
import {
	createSandboxCredential,
	DEMO_ACCOUNT_ID,
	DEMO_ACCOUNT_NAME,
	DEMO_NEW_ORDERS,
	DEMO_STOCK,
	newApiKey,
	ORDER_DAY_NODES,
	orderDayWorkflow,
	startDemoSandbox,
} from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';
import { MANUAL_TRIGGER, workflow } from './n8n/workflows';

const DEMO_TIMEOUT_MS = 45 * 60_000; // the first run installs n8n

function stockTable(stockOf: (sku: string) => number): Record<string, number> {
	return Object.fromEntries(Object.keys(DEMO_STOCK).map((sku) => [sku, stockOf(sku)]));
}

const lines = (order: (typeof DEMO_NEW_ORDERS)[number]) => order.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ');
const json = (item: NodeItem | undefined) => (item?.json ?? {}) as Record<string, unknown>;
const file = (item: NodeItem) => ((item.binary as Record<string, { fileName?: string; mimeType?: string; fileSize?: string }> | undefined)?.data ?? {});

async function main(): Promise<void> {
	const apiKey = newApiKey();
	const sandbox = await startDemoSandbox(apiKey, { seedOrders: false });
	let stack: N8nStack | undefined;
	try {
		info(`Alephee sandbox on ${sandbox.baseUrl}: account ${DEMO_ACCOUNT_ID}, ${Object.keys(DEMO_STOCK).length} products, no orders`);
		stack = await startN8nWithPackage({ logLevel: 'info' });
		const { api, install } = stack;
		const credential = await createSandboxCredential(api, sandbox, apiKey);
		const test = await api.testCredential(credential, { apiKey, baseUrl: sandbox.baseUrl });
		info(`Credential "${credential.name}" created in n8n; its test says: ${test.status} (${test.message})`);
		const day = orderDayWorkflow(credential, DEMO_ACCOUNT_ID, DEMO_NEW_ORDERS, 'Alephee sandbox: the order day');
		const saved = await api.createWorkflow(day);
		const stockBefore = stockTable((sku) => sandbox.stockOf(DEMO_ACCOUNT_ID, sku));
		info(`Running workflow ${saved.id} in n8n ${install.version}…`);
		const execution = await api.runAndWait(saved.id, MANUAL_TRIGGER);
		const stockAfter = stockTable((sku) => sandbox.stockOf(DEMO_ACCOUNT_ID, sku));

		// The same Create run again, as when a workflow runs twice: Continue On Fail shows each refusal.
		const [trigger, orders, create] = (day.nodes as Array<Record<string, unknown>>).slice(0, 3);
		const again = await api.createWorkflow(workflow('Alephee sandbox: the Create, run again', [trigger, orders, { ...create, onError: 'continueRegularOutput' }] as never));
		const postsBefore = sandbox.requestsTo('POST /v2/orders').length;
		const rerun = await api.runAndWait(again.id, MANUAL_TRIGGER);
		const postsAgain = sandbox.requestsTo('POST /v2/orders').length - postsBefore;

		const created = outputItems(execution, ORDER_DAY_NODES.create).map(json);
		const readBack = outputItems(execution, ORDER_DAY_NODES.read).map(json);
		const labels = outputItems(execution, ORDER_DAY_NODES.label);
		const attached = outputItems(execution, ORDER_DAY_NODES.attach).map(json);
		const deleted = outputItems(execution, ORDER_DAY_NODES.remove).map(json);
		const checks = outputItems(execution, ORDER_DAY_NODES.check).map(json);
		const refusedAgain = outputItems(rerun, ORDER_DAY_NODES.create).map(json);

		setQuiet(true);
		const out: string[] = [''];
		out.push(`=== Alephee in n8n ${install.version} (Node.js ${install.node.version}) ===`);
		out.push(`Workflow: ${Object.values(ORDER_DAY_NODES).join(' → ')}`);
		out.push(`Execution ${execution.id}: ${execution.status === 'success' ? 'finished' : execution.status}.`);
		out.push('');
		out.push(`1. ${ORDER_DAY_NODES.create} (account ${DEMO_ACCOUNT_ID}, ${DEMO_ACCOUNT_NAME}):`);
		for (const [index, order] of created.entries()) {
			out.push(`   ${DEMO_NEW_ORDERS[index].externalOrderId}  → Alephee order ${order.orderId}  (${lines(DEMO_NEW_ORDERS[index])}; stock moved: ${order.stockMoved ? 'yes' : 'no'})`);
		}
		out.push(`2. ${ORDER_DAY_NODES.read}:`);
		for (const order of readBack) out.push(`   ${order.id}  ${describeStatus(Number(order.statusCode))}, ${order.itemCount} unit${order.itemCount === 1 ? "" : "s"}, total ${order.total}`);
		out.push(`3. ${ORDER_DAY_NODES.label}:`);
		for (const label of labels) out.push(`   ${json(label).orderId}  ${file(label).fileName} (${file(label).mimeType})`);
		out.push(`4. ${ORDER_DAY_NODES.attach}:`);
		for (const document of attached) out.push(`   ${document.orderId}  ${document.fileName} attached as an invoice`);
		out.push(`5. ${ORDER_DAY_NODES.remove} (Revert Stock: on):`);
		for (const order of deleted) out.push(`   ${order.orderId}  ${order.deleted ? 'deleted' : `refused: ${order.error}`}`);
		out.push(`6. ${ORDER_DAY_NODES.check}:`);
		for (const order of checks) out.push(`   ${order.id}  now ${describeStatus(Number(order.statusCode))}`);
		out.push('');
		out.push(`The Create run again (a workflow run twice): ${postsAgain} order(s) created.`);
		for (const outcome of refusedAgain) out.push(`   ${outcome.externalOrderId ?? ''}  ${outcome.error ?? (outcome.created ? 'created' : '')}`);
		out.push('');
		out.push(`Stock of account ${DEMO_ACCOUNT_ID}: taken by the created orders, given back by Delete's Revert Stock`);
		out.push(`   ${'SKU'.padEnd(16)}${'before'.padStart(8)}${'taken'.padStart(8)}${'after'.padStart(8)}`);
		for (const sku of Object.keys(DEMO_STOCK)) {
			const taken = DEMO_NEW_ORDERS.flatMap((order) => order.lines).filter((line) => line.sku === sku).reduce((sum, line) => sum + line.quantity, 0);
			out.push(`   ${sku.padEnd(16)}${String(stockBefore[sku]).padStart(8)}${String(-taken).padStart(8)}${String(stockAfter[sku]).padStart(8)}`);
		}
		out.push('');
		out.push('For developers: the requests the sandbox received (API key hidden)');
		for (const request of sandbox.requests) out.push(`   ${describeRequest(request)}`);
		out.push('');
		const leaked = [execution, rerun].some((run) => run.rawResponse.includes(apiKey)) || stack.instance.log.includes(apiKey);
		out.push(`API key in n8n's execution data or log: ${leaked ? 'YES (BUG)' : 'no'}`);
		process.stdout.write(`${out.join('\n')}\n\n`);
		setQuiet(false);

		const count = DEMO_NEW_ORDERS.length;
		const allDeleted = checks.length === count && checks.every((order) => Number(order.statusCode) === 70);
		const stockBack = Object.keys(DEMO_STOCK).every((sku) => stockAfter[sku] === stockBefore[sku]);
		const oneEach = created.length === count && labels.length === count && attached.length === count && deleted.every((order) => order.deleted);
		const safeRerun = postsAgain === 0 && refusedAgain.length === count && refusedAgain.every((outcome) => /already exists/.test(String(outcome.error)));
		if (execution.status !== 'success' || !oneEach || !allDeleted || !stockBack || !safeRerun || leaked) {
			throw new Error(`The demo did not go as expected (status ${execution.status}, ${created.length} created, ${checks.length} checked, re-run created ${postsAgain})`);
		}
	} finally {
		info('Stopping n8n and the sandbox');
		await stack?.stop();
		await sandbox.stop();
	}
}

runScript('demo', main, DEMO_TIMEOUT_MS);
