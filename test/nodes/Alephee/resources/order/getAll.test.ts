import { runAlephee } from '../../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../../../../sandbox/alepheeSandbox';
import { sandboxPerTest } from '../sandboxRun';

const API_KEY = 'get-many-key-31a';
const ACCOUNT = 4100;
const OTHER_ACCOUNT = 4200;

const fixture = sandboxPerTest(API_KEY, [ACCOUNT]);

const at = (iso: string) => new Date(iso);
const account = { __rl: true, mode: 'list', value: String(ACCOUNT) };

function seedOrders(count: number, from = 1, extra: Partial<Parameters<AlepheeSandbox['addOrder']>[0]> = {}) {
	for (let index = 0; index < count; index++) {
		const orderId = from + index;
		fixture.sandbox.addOrder({
			accountId: ACCOUNT,
			orderId,
			createdThrough: 'api',
			lines: [{ sku: `SKU-${orderId % 3}`, quantity: 1 + (orderId % 2), unitPrice: 100 }],
			dateCreated: at(`2026-11-20T10:${String(index % 60).padStart(2, '0')}:00Z`),
			...extra,
		});
	}
}

const getMany = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials: fixture.credentials, typeVersion: 1.1, parameters: { operation: 'getAll', accountId: account, ...parameters }, ...extra });

const listRequests = () => fixture.sandbox.requestsTo('GET /v2/orders');

