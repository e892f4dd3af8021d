import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeTypeDescription, IWorkflowBase } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT, runNode, runPoll } from '../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED, ORDER_STATUS_PENDING_SHIPPING } from '../sandbox/alepheeSandbox';

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');
const examples = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as IWorkflowBase }));

/** n8n offers a usableAsTool node to AI agents under the same type with a `Tool` suffix. */
const isAlephee = (node: INode) => /^n8n-nodes-alephee\.alephee(Tool)?$/.test(node.type);
const isPackageNode = (node: INode) => node.type.startsWith('n8n-nodes-alephee.');
/** The package's node type a workflow node uses (the AI tool variant is the node itself). */
const typeName = (node: INode) => node.type.replace(/^n8n-nodes-alephee\./, '').replace(/Tool$/, '');

const exampleWorkflow = (file: string) => examples.find((example) => example.file === file)!.workflow;

/** Runs one node of an example, exactly as saved there, on `items`, against the sandbox with the example's credential. */
async function runExampleNode(workflow: IWorkflowBase, name: string, sandbox: AlepheeSandbox, items: object[] = [{}]) {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`The example has no node named ${name}`);
	const { type, typeVersion, parameters, onError } = node;
	return await runNode({
		node: { type, typeVersion, parameters, onError, credentials: { alepheeApi: { id: 'c', name: 'Alephee' } } },
		items,
		credentials: { c: { apiKey: 'example-key', baseUrl: sandbox.baseUrl } },
	});
}

/** A sandbox with the examples' key on account 1234, stopped after `use`. */
async function withSandbox(use: (sandbox: AlepheeSandbox) => Promise<void>) {
	const sandbox = await AlepheeSandbox.start();
	try {
		sandbox.addKey('example-key', [1234]);
		await use(sandbox);
	} finally {
		await sandbox.stop();
	}
}

/** The node that the `output`th connection of `from` leads to. */
const nextNode = (workflow: IWorkflowBase, from: string, output = 0) => workflow.connections[from].main[output]![0].node;

