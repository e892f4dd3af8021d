import type { NewOrder } from '../../../../../sandbox/alepheeSandbox';
import { expectKeyNowhere, outcomes, sandboxRun } from '../sandboxRun';

const API_KEY = 'split-key-2c7';
const ACCOUNT = 4400;
const MERCADO_LIBRE = 1;
const TIENDA_NUBE = 9;

const run = sandboxRun({ resource: 'order', operation: 'split' }, API_KEY, [ACCOUNT]);

const add = (orderId: number, packId: number | undefined, fields: Partial<NewOrder> = {}) =>
	run.sandbox.addOrder({
		accountId: ACCOUNT,
		orderId,
		createdThrough: 'marketplace',
		marketplaceId: MERCADO_LIBRE,
		packId,
		externalShippingId: `SHIP-${orderId}`,
		lines: [{ sku: 'A', quantity: 1 }],
		...fields,
	});

beforeEach(() => {
	run.sandbox.addAccount(ACCOUNT, { marketplaces: [{ id: MERCADO_LIBRE, name: 'Mercado Libre' }, { id: TIENDA_NUBE, name: 'Tienda Nube' }] });
	add(800, 5000);
	add(801, 5000);
	add(802, 5001);
	add(803, 5002, { status: 80 });
	add(804, 5002);
	add(805, 5003, { labelSubstatus: 'PENDING' });
	add(806, 5003, { labelSubstatus: 'STALE' });
	add(807, 6000, { marketplaceId: TIENDA_NUBE });
	add(808, 6000, { marketplaceId: TIENDA_NUBE });
});

const splitRequests = () => run.sandbox.requests.filter((request) => request.path.endsWith('/split'));
const packOf = (orderId: number) => run.sandbox.orderAsSent(ACCOUNT, orderId)?.PackId;

describe('Order → Split Cart Order: the request', () => {
	it('sends POST /v2/orders/{orderId}/split with the reason, and reports what was sent', async () => {
		const result = await run.run({ orderId: '800', splitReason: 2 });

		expect(result.main).toEqual([
			{
				json: {
					split: true,
					accountId: ACCOUNT,
					orderId: 800,
					splitReason: 2,
					splitReasonName: 'Another Warehouse',
					alepheeMessage: 'La orden fue separada del carrito.',
				},
				pairedItem: { item: 0 },
			},
		]);
		const [request] = splitRequests();
		expect([request.method, request.path, request.body]).toEqual(['POST', '/v2/orders/800/split', '']);
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT), orderId: '800', splitReasonId: '2' });
		expect(run.sandbox.requests).toHaveLength(1);
	});

	it('the order gets a new PackId and ExternalShippingId, which Get shows; the other order stays in the cart', async () => {
		await run.run({ orderId: '800', splitReason: 1 });

		const got = await run.run({ operation: 'get', orderId: '800', simplify: false });
		expect(got.main[0].json.PackId).toEqual(expect.any(Number));
		expect(got.main[0].json.PackId).not.toBe(5000);
		expect((got.main[0].json.Shipping as { ExternalShippingId: string }).ExternalShippingId).not.toBe('SHIP-800');
		expect(packOf(801)).toBe(5000);
	});

	it.each([
		[1, 'Fragile'],
		[3, 'Irregular Shape'],
		[4, 'Other Motive'],
	])('Split Reason %i is sent as splitReasonId, named %s in the output', async (splitReason, name) => {
		const result = await run.run({ orderId: '800', splitReason: `={{ ${splitReason} }}` });
		expect(result.main[0].json).toMatchObject({ split: true, splitReason, splitReasonName: name });
		expect(splitRequests()[0].query.splitReasonId).toBe(String(splitReason));
	});
});

