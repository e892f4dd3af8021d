import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox } from '../../../../../sandbox/alepheeSandbox';

const API_KEY = 'status-key-71d';
const ACCOUNT = 4100;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 700, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
	sandbox.addOrder({ accountId: ACCOUNT, orderId: 701, createdThrough: 'marketplace', lines: [{ sku: 'A', quantity: 1 }] });
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const updateStatus = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({
		credentials,
		typeVersion: 1.1,
		parameters: { operation: 'updateStatus', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters },
		...extra,
	});

describe('Order → Update Status', () => {
	it('sends PUT /v2/orders with the order\'s new status and tracking, and reports what was sent', async () => {
		const result = await updateStatus({ orderId: '700', status: 20, trackingNumber: 'TRK-1', trackingStatus: 'in transit' });

		expect(result.main).toEqual([
			{
				json: {
					updated: true,
					orderId: 700,
					accountId: ACCOUNT,
					status: 20,
					statusName: 'Shipped',
					trackingNumber: 'TRK-1',
					trackingStatus: 'in transit',
					// Alephee's own words for the order's result, as it sent them.
					alepheeMessage: 'Estado actualizado.',
				},
				pairedItem: { item: 0 },
			},
		]);
		const [request] = sandbox.requestsTo('PUT /v2/orders');
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT) });
		expect(JSON.parse(request.body)).toEqual([{ OrderId: 700, Status: 20, Tracking: { Number: 'TRK-1', Status: 'in transit' } }]);
		expect(sandbox.order(ACCOUNT, 700)?.status).toBe(20);
	});

	it('leaves Tracking out when none is given', async () => {
		await updateStatus({ orderId: '700', status: 80 });
		expect(JSON.parse(sandbox.requestsTo('PUT /v2/orders')[0].body)).toEqual([{ OrderId: 700, Status: 80 }]);
		expect(sandbox.order(ACCOUNT, 700)?.status).toBe(80);
	});

	it('Alephee\'s result for the order decides: cancelling a marketplace order fails that item, in Alephee\'s words', async () => {
		const result = await updateStatus(
			{ orderId: '={{ $json.id }}', status: 90 },
			{ items: [{ id: 700 }, { id: 701 }], onError: 'continueErrorOutput' },
		);

		expect(result.main.map((item) => [item.json.orderId, item.json.updated, item.pairedItem])).toEqual([[700, true, { item: 0 }]]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorOutput[0].json.error).toMatch(/order 701/);
		expect(result.errorOutput[0].json.message).toMatch(/Alephee says: ".+"/);
		expect(sandbox.order(ACCOUNT, 701)?.status).toBe(10);
	});

	it('an order that does not exist: Delete\'s not-found words', async () => {
		const result = await updateStatus({ orderId: '999', status: 20 });
		expect(result.error?.message).toBe(`Order 999 was not found in account ${ACCOUNT}`);
	});

	it('a status Alephee does not take is refused before sending, naming the field', async () => {
		const result = await updateStatus({ orderId: '700', status: '={{ 70 }}' });
		expect(result.error?.message).toBe('New Status is not valid: "70" is not one of 10, 17, 20, 80, 90');
		expect(sandbox.requests).toHaveLength(0);
	});

	/**
	 * Update Status of order 700 to `status`, answered 200 with `perOrderStatus` as the order's own
	 * result, with Continue On Fail: the one item, which must not say "updated".
	 */
	async function answeredForOrder700(status: number, perOrderStatus: number, message: string) {
		sandbox.failNextWith({
			endpoint: 'PUT /v2/orders',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ Total: 1, Results: [{ OrderStatus: { OrderId: 700, Status: status }, Status: perOrderStatus, Message: message }] }),
		});
		const result = await updateStatus({ orderId: '700', status }, { onError: 'continueRegularOutput' });
		expect(result.main).toHaveLength(1);
		expect(result.main[0].json.updated).toBeUndefined();
		return result;
	}

	it('a 200 whose result for the order is 500: the item fails as uncertain (may or may not have changed), never "updated"', async () => {
		const result = await answeredForOrder700(20, 500, 'Error interno al actualizar la orden.');
		expect(result.main[0]).toEqual({
			json: {
				error: 'Alephee had an internal error while changing the status of order 700 to 20 (Shipped)',
				message:
					"The order's status may or may not have changed: check it in Alephee before running this item again. If it keeps happening, contact Alephee support. Alephee says: \"Error interno al actualizar la orden.\"",
				accountId: ACCOUNT,
				orderId: 700,
			},
			pairedItem: { item: 0 },
		});
		// One call: an outcome that is not known is not sent again.
		expect(sandbox.requestsTo('PUT /v2/orders')).toHaveLength(1);
	});

	it('a 200 whose result for the order is 304: worded as nothing to change, never "updated"', async () => {
		const result = await answeredForOrder700(10, 304, 'La orden ya tiene ese estado.');
		expect(result.main[0]).toEqual({
			json: {
				error: 'The status of order 700 was not changed: Alephee reported nothing to change',
				message:
					'Open the order in Alephee to see its current status; it may have it already. Alephee says: "La orden ya tiene ese estado."',
				accountId: ACCOUNT,
				orderId: 700,
			},
			pairedItem: { item: 0 },
		});
	});

	it('a 500 for the call: the status may or may not have changed, no retry', async () => {
		sandbox.failNextWith({ endpoint: 'PUT /v2/orders', status: 500, body: 'Error interno' });
		const result = await updateStatus({ orderId: '700', status: 20 });
		expect(result.error?.message).toBe('Alephee had an internal error while changing the status of order 700 to 20 (Shipped)');
		expect(result.error?.description).toMatch(/^The order's status may or may not have changed: check it in Alephee/);
		expect(sandbox.requestsTo('PUT /v2/orders')).toHaveLength(1);
	});
});