describe('example workflows', () => {
	it('cover deleting one order, a CSV list with Revert Stock, an AI agent tool, a message per new order, finding and deleting test orders, and a stock sync from a CSV', () => {
		expect(examples.map(({ file }) => file).sort()).toEqual([
			'ai-agent-deletes-orders.json',
			'create-then-delete-test-order.json',
			'delete-one-order.json',
			'delete-orders-from-csv.json',
			'find-and-delete-test-orders.json',
			'label-by-marketplace-order-number.json',
			'new-order-message.json',
			'print-labels-for-ready-orders.json',
			'sync-stock-from-csv.json',
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
			// The node declares its own tool Description (toolDescription); n8n adds the poll times to polling triggers.
			const known = new Set([...description.properties.map((property) => property.name), 'pollTimes']);
			for (const name of Object.keys(node.parameters)) expect(known).toContain(name);
			expect(Object.keys(node.credentials ?? {})).toEqual(['alepheeApi']);
		}
	});

	it('the CSV example deletes each listed order with its stock given back, failures on the error output', async () => {
		const workflow = exampleWorkflow('delete-orders-from-csv.json');
		await withSandbox(async (sandbox) => {
		sandbox.setStock(1234, 'MATE-500G', 0);
		sandbox.addOrder({ accountId: 1234, orderId: 11, createdThrough: 'api', lines: [{ sku: 'MATE-500G', quantity: 3 }] });
		sandbox.addOrder({ accountId: 1234, orderId: 12, createdThrough: 'marketplace', lines: [] });

		// Rows as the Extract From File node gives them: text cells.
		const result = await runExampleNode(workflow, workflow.nodes.find(isAlephee)!.name, sandbox, [
			{ accountId: '1234', orderId: '11' },
			{ accountId: '1234', orderId: '12' },
		]);

		expect(result.main.map((item) => item.json)).toEqual([
			{ deleted: true, orderId: 11, accountId: 1234, revertStock: true },
		]);
		expect(result.errorOutput.map((item) => [item.json.orderId, item.json.error])).toEqual([
			['12', 'Alephee refused to delete order 12'],
		]);
		expect(sandbox.order(1234, 11)?.status).toBe(ORDER_STATUS_DELETED);
		expect(sandbox.stockOf(1234, 'MATE-500G')).toBe(3);
		});
	});

	it('create then delete a test order: created with stock taken, read back, deleted with the stock back', async () => {
		const workflow = exampleWorkflow('create-then-delete-test-order.json');
		await withSandbox(async (sandbox) => {
			sandbox.addProduct({ accountId: 1234, sku: 'MATE-500G' }, 10);
			const created = await runExampleNode(workflow, 'Create test order', sandbox);
			expect(created.error).toBeUndefined();
			expect(created.main[0].json).toMatchObject({ created: true, stockMoved: true });
			expect(sandbox.stockOf(1234, 'MATE-500G')).toBe(8);
			const orderId = created.main[0].json.orderId as number;

			const readBack = await runExampleNode(workflow, nextNode(workflow, 'Create test order'), sandbox, created.main.map((item) => item.json));
			expect(readBack.main[0].json).toMatchObject({ id: orderId, statusCode: ORDER_STATUS_PENDING_SHIPPING });

			const deleted = await runExampleNode(workflow, nextNode(workflow, 'Read it back'), sandbox, readBack.main.map((item) => item.json));
			expect(deleted.main[0].json).toMatchObject({ deleted: true, orderId, revertStock: true });
			expect(sandbox.order(1234, orderId)?.status).toBe(ORDER_STATUS_DELETED);
			expect(sandbox.stockOf(1234, 'MATE-500G')).toBe(10);
		});
	});

	it('labels of the orders ready to ship: a PDF per ready order, the others on the error output saying the label is not ready', async () => {
		const workflow = exampleWorkflow('print-labels-for-ready-orders.json');
		await withSandbox(async (sandbox) => {
			const now = new Date();
			for (const orderId of [301, 302]) {
				sandbox.addOrder({ accountId: 1234, orderId, createdThrough: 'marketplace', lines: [{ sku: 'MATE-500G', quantity: 1 }], statusDate: now });
			}
			sandbox.setShipment(1234, 301, { status: 'ready_to_ship', substatus: 'ready_to_print' });

			const pending = await runExampleNode(workflow, 'Orders pending shipment', sandbox);
			expect(pending.main.map((item) => item.json.id)).toEqual([301, 302]);

			const labels = await runExampleNode(workflow, 'Download the label', sandbox, pending.main.map((item) => item.json));
			expect(labels.main.map((item) => [item.json.orderId, item.binary?.data?.mimeType])).toEqual([[301, 'application/pdf']]);
			expect(labels.errorOutput).toHaveLength(1);
			expect(labels.errorOutput[0].json.error).toMatch(/label of order 302 is not available/);
			expect(nextNode(workflow, 'Download the label', 1)).toBe('Not ready yet (the next run tries again)');
		});
	});

	it('find and delete test orders: finds the pending orders in the test range, deletes them with their stock back, refusals on the error output, and shows them as 70', async () => {
		const workflow = exampleWorkflow('find-and-delete-test-orders.json');
		await withSandbox(async (sandbox) => {
		sandbox.setStock(1234, 'MATE-500G', 10);
		const testOrder = (orderId: number, externalOrderId: string, extra: object = {}) =>
			sandbox.addOrder({ accountId: 1234, orderId, externalOrderId, createdThrough: 'api', lines: [{ sku: 'MATE-500G', quantity: orderId - 100 }], ...extra });
		testOrder(101, '9000000001');
		testOrder(102, '9000000002');
		// Deleted by an earlier run: in no status group, so not found again.
		testOrder(103, '9000000003', { status: ORDER_STATUS_DELETED });
		// A marketplace order whose number falls in the range: Alephee refuses to delete it.
		testOrder(104, '9000000004', { createdThrough: 'marketplace' });
		// A real order, outside the range.
		testOrder(105, '2000000105');

		const found = await runExampleNode(workflow, 'Find the test orders', sandbox);
		expect(found.error).toBeUndefined();
		expect(found.main.map((item) => [item.json.id, item.json.marketplaceOrderNumber])).toEqual([
			[101, '9000000001'],
			[102, '9000000002'],
			[104, '9000000004'],
		]);

		const deleteNode = nextNode(workflow, 'Find the test orders');
		const deleted = await runExampleNode(workflow, deleteNode, sandbox, found.main.map((item) => item.json));
		expect(deleted.main.map((item) => item.json)).toEqual([
			{ deleted: true, orderId: 101, accountId: 1234, revertStock: true },
			{ deleted: true, orderId: 102, accountId: 1234, revertStock: true },
		]);
		expect(deleted.errorOutput.map((item) => [item.json.id, item.json.error])).toEqual([[104, 'Alephee refused to delete order 104']]);
		// 1 + 2 units back; the refused and the out-of-range orders keep theirs.
		expect(sandbox.stockOf(1234, 'MATE-500G')).toBe(13);
		expect(sandbox.order(1234, 104)?.status).toBe(ORDER_STATUS_PENDING_SHIPPING);
		expect(sandbox.order(1234, 105)?.status).toBe(ORDER_STATUS_PENDING_SHIPPING);

		const checkNode = nextNode(workflow, deleteNode, 0);
		expect(nextNode(workflow, deleteNode, 1)).toBe('Not deleted (see error and message)');
		const checked = await runExampleNode(workflow, checkNode, sandbox, deleted.main.map((item) => item.json));
		expect(checked.main.map((item) => [item.json.id, item.json.statusCode, item.json.status])).toEqual([
			[101, ORDER_STATUS_DELETED, 'Deleted'],
			[102, ORDER_STATUS_DELETED, 'Deleted'],
		]);
		});
	});

	it('sync stock from a CSV: every row in one call, stock and price changed, an empty cell left as it was, an unknown SKU on the error output', async () => {
		const workflow = exampleWorkflow('sync-stock-from-csv.json');
		await withSandbox(async (sandbox) => {
		sandbox.addProduct({ accountId: 1234, sku: 'MATE-500G', prices: { 1: { Price: 1000 } } }, 4);
		sandbox.addProduct({ accountId: 1234, sku: 'YERBA-1KG', prices: { 1: { Price: 2000 } } }, 9);
		const updateNode = nextNode(workflow, 'Extract rows');

		// Rows as the Extract From File node gives them: text cells.
		const result = await runExampleNode(workflow, updateNode, sandbox, [
			{ sku: 'MATE-500G', stock: '12', price: '1500.5' },
			{ sku: 'YERBA-1KG', stock: '0', price: '' },
			{ sku: 'NO-SUCH-SKU', stock: '3', price: '100' },
		]);

		expect(sandbox.requestsTo('POST /v2/products')).toHaveLength(1);
		expect(result.main.map((item) => [item.pairedItem, item.json.updated, item.json.sku, item.json.sent])).toEqual([
			[{ item: 0 }, true, 'MATE-500G', { SKU: 'MATE-500G', Stock: { Quantity: 12 }, Price: { Price: 1500.5 } }],
			[{ item: 1 }, true, 'YERBA-1KG', { SKU: 'YERBA-1KG', Stock: { Quantity: 0 } }],
		]);
		expect(result.errorOutput.map((item) => [item.pairedItem, item.json.sku, item.json.error, item.json.message])).toEqual([
			[{ item: 2 }, 'NO-SUCH-SKU', 'Alephee did not update product NO-SUCH-SKU', 'Alephee says: "No existe un producto con SKU NO-SUCH-SKU."'],
		]);
		expect(nextNode(workflow, updateNode, 1)).toBe('Not updated (see error and message)');
		expect([sandbox.stockOf(1234, 'MATE-500G'), sandbox.product(1234, 'MATE-500G')?.prices.get(1)?.Price]).toEqual([12, 1500.5]);
		expect([sandbox.stockOf(1234, 'YERBA-1KG'), sandbox.product(1234, 'YERBA-1KG')?.prices.get(1)?.Price]).toEqual([0, 2000]);
		});
	});
});

describe('the new-order message example', () => {
	it('its trigger, as saved, emits each new order with every field the message uses', async () => {
		const { workflow } = examples.find(({ file }) => file === 'new-order-message.json')!;
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-alephee.alepheeTrigger')!;
		const message = JSON.stringify(workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set')!.parameters);
		const used = [...message.matchAll(/\$json\.(\w+)/g)].map((match) => match[1]);
		expect(used.length).toBeGreaterThan(3);

		const sandbox = await AlepheeSandbox.start();
		try {
			sandbox.addKey('example-key', [1234]);
			const credentials = { apiKey: 'example-key', baseUrl: sandbox.baseUrl };
			const first = await runPoll({ credentials, parameters: trigger.parameters as Record<string, unknown> });
			expect(first.items).toBeNull();
			sandbox.addOrder({ accountId: 1234, orderId: 77, createdThrough: 'marketplace', lines: [{ sku: 'MATE', quantity: 2, unitPrice: 1500 }], buyerName: 'Ana' });
			const second = await runPoll({ credentials, parameters: trigger.parameters as Record<string, unknown>, staticData: first.staticData });

			expect(second.items).toHaveLength(1);
			const order = second.items![0].json;
			for (const field of used) expect({ field, value: order[field] }).toEqual({ field, value: expect.anything() });
			expect(order).toMatchObject({ id: 77, itemCount: 2, total: 3000, buyerName: 'Ana', marketplace: 'Mercado Libre' });
		} finally {
			await sandbox.stop();
		}
	});

	it('the label by marketplace order number: the Order picker resolves the number, then the label is downloaded as a PDF', async () => {
		await withSandbox(async (sandbox) => {
			sandbox.addOrder({ accountId: 1234, orderId: 987001, externalOrderId: '2000001234567890', createdThrough: 'marketplace', lines: [] });
			sandbox.setShipment(1234, 987001, { status: 'ready_to_ship', substatus: 'ready_to_print' });
			const result = await runExampleNode(exampleWorkflow('label-by-marketplace-order-number.json'), 'Label of the order', sandbox);
			expect(result.error).toBeUndefined();
			expect(result.main.map((item) => [item.json.orderId, item.binary?.data?.mimeType])).toEqual([[987001, 'application/pdf']]);
			expect(sandbox.requestsTo('GET /v2/orders/{orderId}/shippinglabel').map((request) => request.path)).toEqual(['/v2/orders/987001/shippinglabel']);
		});
	});
});
