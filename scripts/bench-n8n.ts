/**
 * `npm run bench:n8n`: the per-item overhead with the limit off, measured inside a real n8n
 * (N8N_VERSION, default the tested 2.x) rather than the in-process engine of `npm run bench`.
 * There, n8n also reads each credential from its database and keeps the execution data.
 *
 * The same workflow shape, `Manual trigger → Code (N orders) → node`, runs with the Alephee
 * node and with the HTTP Request node set up for the same call, alternately; each run's time
 * is the node's own `executionTime` as n8n records it.
 *
 *   BENCH_ORDERS=1000 BENCH_REPEATS=5 N8N_VERSION=2.x npm run bench:n8n
 */
import { randomUUID } from 'node:crypto';

import type { CredentialRef } from './n8n/api';
import { newApiKey } from './n8n/sandboxSetup';
import { startN8nWithPackage, type N8nStack } from './n8n/stack';
import {
	alepheeDelete,
	httpRequestDeleteParameters,
	itemsNode,
	MANUAL_TRIGGER,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './n8n/workflows';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../sandbox/alepheeSandbox';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const ACCOUNT = 5100;
const NODE_UNDER_TEST = 'Delete orders';

interface Contender {
	label: string;
	node(credentials: { alephee: CredentialRef; query: CredentialRef }, sandbox: AlepheeSandbox): WorkflowNode;
}

const alepheeNode: Contender = {
	label: 'Alephee node (this package)',
	node: ({ alephee }) => ({
		...alepheeDelete({ name: NODE_UNDER_TEST, credential: alephee, accountId: String(ACCOUNT), orderId: '={{ $json.id }}' }),
		onError: 'continueRegularOutput',
	}),
};

/** The HTTP Request node as a user would set it up for this call: key as query auth. */
const httpRequestNode: Contender = {
	label: 'HTTP Request node, defaults',
	node: ({ query }, sandbox) => ({
		id: randomUUID(),
		name: NODE_UNDER_TEST,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [440, 0],
		parameters: httpRequestDeleteParameters({
			url: `${sandbox.baseUrl}/orders`,
			accountId: String(ACCOUNT),
			orderId: '={{ $json.id }}',
			revertStock: 'false',
		}),
		credentials: { httpQueryAuth: { id: query.id, name: query.name } },
		onError: 'continueRegularOutput',
	}),
};

let nextOrderId = 1;

async function measure(stack: N8nStack, sandbox: AlepheeSandbox, workflowId: string, ids: number[]) {
	for (const id of ids) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId: id, createdThrough: 'api', lines: [{ sku: 'SKU', quantity: 1 }] });
	}
	const execution = await stack.api.runAndWait(workflowId, MANUAL_TRIGGER, 600_000);
	const run = execution.runData[NODE_UNDER_TEST]?.[0];
	const deleted = ids.filter((id) => sandbox.order(ACCOUNT, id)?.status === ORDER_STATUS_DELETED).length;
	if (execution.status !== 'success' || deleted !== ids.length) {
		throw new Error(`${execution.status}: ${deleted} of ${ids.length} orders deleted`);
	}
	return Number(run?.executionTime) / 1000;
}

async function main() {
	const apiKey = newApiKey();
	const sandbox = await AlepheeSandbox.start();
	sandbox.addKey(apiKey, [ACCOUNT]);
	const stack = await startN8nWithPackage({ logLevel: 'warn' });
	try {
		const credentials = {
			alephee: await stack.api.createCredential('Alephee sandbox', 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl }),
			query: await stack.api.createCredential('Alephee key as query auth', 'httpQueryAuth', { name: 'API_KEY', value: apiKey }),
		};
		const contenders = [alepheeNode, httpRequestNode];
		const times = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
		console.log(`Per-item overhead with the limit off, in n8n ${stack.install.version}: ${ORDERS} orders, median of ${REPEATS} runs`);
		// Each round is a new workflow with new order IDs, saved once per contender.
		for (let round = 0; round <= REPEATS; round++) {
			for (const contender of contenders) {
				const ids = Array.from({ length: ORDERS }, () => nextOrderId++);
				const saved = await stack.api.createWorkflow(
					workflow(`bench ${contender.label} ${round}`, [
						manualTrigger(),
						itemsNode('Orders', ids.map((id) => ({ id }))),
						contender.node(credentials, sandbox),
					]),
				);
				const seconds = await measure(stack, sandbox, saved.id, ids);
				// Round 0 warms n8n up (first loads of each node type); it is not counted.
				if (round > 0) times.get(contender)!.push(seconds);
			}
		}
		const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
		const theirs = median(times.get(httpRequestNode)!);
		console.log('| contender | median s | ms per item | items per s | throughput ÷ HTTP Request |');
		console.log('|---|---|---|---|---|');
		for (const contender of contenders) {
			const seconds = median(times.get(contender)!);
			console.log(
				`| ${contender.label} | ${seconds.toFixed(3)} | ${((1000 * seconds) / ORDERS).toFixed(2)} | ${(ORDERS / seconds).toFixed(0)} | ${(theirs / seconds).toFixed(2)} |`,
			);
		}
	} finally {
		await stack.stop();
		await sandbox.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
