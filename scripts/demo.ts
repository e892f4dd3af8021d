/**
 * `npm run demo`: the package working in a real n8n, against the Alephee sandbox.
 *
 * Builds and packs the package, installs it into a fresh n8n (cached install, see
 * scripts/n8n/), starts the sandbox with a few orders, creates the Alephee credential in
 * n8n, runs a workflow that deletes four orders (one giving its units back to stock, one
 * that Alephee refuses because it came from Mercado Libre, with Continue On Fail so the run
 * completes), prints what happened, then stops everything.
 *
 * N8N_VERSION picks the n8n release (default: newest 2.x that installs; `1.x` for the last 1.x).
 */
import { outputItems } from './n8n/api';
import { runScript } from './n8n/exec';
import { info, setQuiet } from './n8n/log';
import { describeRequest, outcomeOf } from './n8n/report';
import {
	createSandboxCredential,
	DEMO_ACCOUNT_ID,
	DEMO_ALEPHEE_NODE,
	DEMO_ORDERS,
	DEMO_STOCK,
	demoWorkflow,
	newApiKey,
	startDemoSandbox,
} from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';
import { MANUAL_TRIGGER } from './n8n/workflows';

const DEMO_TIMEOUT_MS = 45 * 60_000; // the first run installs n8n

function stockTable(stockOf: (sku: string) => number): Record<string, number> {
	return Object.fromEntries(Object.keys(DEMO_STOCK).map((sku) => [sku, stockOf(sku)]));
}

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

		setQuiet(true);
		const out: string[] = [];
		out.push('');
		out.push(`=== Alephee node in n8n ${install.version} (Node.js ${install.node.version}) ===`);
		out.push(`Execution ${execution.id}: ${execution.status}`);
		out.push('');
		out.push('Per order:');
		const items = outputItems(execution, DEMO_ALEPHEE_NODE);
		DEMO_ORDERS.forEach((order, index) => {
			const item = items.find((candidate) => {
				const paired = candidate.pairedItem as { item?: number } | undefined;
				return paired?.item === index;
			});
			const outcome = item ? outcomeOf(item) : undefined;
			const status = sandbox.order(DEMO_ACCOUNT_ID, order.orderId)?.status;
			const asked = `revertStock=${order.revertStock}`;
			if (!outcome) out.push(`  ${order.orderId} (${order.note}): NO OUTPUT ITEM`);
			else if (outcome.deleted)
				out.push(`  ${order.orderId} deleted (${asked}; Alephee status now ${status}) - ${order.note}`);
			else
				out.push(
					`  ${order.orderId} NOT deleted (${asked}; status still ${status}) - ${order.note}\n` +
						`      error: ${outcome.error}\n      ${outcome.message}`,
				);
		});
		out.push('');
		out.push(`Stock of account ${DEMO_ACCOUNT_ID}:`);
		out.push(`  ${'SKU'.padEnd(16)}${'before'.padStart(8)}${'after'.padStart(8)}`);
		for (const sku of Object.keys(DEMO_STOCK)) {
			const change = stockAfter[sku] - stockBefore[sku];
			out.push(`  ${sku.padEnd(16)}${String(stockBefore[sku]).padStart(8)}${String(stockAfter[sku]).padStart(8)}${change ? `  (+${change})` : ''}`);
		}
		out.push('');
		out.push('Requests the sandbox received (API key hidden):');
		for (const request of sandbox.requests) out.push(`  ${describeRequest(request)}`);
		out.push('');
		const leaked = execution.rawResponse.includes(apiKey) || stack.instance.log.includes(apiKey);
		out.push(`API key in n8n's execution data or log: ${leaked ? 'YES (BUG)' : 'no'}`);
		process.stdout.write(`${out.join('\n')}\n\n`);
		setQuiet(false);

		const deleted = items.map(outcomeOf).filter((outcome) => outcome.deleted).length;
		const expectedDeleted = DEMO_ORDERS.filter((order) => order.createdThrough === 'api').length;
		if (execution.status !== 'success' || items.length !== DEMO_ORDERS.length || deleted !== expectedDeleted || leaked) {
			throw new Error(`The demo did not go as expected (status ${execution.status}, ${items.length} items, ${deleted} deleted)`);
		}
	} finally {
		info('Stopping n8n and the sandbox');
		await stack?.stop();
		await sandbox.stop();
	}
}

runScript('demo', main, DEMO_TIMEOUT_MS);
