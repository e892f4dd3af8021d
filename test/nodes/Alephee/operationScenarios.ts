/**
 * One successful run of every operation of the Alephee node: for each, how to seed a sandbox so
 * that the operation succeeds, and the node parameters and input items of that run. A helper for
 * tests that need every operation to have run once (node version 1.2, the Account given by ID).
 */
import { runAlephee, type AlepheeRunOptions, type NodeRun } from '../../../harness/engine';
import { AlepheeSandbox } from '../../../sandbox/alepheeSandbox';

/** What a scenario's run takes besides the resource, the operation and the account. */
export interface PreparedRun {
	parameters: Record<string, unknown>;
	items?: object[];
	files?: AlepheeRunOptions['files'];
}

export interface Scenario {
	resource: string;
	operation: string;
	/**
	 * Seeds the sandbox, returns the node parameters and input items for a run that succeeds.
	 * Synchronous but for Get Document: the sandbox has no way to seed a document other than its
	 * upload route, so that one seeds over HTTP and returns a promise.
	 */
	prepare(sandbox: AlepheeSandbox, account: number): PreparedRun | Promise<PreparedRun>;
}

const MERCADO_LIBRE = 1;

/** An order ID as node version 1.2 takes it: a resource locator, By ID. */
const byId = (orderId: number) => ({ __rl: true, mode: 'id', value: String(orderId) });

/** A small PDF: Attach Document refuses a file that is not what its name says. */
const PDF = Buffer.from('%PDF-1.7\n%\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

/** An order from a marketplace (Mercado Libre unless said), as the file and buyer operations need. */
function addMarketplaceOrder(sandbox: AlepheeSandbox, account: number, orderId: number, extra: Partial<Parameters<AlepheeSandbox['addOrder']>[0]> = {}) {
	sandbox.addOrder({ accountId: account, orderId, createdThrough: 'marketplace', marketplaceId: MERCADO_LIBRE, lines: [{ sku: 'A', quantity: 1 }], ...extra });
}

/**
 * Attaches a PDF invoice to an order through the sandbox's own upload route, with a key of its
 * own, so that the run under test finds a document and its requests are the run's only.
 */
async function uploadInvoice(sandbox: AlepheeSandbox, account: number, orderId: number): Promise<void> {
	const apiKey = `scenario-seed-key-${account}`;
	sandbox.addKey(apiKey, [account]);
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'factura-0001.pdf');
	const query = new URLSearchParams({ API_KEY: apiKey, accountId: String(account), documentType: '0' });
	const answer = await fetch(`${sandbox.baseUrl}/orders/${orderId}/documents?${query}`, { method: 'POST', body: form });
	if (!answer.ok) throw new Error(`Seeding the invoice of order ${orderId} failed: ${answer.status} ${await answer.text()}`);
}

