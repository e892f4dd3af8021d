/**
 * The Alephee sandbox (sandbox/alepheeSandbox.ts) filled with a small shop, the n8n
 * credential pointing at it, and the demo workflow. The API key is made up per run and is
 * only ever handed to n8n: nothing prints it.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { AlepheeSandbox } from '../../sandbox/alepheeSandbox';
import type { CredentialRef, N8nApi } from './api';
import { alepheeNode, itemsNode, manualTrigger, workflow } from './workflows';

export const DEMO_ACCOUNT_ID = 4100;
export const DEMO_ACCOUNT_NAME = 'Tienda Norte';

export interface DemoOrder {
	orderId: number;
	/** The marketplace's order number: the shop marks its test orders `TEST-…`. */
	externalOrderId: string;
	createdThrough: 'api' | 'marketplace';
	lines: Array<{ sku: string; quantity: number }>;
	note: string;
}

export const DEMO_ORDERS: DemoOrder[] = [
	{
		orderId: 50101,
		externalOrderId: 'TEST-0001',
		createdThrough: 'api',
		lines: [
			{ sku: 'MATE-CALABAZA', quantity: 2 },
			{ sku: 'BOMBILLA-ACERO', quantity: 2 },
		],
		note: 'test order created through the API',
	},
	{
		orderId: 50102,
		externalOrderId: 'TEST-0002',
		createdThrough: 'api',
		lines: [{ sku: 'YERBA-1KG', quantity: 5 }],
		note: 'test order created through the API',
	},
	{
		orderId: 50103,
		externalOrderId: 'TEST-0003',
		createdThrough: 'api',
		lines: [{ sku: 'TERMO-1L', quantity: 1 }],
		note: 'test order created through the API',
	},
	{
		orderId: 50104,
		externalOrderId: 'TEST-0004',
		createdThrough: 'marketplace',
		lines: [{ sku: 'TERMO-1L', quantity: 1 }],
		note: 'marked as a test, but it came from Mercado Libre (native channel): Alephee refuses to delete it',
	},
	{
		orderId: 50105,
		externalOrderId: '2000050105',
		createdThrough: 'marketplace',
		lines: [{ sku: 'YERBA-1KG', quantity: 1 }],
		note: 'a real Mercado Libre order: not a test, so the workflow never touches it',
	},
];

/** The test orders the workflow's Get Many finds: marketplace numbers TEST-0000 to TEST-9999. */
export const DEMO_TEST_ORDER_RANGE = { from: 'TEST-0000', to: 'TEST-9999' };
export const isDemoTestOrder = (order: DemoOrder) =>
	order.externalOrderId >= DEMO_TEST_ORDER_RANGE.from && order.externalOrderId <= DEMO_TEST_ORDER_RANGE.to;

export const DEMO_STOCK: Record<string, number> = {
	'MATE-CALABAZA': 10,
	'BOMBILLA-ACERO': 25,
	'YERBA-1KG': 40,
	'TERMO-1L': 7,
};

export function newApiKey(): string {
	return `sbx_${randomBytes(18).toString('hex')}`;
}

/**
 * The demo shop: the account, its catalog and stock; with `seedOrders` (dev mode) also a few
 * orders to play with. The demo itself seeds none: its workflow creates the orders it works on.
 */
export async function startDemoSandbox(apiKey: string, options: { port?: number; seedOrders?: boolean } = {}): Promise<AlepheeSandbox> {
	const sandbox = await AlepheeSandbox.start({ port: options.port });
	sandbox.addKey(apiKey, [DEMO_ACCOUNT_ID]);
	sandbox.addAccount(DEMO_ACCOUNT_ID, { name: DEMO_ACCOUNT_NAME, businessName: 'Norte Distribuciones SA' });
	if (options.seedOrders ?? true) {
		for (const order of DEMO_ORDERS) {
			const { orderId, externalOrderId, createdThrough, lines } = order;
			sandbox.addOrder({ accountId: DEMO_ACCOUNT_ID, orderId, externalOrderId, createdThrough, lines });
		}
	}
	for (const [sku, available] of Object.entries(DEMO_STOCK)) {
		sandbox.addProduct({ accountId: DEMO_ACCOUNT_ID, sku }, available);
	}
	// The marketplace marks the shipment of a created order ready to print at once.
	sandbox.shipmentOfCreatedOrders = { status: 'ready_to_ship', substatus: 'ready_to_print' };
	return sandbox;
}

export async function createSandboxCredential(api: N8nApi, sandbox: AlepheeSandbox, apiKey: string, name = 'Alephee sandbox'): Promise<CredentialRef> {
	return await api.createCredential(name, 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl });
}

export const DEMO_FIND_NODE = 'Find the test orders';
export const DEMO_ALEPHEE_NODE = 'Delete them, giving stock back';
export const DEMO_CHECK_NODE = 'Check each order';

/** The test orders the demo creates: one per item, each line taking stock. */
export const DEMO_NEW_ORDERS = [
	{ externalOrderId: 'TEST-1001', lines: [{ sku: 'MATE-CALABAZA', quantity: 2 }, { sku: 'BOMBILLA-ACERO', quantity: 2 }] },
	{ externalOrderId: 'TEST-1002', lines: [{ sku: 'YERBA-1KG', quantity: 5 }] },
	{ externalOrderId: 'TEST-1003', lines: [{ sku: 'TERMO-1L', quantity: 1 }] },
];

