/**
 * `npm run demo`: the package working in a real n8n, against the Alephee sandbox.
 *
 * Builds and packs the package, installs it into a fresh n8n (cached install, see
 * scripts/n8n/), starts the sandbox with a small shop, creates the Alephee credential in n8n and
 * runs the mission's workflow: find the shop's test orders (Get Many), delete them giving their
 * units back to stock (Delete, Revert Stock on, Continue On Fail), and read each one back (Get).
 * One of the test orders came from Mercado Libre, so Alephee refuses to delete it. Prints what
 * happened to each order and to the stock, then stops everything.
 *
 * N8N_VERSION picks the n8n release (default: newest 2.x that installs; `1.x` for the last 1.x).
 */
import { describeStatus } from '../nodes/Alephee/shared/order';
import { outputItems, type NodeItem } from './n8n/api';
import { runScript } from './n8n/exec';
import { info, setQuiet } from './n8n/log';
import { describeRequest, outcomeOf } from './n8n/report';
import {
	createSandboxCredential,
	DEMO_ACCOUNT_ID,
	DEMO_ACCOUNT_NAME,
	DEMO_ALEPHEE_NODE,
	DEMO_CHECK_NODE,
	DEMO_FIND_NODE,
	DEMO_ORDERS,
	DEMO_STOCK,
	demoWorkflow,
	isDemoTestOrder,
	newApiKey,
	startDemoSandbox,
} from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';
import { MANUAL_TRIGGER } from './n8n/workflows';

const DEMO_TIMEOUT_MS = 45 * 60_000; // the first run installs n8n

function stockTable(stockOf: (sku: string) => number): Record<string, number> {
	return Object.fromEntries(Object.keys(DEMO_STOCK).map((sku) => [sku, stockOf(sku)]));
}

const lines = (order: (typeof DEMO_ORDERS)[number]) => order.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ');
const json = (item: NodeItem | undefined) => (item?.json ?? {}) as Record<string, unknown>;

