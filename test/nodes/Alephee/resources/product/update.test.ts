import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox } from '../../../../../sandbox/alepheeSandbox';

const ACCOUNT = 5100;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;
let apiKey: string;
let keyNumber = 0;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	// A key per test: budgets are per key across the process.
	apiKey = `products-key-${++keyNumber}`;
	sandbox.addKey(apiKey, [ACCOUNT]);
	credentials = { apiKey, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const seedProducts = (count: number, stock = 10) => {
	for (let index = 1; index <= count; index++) sandbox.addProduct({ accountId: ACCOUNT, sku: `SKU-${index}` }, stock);
};

const update = (items: object[], parameters: Record<string, unknown> = {}, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({
		credentials,
		typeVersion: 1.1,
		items,
		parameters: {
			resource: 'product',
			operation: 'update',
			accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) },
			sku: '={{ $json.sku }}',
			updateFields: { stockQuantity: '={{ $json.stock }}' },
			...parameters,
		},
		...extra,
	});

const calls = () => sandbox.requestsTo('POST /v2/products');
const sentSkus = (index: number) => (JSON.parse(calls()[index].body) as Array<{ SKU: string }>).map((product) => product.SKU);

describe('Product → Update Stock and Price: one item', () => {
	it('sends only the fields to change, and reports the product as updated with what was sent', async () => {
		seedProducts(1);
		const result = await update([{ sku: 'SKU-1', stock: 7 }]);

		expect(result.main).toEqual([
			{ json: { updated: true, sku: 'SKU-1', accountId: ACCOUNT, sent: { SKU: 'SKU-1', Stock: { Quantity: 7 } } }, pairedItem: { item: 0 } },
		]);
		expect(calls()).toHaveLength(1);
		expect(calls()[0].query).toEqual({ API_KEY: apiKey, accountId: String(ACCOUNT) });
		expect(JSON.parse(calls()[0].body)).toEqual([{ SKU: 'SKU-1', Stock: { Quantity: 7 } }]);
		expect(sandbox.stockOf(ACCOUNT, 'SKU-1')).toBe(7);
	});

	it('a stock movement, prices and a price list: sent as Alephee names them', async () => {
		sandbox.setPriceLists(ACCOUNT, [
			{ Id: 1, Name: 'Minorista' },
			{ Id: 2, Name: 'Mayorista' },
		]);
		sandbox.addProduct({ accountId: ACCOUNT, sku: 'SKU-1', brand: 'Acme' }, 10);
		const result = await update([{ sku: 'SKU-1' }], {
			brand: 'Acme',
			priceListId: '2',
			updateFields: { stockMovement: -3, price: 1500, priceWithTaxes: 1815, cost: 900 },
		});

		expect(result.error).toBeUndefined();
		expect(calls()[0].query.priceListId).toBe('2');
		expect(JSON.parse(calls()[0].body)).toEqual([
			{ Brand: 'Acme', SKU: 'SKU-1', Stock: { Movement: -3 }, Price: { Price: 1500, PriceWithTaxes: 1815, Cost: 900 } },
		]);
	});

	it('refuses Stock Quantity and Stock Movement together, before sending', async () => {
		seedProducts(1);
		const result = await update([{ sku: 'SKU-1', stock: 4 }], { updateFields: { stockQuantity: '={{ $json.stock }}', stockMovement: 2 } });
		expect(result.error?.message).toBe('Product SKU-1: give Stock Quantity or Stock Movement, not both');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Product → Update Stock and Price: many items, few calls', () => {
	it('2,500 items with a cap of 1000: 3 calls, each item paired to its own result', async () => {
		seedProducts(2500);
		sandbox.setObjectCap('POST /v2/products', 1000);
		const items = Array.from({ length: 2500 }, (_, index) => ({ sku: `SKU-${index + 1}`, stock: index }));

		const result = await update(items);

		expect(calls()).toHaveLength(3);
		expect(calls().map((call) => JSON.parse(call.body).length)).toEqual([1000, 1000, 500]);
		expect(result.main).toHaveLength(2500);
		result.main.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ updated: true, sku: `SKU-${index + 1}` });
		});
		expect(sandbox.stockOf(ACCOUNT, 'SKU-2500')).toBe(2499);
	});

	it('a 413 (nothing processed) is split and sent again; later calls start from the size that worked', async () => {
		seedProducts(1000);
		sandbox.setObjectCap('POST /v2/products', 300);
		const items = Array.from({ length: 1000 }, (_, index) => ({ sku: `SKU-${index + 1}`, stock: 1 }));

		const result = await update(items);

		expect(result.main.map((item) => item.json.updated)).toEqual(items.map(() => true));
		const sizes = calls().map((call) => [JSON.parse(call.body).length, call.answeredWith]);
		expect(sizes.filter(([, status]) => status === 413).map(([size]) => size)).toEqual([1000, 500]);
		expect(sizes.filter(([, status]) => status === 200).reduce((total, [size]) => total + size, 0)).toBe(1000);
	});

	it('the call size learned from a 413 is kept for the next run with the same key; another key starts from the full size', async () => {
		seedProducts(1000);
		sandbox.setObjectCap('POST /v2/products', 300);
		// Keys of their own: what calls teach is kept for the whole process, per key and Base URL.
		const rememberingKey = 'products-remembered-call-size-key';
		const otherKey = 'products-fresh-call-size-key';
		sandbox.addKey(rememberingKey, [ACCOUNT]);
		sandbox.addKey(otherKey, [ACCOUNT]);
		const items = Array.from({ length: 1000 }, (_, index) => ({ sku: `SKU-${index + 1}`, stock: 2 }));
		/** One run with the key; the calls it made: products carried, status answered. */
		const runWith = async (key: string) => {
			const before = calls().length;
			const result = await update(items, {}, { credentials: { apiKey: key, baseUrl: sandbox.baseUrl } });
			expect(result.error).toBeUndefined();
			expect(result.main.map((item) => item.json.updated)).toEqual(items.map(() => true));
			return calls()
				.slice(before)
				.map((call) => ({ size: (JSON.parse(call.body) as unknown[]).length, status: call.answeredWith }));
		};
		const refused = (sent: Array<{ status?: number }>) => sent.filter((call) => call.status === 413);

		const first = await runWith(rememberingKey);
		expect(refused(first).length).toBeGreaterThan(0);

		// The same key again: it starts from what the first run learned, and meets no 413.
		const second = await runWith(rememberingKey);
		expect(refused(second)).toHaveLength(0);
		for (const call of second) expect(call.size).toBeLessThanOrEqual(300);

		// Another key on the same Base URL learned nothing yet: its first call carries the full
		// size, more than the cap, and is refused.
		const other = await runWith(otherKey);
		expect(other[0]).toEqual({ size: 1000, status: 413 });
	});

	it('the same SKU twice in a run goes in separate calls, so each answer points at one item', async () => {
		seedProducts(2);
		const result = await update([
			{ sku: 'SKU-1', stock: 1 },
			{ sku: 'SKU-2', stock: 2 },
			{ sku: 'SKU-1', stock: 3 },
		]);
		expect(calls().map((_, index) => sentSkus(index))).toEqual([['SKU-1', 'SKU-2'], ['SKU-1']]);
		expect(result.main.map((item) => item.json.sent)).toEqual([
			{ SKU: 'SKU-1', Stock: { Quantity: 1 } },
			{ SKU: 'SKU-2', Stock: { Quantity: 2 } },
			{ SKU: 'SKU-1', Stock: { Quantity: 3 } },
		]);
		expect(sandbox.stockOf(ACCOUNT, 'SKU-1')).toBe(3);
	});
});

