import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../../sandbox/alepheeSandbox';

const API_KEY = 'create-test-key-77c';
const ACCOUNT = 4500;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	sandbox.addProduct({ accountId: ACCOUNT, sku: 'MATE-500G' }, 40);
	sandbox.addProduct({ accountId: ACCOUNT, sku: 'YERBA-1KG' }, 10);
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const line = (sku: string, quantity: number, extra: Record<string, unknown> = {}) => ({
	sku,
	quantity,
	unitPrice: 1500,
	stockMovement: true,
	status: 10,
	...extra,
});

const BUYER = '{"Name": "Ana Pérez", "Email": "ana@example.com"}';
const PAYMENTS = '[{"Total": 3000, "Method": "transfer"}]';
const SHIPPING = '{"Method": "pickup"}';

const create = (parameters: Record<string, unknown> = {}, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({
		credentials,
		typeVersion: 1.1,
		parameters: {
			operation: 'create',
			accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) },
			marketplaceId: 1,
			externalOrderId: 'WEB-1001',
			dateCreated: '2026-11-30T09:15:00',
			items: { item: [line('MATE-500G', 2)] },
			buyer: BUYER,
			payments: PAYMENTS,
			shipping: SHIPPING,
			...parameters,
		},
		...extra,
	});

const posts = () => sandbox.requestsTo('POST /v2/orders');
const createdOrder = () => [...Array(200).keys()].map((offset) => sandbox.order(ACCOUNT, 900_001 + offset)).find(Boolean);