describe('Order → Get Many: paging', () => {
	it('Return All reads every page until Paging.Total, one output item per order, all paired to the input', async () => {
		seedOrders(250);
		const result = await getMany({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.id)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
		expect(result.main.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// Not integrated (all 250 here), then integrated (none): Alephee has no value for both.
		expect(listRequests().map((request) => [request.query.Integrated, request.query.offset, request.query.limit])).toEqual([
			['false', '0', '100'],
			['false', '99', '100'],
			['false', '198', '100'],
			['true', '0', '100'],
		]);
		for (const request of listRequests()) expect(request.query.accountId).toBe(String(ACCOUNT));
	});

	it('Limit (default 50) stops early and asks for no more than it needs', async () => {
		seedOrders(250);
		const byDefault = await getMany({});
		expect(byDefault.main).toHaveLength(50);
		expect(listRequests().map((request) => request.query.limit)).toEqual(['50']);

		const result = await getMany({ returnAll: false, limit: 130 });
		expect(result.main).toHaveLength(130);
		expect(listRequests().slice(1).map((request) => [request.query.offset, request.query.limit])).toEqual([
			['0', '100'],
			['99', '31'],
		]);
	});

	it('a 206 (page over the endpoint\'s cap) is a partial page: the next starts after what came, nothing skipped', async () => {
		seedOrders(95);
		fixture.sandbox.setObjectCap('GET /v2/orders', 40);
		const result = await getMany({ returnAll: true });

		expect(result.main.map((item) => item.json.id)).toEqual(Array.from({ length: 95 }, (_, index) => index + 1));
		expect(listRequests().map((request) => [request.query.Integrated, request.query.offset, request.answeredWith])).toEqual([
			['false', '0', 206],
			['false', '39', 206],
			['false', '78', 206],
			['true', '0', 206],
		]);
	});

	it('each input item runs its own listing', async () => {
		seedOrders(3);
		const result = await getMany({ returnAll: true }, { items: [{}, {}] });
		expect(result.main.map((item) => item.pairedItem)).toEqual([0, 0, 0, 1, 1, 1].map((item) => ({ item })));
	});

	it('pages are paced like every request: a tight limit is waited out, not run into', async () => {
		seedOrders(300);
		fixture.sandbox.setEndpointRateLimit('GET /v2/orders', { perMinute: 120, burst: 2 });
		const result = await getMany({ returnAll: true });
		expect(result.main).toHaveLength(300);
		expect(fixture.sandbox.rejectedByRateLimit).toBe(0);
	});
});

describe('Order → Get Many: what Alephee hides by default', () => {
	beforeEach(() => {
		seedOrders(4);
		fixture.sandbox.markIntegrated(ACCOUNT, 2);
		fixture.sandbox.markIntegrated(ACCOUNT, 4);
	});

	it('with no Integrated filter, lists every order, integrated by an ERP or not, asking for each explicitly', async () => {
		const result = await getMany({ returnAll: true });
		expect(result.main.map((item) => item.json.id).sort()).toEqual([1, 2, 3, 4]);
		expect(listRequests().map((request) => [request.query.Integrated, request.query.includePendingPayments])).toEqual([
			['false', 'false'],
			['true', 'false'],
		]);
	});

	it('an order listed by both lists (integrated between the two reads) comes out once', async () => {
		// The ERP integrates order 3 right after the not-integrated list has given it.
		fixture.sandbox.changeAfterEachAnswer('GET /v2/orders', (request) => {
			if (request.query.Integrated === 'false') fixture.sandbox.order(ACCOUNT, 3)!.integrated = true;
		});
		const result = await getMany({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.id)).toEqual([1, 3, 2, 4]);
		// Both lists were read, the integrated one after order 3 had joined it.
		expect(listRequests().map((request) => request.query.Integrated)).toEqual(['false', 'true']);
		expect(fixture.sandbox.order(ACCOUNT, 3)?.integrated).toBe(true);
	});

	it('Integrated Only and Not Integrated Only ask once, for that state', async () => {
		const integrated = await getMany({ returnAll: true, filters: { integrated: 'integrated' } });
		expect(integrated.main.map((item) => item.json.id)).toEqual([2, 4]);
		const notIntegrated = await getMany({ returnAll: true, filters: { integrated: 'notIntegrated' } });
		expect(notIntegrated.main.map((item) => item.json.id)).toEqual([1, 3]);
		expect(listRequests().map((request) => request.query.Integrated)).toEqual(['true', 'false']);
	});

	it('a workflow saved with the earlier on/off switch gets what it asked for', async () => {
		const on = await getMany({ returnAll: true, filters: { integrated: true } });
		expect(on.main.map((item) => item.json.id)).toEqual([2, 4]);
		const off = await getMany({ returnAll: true, filters: { integrated: false } });
		expect(off.main.map((item) => item.json.id)).toEqual([1, 3]);
	});

	it('a Limit is filled from the first list, then the second', async () => {
		const result = await getMany({ returnAll: false, limit: 3 });
		expect(result.main.map((item) => item.json.id)).toEqual([1, 3, 2]);
		expect(listRequests().map((request) => [request.query.Integrated, request.query.limit])).toEqual([
			['false', '3'],
			['true', '1'],
		]);
	});

	it('a wrong Integrated value is refused before sending, naming the field', async () => {
		const result = await getMany({ filters: { integrated: '={{ "sometimes" }}' } });
		expect(result.error?.message).toBe('Integrated is not valid: "sometimes" is not one of any, integrated, notIntegrated');
		expect(listRequests()).toHaveLength(0);
	});

	it('orders with a pending payment are listed only when asked, and the choice is always sent', async () => {
		fixture.sandbox.addOrder({ accountId: ACCOUNT, orderId: 9, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }], pendingPayment: true });
		const withPending = await getMany({ returnAll: true, filters: { includePendingPayments: true } });
		expect(withPending.main.map((item) => item.json.id)).toContain(9);
		const approvedOnly = await getMany({ returnAll: true });
		expect(approvedOnly.main.map((item) => item.json.id)).not.toContain(9);
		expect(listRequests().map((request) => request.query.includePendingPayments)).toEqual(['true', 'true', 'false', 'false']);
	});
});