describe('Product → Update Stock and Price: per-product results', () => {
	const mixed = [
		{ sku: 'SKU-1', stock: 5 },
		{ sku: 'NOPE', stock: 5 },
		{ sku: 'SKU-2', stock: -4 },
		{ sku: 'SKU-3', stock: 'many' },
		{ sku: 'SKU-4', stock: 0 },
	];

	it('Continue On Fail: one outcome per item, failures with Alephee\'s words for that product', async () => {
		seedProducts(4);
		const result = await update(mixed, {}, { onError: 'continueRegularOutput' });

		expect(result.main.map((item) => item.pairedItem)).toEqual(mixed.map((_, item) => ({ item })));
		expect(result.main.map((item) => item.json.updated ?? item.json.error)).toEqual([
			true,
			'Alephee did not update product NOPE',
			'Alephee did not update product SKU-2',
			'Stock Quantity is not valid: "many" is not a number',
			true,
		]);
		expect(result.main[1].json).toMatchObject({ message: 'Alephee says: "No existe un producto con SKU NOPE."', sku: 'NOPE', accountId: ACCOUNT });
		expect(result.main[2].json.message).toMatch(/no puede ser negativo/);
		// One call for the valid items; the item that failed its check was never sent.
		expect(calls()).toHaveLength(1);
		expect(sentSkus(0)).toEqual(['SKU-1', 'NOPE', 'SKU-2', 'SKU-4']);
		expect(sandbox.stockOf(ACCOUNT, 'SKU-2')).toBe(10);
	});

	it('error output: updated products on main, the others on the error output, all paired', async () => {
		seedProducts(4);
		const result = await update(mixed, {}, { onError: 'continueErrorOutput' });
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 4 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.errorOutput[0].json).toEqual({ sku: 'NOPE', stock: 5, error: 'Alephee did not update product NOPE', message: expect.any(String) });
	});

	it('warnings come with the update', async () => {
		sandbox.addProduct({ accountId: ACCOUNT, sku: 'CHEAP', prices: { 1: { Price: 100, Cost: 80 } } }, 1);
		const result = await update([{ sku: 'CHEAP' }], { updateFields: { price: 50 } });
		expect(result.main[0].json).toMatchObject({ updated: true, warnings: ['El precio es menor que el costo.'] });
	});

	it('412 (no product could be processed): every item of the call fails, saying nothing was updated', async () => {
		const result = await update([{ sku: 'X1', stock: 1 }, { sku: 'X2', stock: 1 }], {}, { onError: 'continueRegularOutput' });
		for (const item of result.main) {
			expect(item.json).toMatchObject({ error: 'Alephee could not update any product of this call', message: expect.stringMatching(/Nothing was updated/) });
		}
		expect(result.main.map((item) => item.json.sku)).toEqual(['X1', 'X2']);
	});

	it('a failed call (500) fails every item of it, says they may have been updated, and is not retried', async () => {
		seedProducts(3);
		sandbox.failNextWith({ endpoint: 'POST /v2/products', status: 500, body: 'Error interno' });
		const result = await update([1, 2, 3].map((index) => ({ sku: `SKU-${index}`, stock: 1 })), {}, { onError: 'continueRegularOutput' });
		expect(calls()).toHaveLength(1);
		for (const [index, item] of result.main.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				error: `Alephee had an internal error while updating products of account ${ACCOUNT}`,
				message: expect.stringMatching(/^The products of this call may or may not have been updated: check/),
			});
		}
	});

	it('a 429 is waited out and the call sent again (it was not processed)', async () => {
		seedProducts(2);
		sandbox.failNextWith({ endpoint: 'POST /v2/products', status: 429, contentType: 'application/json', body: '{"Status":429,"Message":"Límite"}', retryAfterSeconds: 1 });
		const result = await update([{ sku: 'SKU-1', stock: 1 }, { sku: 'SKU-2', stock: 2 }]);
		expect(result.main.map((item) => item.json.updated)).toEqual([true, true]);
		expect(calls().map((call) => call.answeredWith)).toEqual([429, 200]);
	});
});

