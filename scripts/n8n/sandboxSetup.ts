/**
 * The Alephee sandbox (sandbox/alepheeSandbox.ts) filled with a small shop, the n8n
 * credential pointing at it, and the demo workflow. The API key is made up per run and is
 * only ever handed to n8n: nothing prints it.
 */
import { randomBytes } from 'node:crypto';

import { AlepheeSandbox } from '../../sandbox/alepheeSandbox';
import type { CredentialRef, N8nApi } from './api';
import { alepheeNode, manualTrigger, workflow } from './workflows';

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

export async function startDemoSandbox(apiKey: string, options: { port?: number } = {}): Promise<AlepheeSandbox> {
	const sandbox = await AlepheeSandbox.start({ port: options.port });
	sandbox.addKey(apiKey, [DEMO_ACCOUNT_ID]);
	sandbox.addAccount(DEMO_ACCOUNT_ID, { name: DEMO_ACCOUNT_NAME, businessName: 'Norte Distribuciones SA' });
	for (const order of DEMO_ORDERS) {
		const { orderId, externalOrderId, createdThrough, lines } = order;
		sandbox.addOrder({ accountId: DEMO_ACCOUNT_ID, orderId, externalOrderId, createdThrough, lines });
	}
	for (const [sku, available] of Object.entries(DEMO_STOCK)) sandbox.setStock(DEMO_ACCOUNT_ID, sku, available);
	return sandbox;
}

export async function createSandboxCredential(api: N8nApi, sandbox: AlepheeSandbox, apiKey: string, name = 'Alephee sandbox'): Promise<CredentialRef> {
	return await api.createCredential(name, 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl });
}

export const DEMO_FIND_NODE = 'Find the test orders';
export const DEMO_ALEPHEE_NODE = 'Delete them, giving stock back';
export const DEMO_CHECK_NODE = 'Check each order';

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
