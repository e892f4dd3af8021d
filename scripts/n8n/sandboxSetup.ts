/**
 * The Alephee sandbox (test/sandbox/alepheeSandbox.ts) filled with a small shop, the n8n
 * credential pointing at it, and the demo workflow. The API key is made up per run and is
 * only ever handed to n8n: nothing prints it.
 */
import { randomBytes } from 'node:crypto';

import { AlepheeSandbox } from '../../test/sandbox/alepheeSandbox';
import type { CredentialRef, N8nApi } from './api';
import { alepheeDelete, itemsNode, manualTrigger, workflow } from './workflows';

export const DEMO_ACCOUNT_ID = 4100;

export interface DemoOrder {
	orderId: number;
	createdThrough: 'api' | 'marketplace';
	lines: Array<{ sku: string; quantity: number }>;
	/** What the demo workflow asks for this order. */
	revertStock: boolean;
	note: string;
}

export const DEMO_ORDERS: DemoOrder[] = [
	{
		orderId: 50101,
		createdThrough: 'api',
		lines: [
			{ sku: 'MATE-CALABAZA', quantity: 2 },
			{ sku: 'BOMBILLA-ACERO', quantity: 2 },
		],
		revertStock: true,
		note: 'created through the API, units go back to stock',
	},
	{
		orderId: 50102,
		createdThrough: 'api',
		lines: [{ sku: 'YERBA-1KG', quantity: 5 }],
		revertStock: false,
		note: 'created through the API, stock left as it is',
	},
	{
		orderId: 50103,
		createdThrough: 'api',
		lines: [{ sku: 'TERMO-1L', quantity: 1 }],
		revertStock: false,
		note: 'created through the API',
	},
	{
		orderId: 50104,
		createdThrough: 'marketplace',
		lines: [{ sku: 'TERMO-1L', quantity: 1 }],
		revertStock: true,
		note: 'came from Mercado Libre (native channel): Alephee refuses',
	},
];

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
	for (const order of DEMO_ORDERS) {
		sandbox.addOrder({ accountId: DEMO_ACCOUNT_ID, orderId: order.orderId, createdThrough: order.createdThrough, lines: order.lines });
	}
	for (const [sku, available] of Object.entries(DEMO_STOCK)) sandbox.setStock(DEMO_ACCOUNT_ID, sku, available);
	return sandbox;
}

export async function createSandboxCredential(api: N8nApi, sandbox: AlepheeSandbox, apiKey: string, name = 'Alephee sandbox'): Promise<CredentialRef> {
	return await api.createCredential(name, 'alepheeApi', { apiKey, baseUrl: sandbox.baseUrl });
}

export const DEMO_ITEMS_NODE = 'Orders to delete';
export const DEMO_ALEPHEE_NODE = 'Delete order in Alephee';

/** Manual trigger → a Code node listing the orders → Alephee (Continue On Fail). */
export function demoWorkflow(credential: CredentialRef): Record<string, unknown> {
	return workflow('Alephee sandbox: delete orders', [
		manualTrigger(),
		itemsNode(
			DEMO_ITEMS_NODE,
			DEMO_ORDERS.map(({ orderId, revertStock, note }) => ({ orderId, revertStock, note })),
		),
		alepheeDelete({
			name: DEMO_ALEPHEE_NODE,
			credential,
			accountId: String(DEMO_ACCOUNT_ID),
			orderId: '={{ $json.orderId }}',
			revertStock: '={{ $json.revertStock }}',
			onError: 'continueRegularOutput',
		}),
	]);
}