describe('Product → Update Stock and Price: pairing each answer to its product', () => {
	const answer = (items: object[]) => ({
		endpoint: 'POST /v2/products' as const,
		status: 200,
		contentType: 'application/json',
		body: JSON.stringify({ Quantities: { Total: items.length }, Items: items }),
	});
	const ok = { Id: 1, Name: 'Ok' };
	const error = { Id: 3, Name: 'Error' };
	const itemsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ sku: `SKU-${index + 1}`, stock: 5 }));

	it('without KeyValue, in another order: matched by ItemNumber, never by position', async () => {
		seedProducts(3);
		sandbox.failNextWith(
			answer([
				{ ItemNumber: 3, ValidationLevel: ok, Messages: [] },
				{ ItemNumber: 1, ValidationLevel: error, Messages: [{ Level: error, Message: 'SKU-1 no existe' }] },
				{ ItemNumber: 2, ValidationLevel: ok, Messages: [] },
			]),
		);
		const result = await update(itemsOf(3), {}, { onError: 'continueRegularOutput' });
		expect(result.main.map((item) => [item.json.error ?? item.json.sku, item.json.updated ?? false])).toEqual([
			['Alephee did not update product SKU-1', false],
			['SKU-2', true],
			['SKU-3', true],
		]);
	});

	it('an answer that names no SKU and whose numbering cannot be read leaves the items uncertain, never another item\'s result', async () => {
		seedProducts(3);
		sandbox.failNextWith(
			answer([
				{ ItemNumber: 2, ValidationLevel: error, Messages: [{ Level: error, Message: 'rechazado' }] },
				{ ValidationLevel: ok, Messages: [] },
			]),
		);
		const result = await update(itemsOf(3), {}, { onError: 'continueRegularOutput' });
		for (const item of result.main) {
			expect(item.json.error).toMatch(/^Alephee sent no result for product SKU-\d$/);
			expect(item.json.message).toContain('may or may not have been updated');
		}
		expect(result.main).toHaveLength(3);
	});

	it('KeyValue wins over a number that points elsewhere', async () => {
		seedProducts(2);
		sandbox.failNextWith(
			answer([
				{ ItemNumber: 1, KeyValue: 'SKU-2', ValidationLevel: error, Messages: [{ Level: error, Message: 'precio inválido' }] },
				{ ItemNumber: 2, KeyValue: 'SKU-1', ValidationLevel: ok, Messages: [] },
			]),
		);
		const result = await update(itemsOf(2), {}, { onError: 'continueRegularOutput' });
		expect(result.main[0].json).toMatchObject({ updated: true, sku: 'SKU-1' });
		expect(result.main[1].json.error).toBe('Alephee did not update product SKU-2');
	});
});