export const SCENARIOS: Scenario[] = [
	// Account
	{
		resource: 'account',
		operation: 'getAll',
		prepare: (sandbox, account) => {
			sandbox.addAccount(account, { name: 'Mates del Sur', businessName: 'Mates del Sur SRL' });
			return { parameters: {} };
		},
	},
	{
		resource: 'account',
		operation: 'getMarketplaces',
		prepare: (sandbox, account) => {
			sandbox.addAccount(account, { marketplaces: [{ id: MERCADO_LIBRE, name: 'Mercado Libre' }, { id: 9, name: 'Tienda Nube' }] });
			return { parameters: {} };
		},
	},
	{
		resource: 'account',
		operation: 'getStores',
		prepare: (sandbox, account) => {
			sandbox.stores.add(account, { id: 1, name: 'Depósito central', isPrincipal: true });
			sandbox.stores.add(account, { id: 2, name: 'Sucursal Palermo', allowPickUpStore: true });
			return { parameters: {} };
		},
	},
	// Order
	{
		resource: 'order',
		operation: 'attachDocument',
		prepare: (sandbox, account) => {
			addMarketplaceOrder(sandbox, account, 101);
			return {
				parameters: { orderId: byId(101), documentType: 0 },
				items: [{}],
				files: [{ data: { data: PDF, fileName: 'factura-0001.pdf', mimeType: 'application/pdf' } }],
			};
		},
	},
	{
		resource: 'order',
		operation: 'create',
		prepare: (sandbox, account) => {
			// The line's SKU must be in the account's catalog.
			sandbox.addProduct({ accountId: account, sku: 'MATE-500G' }, 40);
			return {
				parameters: {
					marketplaceId: MERCADO_LIBRE,
					externalOrderId: 'WEB-1001',
					dateCreated: '2026-11-30T09:15:00',
					items: { item: [{ sku: 'MATE-500G', quantity: 2, unitPrice: 1500, stockMovement: true, status: 10 }] },
					buyer: '{"Name": "Ana Pérez", "Email": "ana@example.com"}',
					payments: '[{"Total": 3000, "Method": "transfer"}]',
					shipping: '{"Method": "pickup"}',
				},
			};
		},
	},
	{
		resource: 'order',
		operation: 'delete',
		prepare: (sandbox, account) => {
			// Only orders created through the API can be deleted.
			sandbox.addOrder({ accountId: account, orderId: 101, createdThrough: 'api', lines: [{ sku: 'XYZ', quantity: 1 }] });
			return { parameters: { orderId: byId(101), revertStock: false } };
		},
	},
	{
		resource: 'order',
		operation: 'downloadShippingLabel',
		prepare: (sandbox, account) => {
			addMarketplaceOrder(sandbox, account, 101);
			// The label exists once the marketplace marks the shipment ready to print.
			sandbox.setShipment(account, 101, { status: 'ready_to_ship', substatus: 'ready_to_print' });
			return { parameters: { orderId: byId(101), format: 'PDF' } };
		},
	},
	{
		resource: 'order',
		operation: 'get',
		prepare: (sandbox, account) => {
			sandbox.addOrder({ accountId: account, orderId: 501, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
			return { parameters: { orderId: byId(501) } };
		},
	},
	{
		resource: 'order',
		operation: 'getDocument',
		prepare: async (sandbox, account) => {
			addMarketplaceOrder(sandbox, account, 101);
			await uploadInvoice(sandbox, account, 101);
			return { parameters: { orderId: byId(101), documentType: 0, documentFormat: 'pdf' } };
		},
	},
	{
		resource: 'order',
		operation: 'getAll',
		prepare: (sandbox, account) => {
			for (const orderId of [1, 2, 3]) {
				sandbox.addOrder({ accountId: account, orderId, createdThrough: 'api', lines: [{ sku: `SKU-${orderId}`, quantity: 1, unitPrice: 100 }] });
			}
			return { parameters: { returnAll: true } };
		},
	},
	{
		resource: 'order',
		operation: 'sendMessage',
		prepare: (sandbox, account) => {
			// Messages to buyers are for Mercado Libre orders only.
			sandbox.addAccount(account, { marketplaces: [{ id: MERCADO_LIBRE, name: 'Mercado Libre' }] });
			addMarketplaceOrder(sandbox, account, 700);
			return { parameters: { orderId: byId(700), messageOption: 4, message: 'Hola, ¿cuál es tu dirección de facturación?' } };
		},
	},
	{
		resource: 'order',
		operation: 'split',
		prepare: (sandbox, account) => {
			// A Mercado Libre cart: two orders sharing a pack.
			sandbox.addAccount(account, { marketplaces: [{ id: MERCADO_LIBRE, name: 'Mercado Libre' }] });
			for (const orderId of [800, 801]) addMarketplaceOrder(sandbox, account, orderId, { packId: 5000, externalShippingId: `SHIP-${orderId}` });
			return { parameters: { orderId: byId(800), splitReason: 2 } };
		},
	},
	{
		resource: 'order',
		operation: 'updateStatus',
		prepare: (sandbox, account) => {
			sandbox.addOrder({ accountId: account, orderId: 700, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
			return { parameters: { orderId: byId(700), status: 20, trackingNumber: 'TRK-1', trackingStatus: 'in transit' } };
		},
	},
	// Product
	{
		resource: 'product',
		operation: 'getAll',
		prepare: (sandbox, account) => {
			for (let index = 1; index <= 3; index++) {
				sandbox.addProduct({ accountId: account, sku: `SKU-${index}`, brand: 'Acme', name: `Mate ${index}`, prices: { 1: { Price: 100 + index } } }, index);
			}
			return { parameters: { returnAll: true } };
		},
	},
	{
		resource: 'product',
		operation: 'update',
		prepare: (sandbox, account) => {
			sandbox.addProduct({ accountId: account, sku: 'SKU-1' }, 10);
			return { parameters: { sku: '={{ $json.sku }}', updateFields: { stockQuantity: '={{ $json.stock }}' } }, items: [{ sku: 'SKU-1', stock: 7 }] };
		},
	},
	// Product Listing
	{
		resource: 'productListing',
		operation: 'applyDiscount',
		prepare: () => ({
			parameters: { sku: '={{ $json.sku }}', discountPercent: '={{ $json.percent }}', startDate: '2026-12-24 00:00', finishDate: '2026-12-26 00:00' },
			items: [{ sku: 'MATE-500G', percent: 12.5 }],
		}),
	},
	{
		resource: 'productListing',
		operation: 'search',
		prepare: (sandbox, account) => {
			for (let id = 1; id <= 3; id++) {
				sandbox.listings.add(account, { id, externalId: `MLA${1000 + id}`, sku: `SKU-${id}`, brand: 'Acme', marketplaceId: MERCADO_LIBRE, status: 2 });
			}
			return { parameters: { status: 2, returnAll: true } };
		},
	},
	{
		resource: 'productListing',
		operation: 'updateStatus',
		prepare: (sandbox, account) => {
			sandbox.listings.add(account, { id: 7, externalId: 'MLA7', sku: 'SKU-7', marketplaceId: MERCADO_LIBRE, status: 2 });
			return { parameters: { listing: '={{ $json.listing }}' }, items: [{ listing: { Id: 7, ExternalId: 'MLA7', Status: 3 } }] };
		},
	},
];

const ACCOUNT = 4700;

/** Runs in this process so far: each gets a key of its own, as what the node learns per key lasts for the process. */
let runs = 0;

/** Runs one scenario against a sandbox of its own, started and stopped here. */
export async function runScenario(scenario: Scenario): Promise<NodeRun> {
	const sandbox = await AlepheeSandbox.start();
	try {
		const apiKey = `scenario-key-${scenario.resource}-${scenario.operation}-${++runs}`;
		sandbox.addKey(apiKey, [ACCOUNT]);
		const { parameters, items, files } = await scenario.prepare(sandbox, ACCOUNT);
		return await runAlephee({
			credentials: { apiKey, baseUrl: sandbox.baseUrl },
			typeVersion: 1.2,
			parameters: {
				resource: scenario.resource,
				operation: scenario.operation,
				accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) },
				...parameters,
			},
			items,
			files,
		});
	} finally {
		await sandbox.stop();
	}
}
