import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../../sandbox/alepheeSandbox';

const API_KEY = 'get-one-key-8c2';
const ACCOUNT = 4100;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	for (const orderId of [500, 501, 502]) {
		sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }] });
	}
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const get = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({
		credentials,
		typeVersion: 1.1,
		parameters: { operation: 'get', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters },
		...extra,
	});

describe('Order → Get', () => {
	it('reads one order through the list narrowed to its internal ID, pending payments included', async () => {
		const result = await get({ orderId: '501' });

		expect(result.main).toEqual([{ json: expect.objectContaining({ id: 501, statusCode: 10, accountId: ACCOUNT }), pairedItem: { item: 0 } }]);
		const [request] = sandbox.requestsTo('GET /v2/orders');
		expect(request.query).toEqual({
			API_KEY,
			accountId: String(ACCOUNT),
			idFrom: '501',
			idTo: '501',
			includePendingPayments: 'true',
			Integrated: 'false',
			offset: '0',
			limit: '100',
		});
	});

	it('finds an order an ERP already integrated, asking for it explicitly (not found is said only after both)', async () => {
		sandbox.markIntegrated(ACCOUNT, 501);
		sandbox.addOrder({ accountId: ACCOUNT, orderId: 601, createdThrough: 'api', lines: [], pendingPayment: true });
		sandbox.markIntegrated(ACCOUNT, 601);
		const result = await get({ orderId: '={{ $json.id }}' }, { items: [{ id: 501 }, { id: 601 }] });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.id)).toEqual([501, 601]);
		const asked = sandbox.requestsTo('GET /v2/orders').map((request) => [request.query.idFrom, request.query.Integrated]);
		expect(asked.sort()).toEqual([
			['501', 'false'],
			['501', 'true'],
			['601', 'false'],
			['601', 'true'],
		]);
	});

	it('finds an order whose payment is pending, and a deleted one with status 70', async () => {
		sandbox.addOrder({ accountId: ACCOUNT, orderId: 600, createdThrough: 'api', lines: [], pendingPayment: true });
		sandbox.setOrderStatus(ACCOUNT, 502, ORDER_STATUS_DELETED);
		const result = await get({ orderId: '={{ $json.id }}' }, { items: [{ id: 600 }, { id: 502 }] });
		expect(result.main.map((item) => [item.json.id, item.json.statusCode, item.json.status])).toEqual([
			[600, 10, expect.any(String)],
			[502, ORDER_STATUS_DELETED, expect.stringMatching(/delet/i)],
		]);
	});

	it('an order that does not exist: the same words as Delete\'s 404', async () => {
		const result = await get({ orderId: '999' }, { onError: 'continueRegularOutput' });
		expect(result.main).toEqual([
			{
				json: {
					error: `Order 999 was not found in account ${ACCOUNT}`,
					message: expect.stringContaining("not the marketplace's order number"),
					accountId: ACCOUNT,
					orderId: 999,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Simplify off: the order exactly as Alephee sends it', async () => {
		const result = await get({ orderId: '500', simplify: false });
		expect(result.main[0].json).toEqual(sandbox.orderAsSent(ACCOUNT, 500));
	});

	it('a bad Order ID is refused before sending', async () => {
		const result = await get({ orderId: 'ABC-1' });
		expect(result.error?.message).toBe('Order ID is not valid: "ABC-1" is not a whole number');
		expect(sandbox.requests).toHaveLength(0);
	});
});