/** The smallest PDF a viewer opens, as an invoice stand-in. */
export const INVOICE_PDF_BASE64 = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

export const ORDER_DAY_NODES = {
	orders: 'Orders to create',
	create: 'Create each order',
	read: 'Read it back',
	label: 'Download the label',
	invoiceData: 'Invoice data',
	invoiceFile: 'Invoice file',
	attach: 'Attach the invoice',
	remove: 'Delete it, stock back',
	check: 'Check each order',
} as const;

/**
 * An operations team's order day, as a user builds it, one order per item: Create (Items from the
 * input, Buyer/Payments/Shipping as JSON) → Get → Download Shipping Label (PDF) → an invoice file
 * (n8n's Edit Fields and Convert to File) → Attach Document (Invoice) → Delete with Revert Stock →
 * Get, which shows 70 (Deleted). Every later node refers to the created order's ID.
 */
export function orderDayWorkflow(
	credential: CredentialRef,
	accountId: number,
	orders: Array<{ externalOrderId: string; lines: Array<{ sku: string; quantity: number }> }>,
	name = 'Alephee: the order day, from Create to Delete',
): Record<string, unknown> {
	const account = { __rl: true, mode: 'id', value: String(accountId) };
	const created = `$('${ORDER_DAY_NODES.create}').item.json.orderId`;
	const node = (nodeName: string, parameters: Record<string, unknown>) => alepheeNode({ name: nodeName, credential, parameters });
	return workflow(name, [
		manualTrigger(),
		itemsNode(
			ORDER_DAY_NODES.orders,
			orders.map((order) => ({
				externalOrderId: order.externalOrderId,
				items: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: 1500, stockMovement: true, status: 10 })),
			})),
		),
		node(ORDER_DAY_NODES.create, {
			resource: 'order',
			operation: 'create',
			accountId: account,
			marketplaceId: 1,
			externalOrderId: '={{ $json.externalOrderId }}',
			itemsFrom: 'json',
			itemsJson: '={{ $json.items }}',
			buyer: '{"Name": "Test buyer"}',
			payments: '[{"Total": 3000}]',
			shipping: '{"Method": "me2"}',
		}),
		node(ORDER_DAY_NODES.read, { resource: 'order', operation: 'get', accountId: account, orderId: '={{ $json.orderId }}' }),
		node(ORDER_DAY_NODES.label, { resource: 'order', operation: 'downloadShippingLabel', accountId: account, orderId: `={{ ${created} }}`, format: 'PDF' }),
		{
			id: randomUUID(),
			name: ORDER_DAY_NODES.invoiceData,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [0, 0],
			parameters: {
				mode: 'manual',
				assignments: { assignments: [{ id: randomUUID(), name: 'invoice', value: INVOICE_PDF_BASE64, type: 'string' }] },
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: ORDER_DAY_NODES.invoiceFile,
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { operation: 'toBinary', sourceProperty: 'invoice', binaryPropertyName: 'data', options: { fileName: `=invoice-{{ ${created} }}.pdf`, mimeType: 'application/pdf' } },
		},
		node(ORDER_DAY_NODES.attach, { resource: 'order', operation: 'attachDocument', accountId: account, orderId: `={{ ${created} }}`, documentType: 0 }),
		node(ORDER_DAY_NODES.remove, { resource: 'order', operation: 'delete', accountId: account, orderId: `={{ ${created} }}`, revertStock: true }),
		node(ORDER_DAY_NODES.check, { resource: 'order', operation: 'get', accountId: account, orderId: `={{ ${created} }}` }),
	]);
}

/**
 * The mission's flow, as a user builds it: Get Many finds the shop's test orders (picked account,
 * marketplace numbers TEST-…), Delete removes each with Revert Stock on (Continue On Fail, so a
 * refused order does not stop the others), Get reads each order back to show its status.
 */
export function demoWorkflow(credential: CredentialRef): Record<string, unknown> {
	const account = { __rl: true, mode: 'list', value: String(DEMO_ACCOUNT_ID), cachedResultName: DEMO_ACCOUNT_NAME };
	return workflow('Alephee sandbox: find and delete the test orders', [
		manualTrigger(),
		alepheeNode({
			name: DEMO_FIND_NODE,
			credential,
			parameters: {
				resource: 'order',
				operation: 'getAll',
				accountId: account,
				returnAll: true,
				filters: { externalOrderIdFrom: DEMO_TEST_ORDER_RANGE.from, externalOrderIdTo: DEMO_TEST_ORDER_RANGE.to },
			},
		}),
		alepheeNode({
			name: DEMO_ALEPHEE_NODE,
			credential,
			parameters: { resource: 'order', operation: 'delete', accountId: account, orderId: '={{ $json.id }}', revertStock: true },
			onError: 'continueRegularOutput',
		}),
		alepheeNode({
			name: DEMO_CHECK_NODE,
			credential,
			parameters: { resource: 'order', operation: 'get', accountId: account, orderId: '={{ $json.orderId }}' },
		}),
	]);
}