describe('Order → Split Cart Order: Alephee\'s refusals, with the documented preconditions', () => {
	it.each([
		['alone in its cart', 802, 'no pertenece a un carrito (ORDERS PACK) con más de una orden'],
		['delivered', 803, 'ya fue entregada'],
		['whose label is PENDING', 805, 'está en subestado PENDING'],
		['whose label is STALE', 806, 'está en subestado STALE'],
		['not Mercado Libre\'s', 807, 'no es de Mercado Libre'],
	])('an order %s: refused, quoting Alephee; the cart is unchanged', async (_case, orderId, said) => {
		const packBefore = packOf(orderId);
		const result = await run.run({ orderId: String(orderId), splitReason: 1 });

		expect(result.error?.message).toBe(`Alephee refused to split order ${orderId}`);
		expect(result.error?.description).toMatch(
			/^Alephee splits only an order of a Mercado Libre cart \(orders pack\) that holds more than one order, that is not delivered, and whose shipping label is not in substate PENDING or STALE\./,
		);
		expect(result.error?.description).toContain(said);
		expect(packOf(orderId)).toBe(packBefore);
	});

	it('once one order of a cart of two is split, the other is alone and cannot be split', async () => {
		expect((await run.run({ orderId: '800', splitReason: 1 })).main[0].json.split).toBe(true);
		const result = await run.run({ orderId: '801', splitReason: 1 });
		expect(result.error?.message).toBe('Alephee refused to split order 801');
	});

	it('an order that does not exist: the shared not-found words', async () => {
		const result = await run.run({ orderId: '999', splitReason: 1 });
		expect(result.error?.message).toBe(`Order 999 was not found in account ${ACCOUNT}`);
	});

	it('a 500: the order may or may not have been split, no retry', async () => {
		run.sandbox.failNextWith({ endpoint: 'POST /v2/orders/{orderId}/split', status: 500, body: 'Error interno' });
		const result = await run.run({ orderId: '800', splitReason: 1 });
		expect(result.error?.message).toBe('Alephee had an internal error while splitting order 800 out of its cart');
		expect(result.error?.description).toMatch(/^The order may or may not have been split: check it in Alephee/);
		expect(splitRequests()).toHaveLength(1);
	});
});

describe('Order → Split Cart Order: input checked before anything is sent', () => {
	it.each([
		['a Split Reason Alephee does not document', { splitReason: '={{ 5 }}' }, 'Split Reason is not valid: "5" is not one of 1, 2, 3, 4'],
		['an Order ID expression that gives nothing', { orderId: '={{ $json.none }}' }, 'Order ID is not valid: it is empty'],
		['a decimal Order ID', { orderId: '={{ 800.5 }}' }, 'Order ID is not valid: "800.5" is not a whole number'],
	])('refuses %s, naming the field; the sandbox gets nothing', async (_case, parameters, expected) => {
		const result = await run.run({ orderId: '800', splitReason: 1, ...parameters });

		expect(result.error?.message).toBe(expected);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee\.$/);
		expect(run.sandbox.requests).toHaveLength(0);
	});
});

describe('Order → Split Cart Order: N items in, N outcomes out, each paired', () => {
	const items = [{ order: 800 }, { order: 802 }, { order: 'x' }, { order: 804 }];
	const parameters = { orderId: '={{ $json.order }}', splitReason: 1 };

	it('Continue On Fail (regular output): failures carry the order they were for', async () => {
		const result = await run.run(parameters, { items, onError: 'continueRegularOutput' });

		expect(result.main.map((item) => [item.json.split ?? false, item.json.orderId, item.pairedItem])).toEqual([
			[true, 800, { item: 0 }],
			[false, 802, { item: 1 }],
			[false, 'x', { item: 2 }],
			[true, 804, { item: 3 }],
		]);
		expect(result.main[1].json).toEqual({
			error: 'Alephee refused to split order 802',
			message: expect.stringContaining('Alephee says:'),
			accountId: ACCOUNT,
			orderId: 802,
		});
	});

	it('error output: successes on main, failures on the error output, all paired', async () => {
		const result = await run.run(parameters, { items, onError: 'continueErrorOutput' });

		expect(outcomes(result, 'orderId')).toEqual({
			main: [[800, 0], [804, 3]],
			errors: [
				['Alephee refused to split order 802', 1],
				['Order ID is not valid: "x" is not a whole number', 2],
			],
		});
	});
});

describe('Order → Split Cart Order: the API key stays secret', () => {
	it('appears nowhere in the saved run, even when Alephee quotes it back', async () => {
		const body = JSON.stringify({ Status: 412, Message: `API_KEY ${API_KEY} sin permiso` });
		run.sandbox.failNextWith({ endpoint: 'POST /v2/orders/{orderId}/split', status: 412, contentType: 'application/json', body });
		await expectKeyNowhere(run, API_KEY, { orderId: '={{ $json.order }}', splitReason: 1 }, [{ order: 800 }, { order: 802 }]);
	});
});