describe('Order → Get Many: filters', () => {
	it('sends each filter as Alephee\'s query parameter, dates to the minute', async () => {
		seedOrders(5);
		await getMany({
			returnAll: true,
			filters: {
				statusType: 1,
				dateCreatedFrom: '2026-11-20T10:02:30',
				saleDateFrom: '2026-11-19T00:00:00',
				statusDateFrom: '2026-11-19T08:15:00',
				idFrom: '2',
				idTo: ' 4 ',
				externalOrderIdFrom: '2000000001',
				externalOrderIdTo: '2000000009',
				marketplaceId: 1,
				integrated: false,
				erpStatus: 'pending',
				includePendingPayments: true,
			},
			options: { sort: 'dateCreated' },
		});

		const [request] = listRequests();
		expect(request.query).toEqual({
			API_KEY,
			accountId: String(ACCOUNT),
			statusType: '1',
			dateCreatedFrom: '2026-11-20 10:02',
			saleDateFrom: '2026-11-19 00:00',
			statusDateFrom: '2026-11-19 08:15',
			idFrom: '2',
			idTo: '4',
			externalOrderIdFrom: '2000000001',
			externalOrderIdTo: '2000000009',
			marketplaceId: '1',
			Integrated: 'false',
			erpStatus: 'pending',
			includePendingPayments: 'true',
			sort: 'dateCreated',
			offset: '0',
			limit: '100',
		});
	});

	it('the status group leaves out other groups and deleted orders, as Alephee documents', async () => {
		seedOrders(3);
		fixture.sandbox.setOrderStatus(ACCOUNT, 2, 80);
		fixture.sandbox.setOrderStatus(ACCOUNT, 3, ORDER_STATUS_DELETED);
		const pending = await getMany({ returnAll: true, filters: { statusType: 1 } });
		expect(pending.main.map((item) => item.json.id)).toEqual([1]);
		const everything = await getMany({ returnAll: true });
		expect(everything.main.map((item) => [item.json.id, item.json.statusCode])).toEqual([
			[1, 10],
			[2, 80],
			[3, ORDER_STATUS_DELETED],
		]);
	});

	it('a filter value that is wrong is refused before sending, naming the filter', async () => {
		const result = await getMany({ filters: { dateCreatedFrom: '={{ "last tuesday" }}' } });
		expect(result.error?.message).toBe('Created After is not valid: "last tuesday" is not a date and time');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Order → Get Many: output', () => {
	it('Simplify (default) gives the flat summary; off gives the order as Alephee sends it', async () => {
		fixture.sandbox.addOrder({
			accountId: ACCOUNT,
			orderId: 77,
			createdThrough: 'marketplace',
			lines: [
				{ sku: 'MATE', quantity: 2, unitPrice: 1500 },
				{ sku: 'BOMBILLA', quantity: 1, unitPrice: 999 },
			],
			buyerName: 'Ana Pérez',
			dateCreated: at('2026-11-20T10:15:00Z'),
		});
		const simple = await getMany({ returnAll: true });
		expect(simple.main[0].json).toEqual(
			expect.objectContaining({
				id: 77,
				marketplaceOrderNumber: '2000000077',
				statusCode: 10,
				statusGroup: expect.any(String),
				marketplace: 'Mercado Libre',
				dateCreated: '2026-11-20T10:15:00.000Z',
				accountId: ACCOUNT,
				buyerName: 'Ana Pérez',
				total: 3999,
				itemCount: 3,
			}),
		);
		const raw = await getMany({ returnAll: true, simplify: false });
		expect(raw.main[0].json).toEqual(fixture.sandbox.orderAsSent(ACCOUNT, 77));
	});

	it('no order matches: no output item, no error', async () => {
		const result = await getMany({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.main).toEqual([]);
		expect(listRequests().map((request) => request.query.Integrated)).toEqual(['false', 'true']);
	});
});

describe('Order → Get Many: failures', () => {
	it('an account not tied to the key: the listing\'s own words, nothing else sent', async () => {
		const result = await getMany({ accountId: { __rl: true, mode: 'id', value: String(OTHER_ACCOUNT) } });
		expect(result.error?.message).toBe(`The API key is not allowed to use account ${OTHER_ACCOUNT}`);
		expect(listRequests()).toHaveLength(1);
	});

	it('a 500 fails the item in read words (nothing changed); with Continue On Fail, one error item', async () => {
		seedOrders(150);
		fixture.sandbox.failNextWith({ endpoint: 'GET /v2/orders', status: 500, body: 'Error interno' });
		const result = await getMany({ returnAll: true }, { onError: 'continueRegularOutput' });
		expect(result.main).toEqual([
			{
				json: {
					error: `Alephee had an internal error while listing orders of account ${ACCOUNT}`,
					message: expect.stringMatching(/^Nothing was changed in Alephee \(this only reads data\)/),
					accountId: ACCOUNT,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