async function main(): Promise<void> {
	const apiKey = newApiKey();
	const sandbox = await startDemoSandbox(apiKey);
	let stack: N8nStack | undefined;
	try {
		info(`Alephee sandbox on ${sandbox.baseUrl}: account ${DEMO_ACCOUNT_ID}, ${DEMO_ORDERS.length} orders`);
		stack = await startN8nWithPackage({ logLevel: 'info' });
		const { api, install } = stack;
		const credential = await createSandboxCredential(api, sandbox, apiKey);
		const test = await api.testCredential(credential, { apiKey, baseUrl: sandbox.baseUrl });
		info(`Credential "${credential.name}" created in n8n; its test says: ${test.status} (${test.message})`);
		const saved = await api.createWorkflow(demoWorkflow(credential));
		const stockBefore = stockTable((sku) => sandbox.stockOf(DEMO_ACCOUNT_ID, sku));
		info(`Running workflow ${saved.id} in n8n ${install.version}…`);
		const execution = await api.runAndWait(saved.id, MANUAL_TRIGGER);
		const stockAfter = stockTable((sku) => sandbox.stockOf(DEMO_ACCOUNT_ID, sku));

		const found = outputItems(execution, DEMO_FIND_NODE).map(json);
		const deletes = outputItems(execution, DEMO_ALEPHEE_NODE).map(outcomeOf);
		const checks = outputItems(execution, DEMO_CHECK_NODE).map(json);
		const deleted = deletes.filter((outcome) => outcome.deleted);
		const refused = deletes.filter((outcome) => !outcome.deleted);

		setQuiet(true);
		const out: string[] = [''];
		out.push(`=== Alephee in n8n ${install.version} (Node.js ${install.node.version}) ===`);
		out.push(`Workflow: ${DEMO_FIND_NODE} → ${DEMO_ALEPHEE_NODE} → ${DEMO_CHECK_NODE}`);
		out.push(
			`Execution ${execution.id}: ${execution.status === 'success' ? 'finished' : execution.status}. ` +
				`${deleted.length} deleted, ${refused.length} refused${refused.length ? ' (Continue On Fail is on, so the others went on)' : ''}.`,
		);
		out.push('');
		out.push(`1. ${DEMO_FIND_NODE}: ${found.length} orders of account ${DEMO_ACCOUNT_ID} (${DEMO_ACCOUNT_NAME}) numbered TEST-…`);
		for (const order of found) {
			const demo = DEMO_ORDERS.find((candidate) => candidate.orderId === order.id);
			out.push(`   ${order.id}  ${String(order.marketplaceOrderNumber).padEnd(10)}  ${describeStatus(Number(order.statusCode)).padEnd(20)}  ${demo ? lines(demo) : ''}`);
		}
		out.push('');
		out.push(`2. ${DEMO_ALEPHEE_NODE} (Revert Stock: on):`);
		for (const outcome of deletes) {
			if (outcome.deleted) out.push(`   ${outcome.orderId}  deleted (Revert Stock: ${outcome.revertStock ? 'on' : 'off'})`);
			else out.push(`   ${outcome.orderId}  refused: ${outcome.error}\n          ${outcome.message}`);
		}
		out.push('');
		out.push(`3. ${DEMO_CHECK_NODE}:`);
		for (const order of checks) out.push(`   ${order.id}  now ${describeStatus(Number(order.statusCode))}`);
		for (const order of DEMO_ORDERS.filter((candidate) => !isDemoTestOrder(candidate))) {
			const status = sandbox.order(DEMO_ACCOUNT_ID, order.orderId)?.status ?? 0;
			out.push(`   ${order.orderId}  (${order.externalOrderId}, ${order.note}) still ${describeStatus(status)}`);
		}
		out.push('');
		out.push(`Stock of account ${DEMO_ACCOUNT_ID}, with the orders that gave units back:`);
		out.push(`   ${'SKU'.padEnd(16)}${'before'.padStart(8)}${'after'.padStart(8)}`);
		for (const sku of Object.keys(DEMO_STOCK)) {
			const change = stockAfter[sku] - stockBefore[sku];
			const from = DEMO_ORDERS.filter((order) => deleted.some((outcome) => outcome.orderId === order.orderId) && order.lines.some((line) => line.sku === sku));
			const traced = change ? `  (+${change}: ${from.map((order) => `order ${order.orderId}`).join(', ')})` : '';
			out.push(`   ${sku.padEnd(16)}${String(stockBefore[sku]).padStart(8)}${String(stockAfter[sku]).padStart(8)}${traced}`);
		}
		out.push('');
		out.push('For developers: the requests the sandbox received (API key hidden)');
		for (const request of sandbox.requests) out.push(`   ${describeRequest(request)}`);
		out.push('');
		const leaked = execution.rawResponse.includes(apiKey) || stack.instance.log.includes(apiKey);
		out.push(`API key in n8n's execution data or log: ${leaked ? 'YES (BUG)' : 'no'}`);
		process.stdout.write(`${out.join('\n')}\n\n`);
		setQuiet(false);

		const testOrders = DEMO_ORDERS.filter(isDemoTestOrder);
		const expectedDeleted = testOrders.filter((order) => order.createdThrough === 'api').length;
		const allChecked = checks.length === testOrders.length;
		if (execution.status !== 'success' || found.length !== testOrders.length || deleted.length !== expectedDeleted || !allChecked || leaked) {
			throw new Error(
				`The demo did not go as expected (status ${execution.status}, ${found.length} found, ${deleted.length} deleted, ${checks.length} checked)`,
			);
		}
	} finally {
		info('Stopping n8n and the sandbox');
		await stack?.stop();
		await sandbox.stop();
	}
}

runScript('demo', main, DEMO_TIMEOUT_MS);
