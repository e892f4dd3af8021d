import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeTypeDescription, IWorkflowBase } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT, runNode } from './harness';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from './sandbox/alepheeSandbox';

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');
const examples = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as IWorkflowBase }));

/** n8n offers a usableAsTool node to AI agents under the same type with a `Tool` suffix. */
const isAlephee = (node: INode) => /^n8n-nodes-alephee\.alephee(Tool)?$/.test(node.type);
const isPackageNode = (node: INode) => node.type.startsWith('n8n-nodes-alephee.');
/** The package's node type a workflow node uses (the AI tool variant is the node itself). */
const typeName = (node: INode) => node.type.replace(/^n8n-nodes-alephee\./, '').replace(/Tool$/, '');

describe('example workflows', () => {
	it('cover deleting one order, a CSV list with Revert Stock, an AI agent tool, and a message per new order', () => {
		expect(examples.map(({ file }) => file).sort()).toEqual([
			'ai-agent-deletes-orders.json',
			'delete-one-order.json',
			'delete-orders-from-csv.json',
			'new-order-message.json',
		]);
	});

	it.each(examples)('$file: connections point at nodes that exist', ({ workflow }) => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [source, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(source);
			for (const connections of Object.values(outputs)) {
				for (const connection of connections.flat()) expect(names).toContain(connection!.node);
			}
		}
	});

	it.each(examples)('$file: the package\'s nodes use only parameters they have, and the Alephee credential', async ({ workflow }) => {
		const { nodeTypes } = await loadPackage();
		const packageNodes = workflow.nodes.filter(isPackageNode);
		expect(packageNodes.length).toBeGreaterThan(0);
		for (const node of packageNodes) {
			const description = nodeTypes[typeName(node)].type.description as INodeTypeDescription;
			// n8n adds the tool description to AI tools, and the poll times to polling triggers.
			const known = new Set([...description.properties.map((property) => property.name), 'descriptionType', 'toolDescription', 'pollTimes']);
			for (const name of Object.keys(node.parameters)) expect(known).toContain(name);
			expect(Object.keys(node.credentials ?? {})).toEqual(['alepheeApi']);
		}
	});

	it('the CSV example deletes each listed order with its stock given back, failures on the error output', async () => {
		const { workflow } = examples.find(({ file }) => file === 'delete-orders-from-csv.json')!;
		const { type, typeVersion, parameters, onError } = workflow.nodes.find(isAlephee)!;
		const sandbox = await AlepheeSandbox.start();
		try {
			sandbox.addKey('example-key', [1234]);
			sandbox.setStock(1234, 'MATE-500G', 0);
			sandbox.addOrder({ accountId: 1234, orderId: 11, createdThrough: 'api', lines: [{ sku: 'MATE-500G', quantity: 3 }] });
			sandbox.addOrder({ accountId: 1234, orderId: 12, createdThrough: 'marketplace', lines: [] });

			// Rows as the Extract From File node gives them: text cells.
			const result = await runNode({
				node: { type, typeVersion, parameters, onError, credentials: { alepheeApi: { id: 'c', name: 'Alephee' } } },
				items: [
					{ accountId: '1234', orderId: '11' },
					{ accountId: '1234', orderId: '12' },
				],
				credentials: { c: { apiKey: 'example-key', baseUrl: sandbox.baseUrl } },
			});

			expect(result.main.map((item) => item.json)).toEqual([
				{ deleted: true, orderId: 11, accountId: 1234, revertStock: true },
			]);
			expect(result.errorOutput.map((item) => [item.json.orderId, item.json.error])).toEqual([
				['12', 'Alephee refused to delete order 12'],
			]);
			expect(sandbox.order(1234, 11)?.status).toBe(ORDER_STATUS_DELETED);
			expect(sandbox.stockOf(1234, 'MATE-500G')).toBe(3);
		} finally {
			await sandbox.stop();
		}
	});
});