describe('Order → Create', () => {
	it('sends one order in Alephee\'s shape and outputs the new order with its internal ID', async () => {
		const result = await create();

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].query).toEqual({ API_KEY, accountId: String(ACCOUNT) });
		expect(JSON.parse(posts()[0].body)).toEqual({
			MarketplaceId: 1,
			ExternalOrderId: 'WEB-1001',
			Integrated: false,
			DateCreated: '2026-11-30T09:15:00Z',
			Items: [{ Product: { SKU: 'MATE-500G' }, Quantity: 2, StockMovement: true, UnitPrice: 1500, Status: 10 }],
			Buyer: { Name: 'Ana Pérez', Email: 'ana@example.com' },
			Payments: [{ Total: 3000, Method: 'transfer' }],
			Shipping: { Method: 'pickup' },
		});
		const order = createdOrder();
		expect(order).toMatchObject({ createdThrough: 'api', externalOrderId: 'WEB-1001' });
		expect(result.main).toEqual([
			{
				json: expect.objectContaining({ created: true, orderId: order?.orderId, stockMoved: true, order: expect.objectContaining({ marketplaceOrderNumber: 'WEB-1001' }) }),
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.stockOf(ACCOUNT, 'MATE-500G')).toBe(38);
	});

	it('the created order can be deleted with Revert Stock, which gives its units back', async () => {
		const created = await create();
		const orderId = created.main[0].json.orderId;
		const deleted = await runAlephee({ credentials, parameters: { accountId: String(ACCOUNT), orderId: String(orderId), revertStock: true } });
		expect(deleted.main[0].json).toMatchObject({ deleted: true, orderId });
		expect(sandbox.order(ACCOUNT, orderId as number)?.status).toBe(ORDER_STATUS_DELETED);
		expect(sandbox.stockOf(ACCOUNT, 'MATE-500G')).toBe(40);
	});

	it('with Stock Movement off, no stock moves, the output says so, and Revert Stock gives nothing back', async () => {
		const created = await create({ items: { item: [line('MATE-500G', 3, { stockMovement: false })] } });
		expect(created.main[0].json).toMatchObject({ created: true, stockMoved: false });
		expect(sandbox.stockOf(ACCOUNT, 'MATE-500G')).toBe(40);
		await runAlephee({ credentials, parameters: { accountId: String(ACCOUNT), orderId: String(created.main[0].json.orderId), revertStock: true } });
		expect(sandbox.stockOf(ACCOUNT, 'MATE-500G')).toBe(40);
	});

	it('running again never creates twice: the item names the existing order, and nothing is posted', async () => {
		const first = await create();
		const again = await create({}, { onError: 'continueRegularOutput' });
		expect(again.main[0].json.error).toBe(`Order WEB-1001 already exists in account ${ACCOUNT} (Alephee order ${first.main[0].json.orderId})`);
		expect(again.main[0].json.message).toContain('Nothing was created');
		expect(again.main[0].json.externalOrderId).toBe('WEB-1001');
		expect(posts()).toHaveLength(1);
	});

	it('with "Return the Existing Order", a second run gets the existing order, created: false', async () => {
		const first = await create();
		const again = await create({ options: { ifExists: 'returnExisting' } });
		expect(again.main[0].json).toMatchObject({ created: false, orderId: first.main[0].json.orderId });
		expect(posts()).toHaveLength(1);
	});

	it('two items of one run with the same External Order ID: one order, the other item told so', async () => {
		const result = await create({ externalOrderId: '={{ $json.number }}' }, { items: [{ number: 'WEB-7' }, { number: 'WEB-7' }], onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.json.created ?? item.json.error)).toEqual([true, expect.stringMatching(/^Order WEB-7 already exists/)]);
		expect(posts()).toHaveLength(1);
	});

	it('Brand is sent when given, and Alephee\'s refusal of an ambiguous SKU is shown in its words', async () => {
		sandbox.addProduct({ accountId: ACCOUNT, sku: 'MATE-500G', brand: 'Otra Marca' }, 5);
		const refused = await create({}, { onError: 'continueRegularOutput' });
		expect(refused.main[0].json.error).toBe('Alephee refused to create order WEB-1001');
		expect(refused.main[0].json.message).toContain('Alephee says: "El SKU MATE-500G pertenece a más de una marca: indique Brand."');
		const withBrand = await create({ items: { item: [line('MATE-500G', 1, { brand: 'Generic' })] } });
		expect(withBrand.main[0].json.created).toBe(true);
		expect(JSON.parse(posts()[1].body).Items[0].Product).toEqual({ Brand: 'Generic', SKU: 'MATE-500G' });
	});

	it.each([
		['no items', { items: { item: [] } }, 'Items is not valid: it has 0 lines; Alephee takes 1 to 50'],
		['51 items', { items: { item: Array.from({ length: 51 }, (_, index) => line(`SKU-${index}`, 1)) } }, 'Items is not valid: it has 51 lines; Alephee takes 1 to 50'],
		[
			'the same product, quantity and price twice',
			{ items: { item: [line('MATE-500G', 2), line('MATE-500G', 2)] } },
			'Items is not valid: line 2 repeats product MATE-500G with the same quantity and unit price (Alephee refuses that: merge the lines)',
		],
		['a line without SKU', { items: { item: [line('', 2)] } }, 'Items is not valid: line 1: SKU it is empty'],
		['11 payments', { payments: JSON.stringify(Array.from({ length: 11 }, () => ({ Total: 1 }))) }, 'Payments (JSON) is not valid: it has 11; Alephee takes 1 to 10'],
		[
			'6 discounts on a payment',
			{ payments: JSON.stringify([{ Total: 1, Discounts: Array.from({ length: 6 }, () => ({ Amount: 1 })) }]) },
			'Payments (JSON) is not valid: payment 1 has 6 discounts; Alephee takes at most 5 per payment',
		],
		['a Buyer that is not JSON', { buyer: '{"Name": ' }, 'Buyer (JSON) is not valid: it is not valid JSON'],
		['an empty Shipping', { shipping: '{}' }, 'Shipping (JSON) is not valid: it is not a JSON object with fields'],
		['an External Order ID an expression leaves empty', { externalOrderId: '={{ "" }}' }, 'External Order ID is not valid: it is empty'],
	])('%s is refused before anything is sent, naming the field', async (_case, parameters, message) => {
		const result = await create(parameters as Record<string, unknown>, { onError: 'continueRegularOutput' });
		expect(result.main[0].json.error).toBe(message);
		expect(result.main[0].json.message).toContain('Nothing was sent to Alephee');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('an order of exactly 50 lines, Alephee\'s documented maximum, is created in one POST with all 50', async () => {
		// 50 distinct catalog products, so no line repeats another and each has stock to take.
		const skus = Array.from({ length: 50 }, (_, index) => `SKU-${index + 1}`);
		for (const sku of skus) sandbox.addProduct({ accountId: ACCOUNT, sku }, 5);
		const result = await create({ items: { item: skus.map((sku) => line(sku, 1)) } });

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const sent = JSON.parse(posts()[0].body).Items as Array<{ Product: { SKU: string } }>;
		expect(sent).toHaveLength(50);
		expect(sent.map((item) => item.Product.SKU)).toEqual(skus);
		const order = createdOrder();
		expect(order?.lines).toHaveLength(50);
		expect(result.main).toEqual([{ json: expect.objectContaining({ created: true, orderId: order?.orderId }), pairedItem: { item: 0 } }]);
	});

	it('a line\'s Unit Cost is sent as UnitPriceCost beside UnitPrice; a line left at 0 sends none', async () => {
		const result = await create({ items: { item: [line('MATE-500G', 2, { unitCost: 900 }), line('YERBA-1KG', 1)] } });

		expect(result.main[0].json.created).toBe(true);
		const [withCost, withoutCost] = JSON.parse(posts()[0].body).Items as Array<Record<string, unknown>>;
		expect(withCost).toEqual({ Product: { SKU: 'MATE-500G' }, Quantity: 2, StockMovement: true, UnitPrice: 1500, UnitPriceCost: 900, Status: 10 });
		expect(withoutCost).not.toHaveProperty('UnitPriceCost');
		expect(withoutCost.UnitPrice).toBe(1500);
	});

	it('Date Created left empty is sent as now, with the workflow\'s offset', async () => {
		const before = Date.now();
		await create({ dateCreated: '' });
		const sent = JSON.parse(posts()[0].body).DateCreated as string;
		expect(sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
		expect(Math.abs(new Date(sent).getTime() - before)).toBeLessThan(60_000);
	});
});

describe('Order → Create: lines from the input', () => {
	it('Items From JSON: the lines come whole from an expression (one order per input item, its lines from the item)', async () => {
		const result = await create(
			{ externalOrderId: '={{ $json.number }}', itemsFrom: 'json', itemsJson: '={{ $json.lines }}' },
			{
				items: [
					{ number: 'WEB-A', lines: [line('MATE-500G', 1)] },
					{ number: 'WEB-B', lines: [line('YERBA-1KG', 2), line('MATE-500G', 3)] },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.created)).toEqual([true, true]);
		expect(posts().map((post) => JSON.parse(post.body).Items.length)).toEqual([1, 2]);
		expect(sandbox.stockOf(ACCOUNT, 'MATE-500G')).toBe(36);
	});
});

describe('Order → Create: Alephee lists the new order late', () => {
	const readsAfterPost = () => {
		const posted = posts()[0]?.receivedAt ?? Number.POSITIVE_INFINITY;
		return sandbox.requestsTo('GET /v2/orders').filter((request) => request.receivedAt >= posted);
	};

	it('reads the order back again after short waits, and outputs it with its Order ID once listed', async () => {
		sandbox.createdOrdersListedAfterMs = 1_500;
		const result = await create();
		expect(result.error).toBeUndefined();
		const order = createdOrder();
		expect(result.main.map((item) => [item.json.created, item.json.orderId])).toEqual([[true, order?.orderId]]);
		// Read at once (both integration states: not listed yet), then again after a wait until listed.
		expect(readsAfterPost().length).toBeGreaterThanOrEqual(3);
		expect(readsAfterPost().length).toBeLessThanOrEqual(6);
	});

	it('still not listed after the waits: created, and the item says so and how to get its ID later', async () => {
		sandbox.createdOrdersListedAfterMs = 120_000;
		const result = await create();
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const json = result.main[0].json;
		expect(json).toMatchObject({ created: true, listed: false, orderId: null, externalOrderId: 'WEB-1001', accountId: ACCOUNT, stockMoved: true });
		expect(json.note).toBe(
			'Alephee created order WEB-1001 but has not listed it yet (read back 4 times over 7 seconds), so its Alephee Order ID is not known yet. Do not create it again: later, run Create again with Options → If the External Order ID Exists → Return the Existing Order, or Order → Get Many with Marketplace Order Number From and To set to WEB-1001, to get its Order ID.',
		);
		// Four read-backs, each asking both integration states; the waits between them were kept.
		const reads = readsAfterPost();
		expect(reads).toHaveLength(8);
		expect(reads[7].receivedAt - reads[0].receivedAt).toBeGreaterThanOrEqual(6_900);
	}, 20_000);
});
