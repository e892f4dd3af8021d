/**
 * The sandbox's order endpoints, checked with a plain HTTP client against what Alephee's
 * documentation (../shared/alephee/) says: the order object, the list filters and groups, the
 * paging envelope, the page cap, and status updates with one result per order.
 */
import axios from 'axios';

import { AlepheeSandbox, type NewOrder, ORDER_STATUS_DELETED } from '../../sandbox/alepheeSandbox';

const KEY = 'orders-self-test';
const ACCOUNT = 5;
let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(KEY, [ACCOUNT]);
});

afterEach(async () => {
	await sandbox.stop();
});

const at = (iso: string) => new Date(`${iso}Z`);
const add = (orderId: number, fields: Partial<NewOrder> = {}) =>
	sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'api', lines: [{ sku: 'A', quantity: 1 }], ...fields });

interface OrderList {
	Total: number;
	Paging: { Limit: number; Offset: number; Total: number };
	SortBy: { Id: string; Name: string };
	AvailableSorts: Array<{ Id: string; Name: string }>;
	Results: Array<Record<string, unknown> & { Id: number }>;
}

async function call<T>(method: 'get' | 'put', path: string, query: Record<string, unknown>, body?: unknown) {
	const response = await axios.request<string>({
		method,
		url: `${sandbox.baseUrl}${path}`,
		params: { API_KEY: KEY, ...query },
		data: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { 'content-type': 'application/json' },
		validateStatus: () => true,
		transformResponse: (raw) => raw,
	});
	return { status: response.status, headers: response.headers, body: JSON.parse(response.data) as T };
}

const getOrders = async (query: Record<string, unknown> = {}) => await call<OrderList>('get', '/orders', { accountId: ACCOUNT, ...query });
const idsOf = async (query: Record<string, unknown> = {}) => (await getOrders(query)).body.Results.map((order) => order.Id);

describe('GET /v2/orders', () => {
	it('sends each order in the documented PascalCase shape', async () => {
		sandbox.addAccount(ACCOUNT, { name: 'Mates del Sur', businessName: 'Mates del Sur SRL', ownCode: 'MDS', marketplaces: [{ id: 7, name: 'Tienda Nube' }] });
		add(1, {
			marketplaceId: 7,
			externalOrderId: 'TN-1',
			dateCreated: at('2024-05-01T10:00:00'),
			buyerName: 'Ana Pérez',
			erpStatus: 'Pendiente',
			lines: [
				{ sku: 'MATE', quantity: 2, unitPrice: 1500, title: 'Mate de calabaza', brand: 'Pampa' },
				{ sku: 'YERBA', quantity: 1, unitPrice: 3000 },
			],
		});

		const { status, body } = await getOrders();

		expect(status).toBe(200);
		expect(body.Results).toHaveLength(1);
		expect(body.Results[0]).toMatchObject({
			Id: 1,
			ExternalOrderId: 'TN-1',
			SellerAccount: { Id: ACCOUNT, OwnCode: 'MDS', Name: 'Mates del Sur', BusinessName: 'Mates del Sur SRL' },
			Status: { Key: 10, Value: 'Pending shipping' },
			StatusType: { Key: 1, Value: 'Pending' },
			MarketPlace: { Key: 7, Value: 'Tienda Nube' },
			DateCreated: '2024-05-01T10:00:00.000Z',
			LastUpdated: '2024-05-01T10:00:00.000Z',
			DateClosed: null,
			IsCancelled: false,
			Integrated: false,
			ErpStatus: 'Pendiente',
			Items: [
				{ Product: { Sku: 'MATE', Brand: 'Pampa', Title: 'Mate de calabaza' }, Quantity: 2, UnitPrice: 1500 },
				{ Product: { Sku: 'YERBA' }, Quantity: 1, UnitPrice: 3000 },
			],
			Payments: [{ Amount: 6000, Total: 6000, Status: 'approved' }],
			Buyer: { Name: 'Ana Pérez' },
		});
		expect(body.Results[0]).toEqual(sandbox.orderAsSent(ACCOUNT, 1));
		for (const field of ['Shipping', 'PackId', 'IntegratedOrderId', 'Notes']) expect(body.Results[0]).toHaveProperty(field);
	});

	it('statusType selects the documented groups; Deleted (70) is in none, so only an unfiltered list shows it', async () => {
		const statuses = [0, 10, 17, 20, 30, 31, 87, 89, 91, 92, 80, 11, 90, 93, 70];
		statuses.forEach((status, index) => add(100 + index, { status }));
		const statusesOf = async (query: Record<string, unknown>) =>
			(await getOrders(query)).body.Results.map((order) => (order.Status as { Key: number }).Key);

		expect(await statusesOf({ statusType: 0 })).toEqual([0]);
		expect(await statusesOf({ statusType: 1 })).toEqual([10, 17, 20, 30, 31, 87, 89, 91, 92]);
		expect(await statusesOf({ statusType: 2 })).toEqual([80]);
		expect(await statusesOf({ statusType: 99 })).toEqual([11, 90, 93]);
		expect(await statusesOf({})).toEqual(statuses);

		const deleted = (await getOrders({ idFrom: 114 })).body.Results[0];
		expect(deleted).toMatchObject({ Status: { Key: 70, Value: 'Deleted' }, StatusType: null });
		const cancelled = (await getOrders({ statusType: 99 })).body.Results[0];
		expect(cancelled).toMatchObject({ StatusType: { Key: 99, Value: 'Cancelled' }, IsCancelled: true });
		expect((await getOrders({ statusType: 3 })).status).toBe(400);
	});

	it('date filters read yyyy-mm-dd HH:mm in UTC and include the minute they name', async () => {
		add(1, { dateCreated: at('2024-05-01T09:59:59') });
		add(2, { dateCreated: at('2024-05-01T10:00:00'), saleDate: at('2024-05-03T00:00:00') });
		add(3, { dateCreated: at('2024-05-01T10:00:59'), statusDate: at('2024-05-04T12:30:00') });

		expect(await idsOf({ dateCreatedFrom: '2024-05-01 10:00' })).toEqual([2, 3]);
		expect(await idsOf({ dateCreatedFrom: '2024-05-01 10:01' })).toEqual([]);
		// The sale date defaults to the creation date, the status date too.
		expect(await idsOf({ saleDateFrom: '2024-05-02 00:00' })).toEqual([2]);
		expect(await idsOf({ statusDateFrom: '2024-05-04 12:30' })).toEqual([3]);
		expect(await idsOf({ statusDateFrom: '2024-05-01 09:59' })).toEqual([1, 2, 3]);
	});

	it.each(['2024-05-01T10:00', '2024-05-01 10:00:00', '2024-05-01', '2024-02-30 10:00', '2024-05-01 24:00', '01/05/2024 10:00', '2024-5-1 9:00'])(
		'a date not in yyyy-mm-dd HH:mm is refused with 400 {Status, Message}: %p',
		async (date) => {
			add(1);
			for (const filter of ['dateCreatedFrom', 'saleDateFrom', 'statusDateFrom']) {
				const response = await call<{ Status: number; Message: string }>('get', '/orders', { accountId: ACCOUNT, [filter]: date });
				expect(response.status).toBe(400);
				expect(response.body).toEqual({ Status: 400, Message: expect.stringContaining(filter) });
			}
		},
	);

	it('ID and marketplace-number ranges are inclusive; marketplace numbers of digits compare as numbers', async () => {
		add(1, { externalOrderId: '999' });
		add(2, { externalOrderId: '1000' });
		add(3, { externalOrderId: '20000000000000001' });
		add(4, { externalOrderId: 'B-7' });

		expect(await idsOf({ idFrom: 2, idTo: 3 })).toEqual([2, 3]);
		expect(await idsOf({ idFrom: 3, idTo: 3 })).toEqual([3]);
		expect(await idsOf({ idFrom: 4, idTo: 3 })).toEqual([]);
		expect(await idsOf({ externalOrderIdFrom: '1000' })).toEqual([2, 3, 4]);
		expect(await idsOf({ externalOrderIdFrom: '999', externalOrderIdTo: '1000' })).toEqual([1, 2]);
		expect(await idsOf({ externalOrderIdFrom: '20000000000000001', externalOrderIdTo: '20000000000000001' })).toEqual([3]);
		expect((await getOrders({ idFrom: 'one' })).status).toBe(400);
	});

	it('filters by marketplace, ERP status, integration (default: not integrated) and pending payment (default: hidden)', async () => {
		add(1, { marketplaceId: 1 });
		add(2, { marketplaceId: 2 });
		add(3, { integrated: true });
		add(4, { erpStatus: 'Facturada' });
		add(5, { pendingPayment: true });

		expect(await idsOf()).toEqual([1, 2, 4]);
		expect(await idsOf({ marketplaceId: 2 })).toEqual([2]);
		expect(await idsOf({ Integrated: true })).toEqual([3]);
		expect(await idsOf({ Integrated: 'FALSE' })).toEqual([1, 2, 4]);
		expect(await idsOf({ erpStatus: 'Facturada' })).toEqual([4]);
		expect(await idsOf({ includePendingPayments: true })).toEqual([1, 2, 4, 5]);
		expect((await getOrders({ Integrated: 'yes' })).status).toBe(400);
		expect((await getOrders({ includePendingPayments: 1 })).status).toBe(400);
	});

	it('sorts ascending by ID (default) or dateCreated, says which in SortBy, and refuses another sort', async () => {
		add(3, { dateCreated: at('2024-05-01T08:00:00') });
		add(1, { dateCreated: at('2024-05-01T09:00:00') });
		add(2, { dateCreated: at('2024-05-01T08:00:00') });

		const byId = await getOrders();
		expect(byId.body.Results.map((order) => order.Id)).toEqual([1, 2, 3]);
		expect(byId.body.SortBy).toEqual({ Id: 'ID', Name: expect.any(String) });
		expect(byId.body.AvailableSorts.map((sort) => sort.Id)).toEqual(['ID', 'dateCreated']);
		const byDate = await getOrders({ sort: 'dateCreated' });
		expect(byDate.body.Results.map((order) => order.Id)).toEqual([2, 3, 1]);
		expect(byDate.body.SortBy.Id).toBe('dateCreated');
		expect((await getOrders({ sort: 'dateCreatedDesc' })).status).toBe(400);
	});

	it('pages with offset and limit (default 0 and 100): more pages remain while Offset + Limit < Total', async () => {
		for (let id = 1; id <= 250; id++) add(id);

		const first = await getOrders();
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ Total: 250, Paging: { Limit: 100, Offset: 0, Total: 250 } });
		expect(first.body.Results).toHaveLength(100);

		const seen: number[] = [];
		let offset = 0;
		let pages = 0;
		for (;;) {
			const { body } = await getOrders({ offset, limit: 70 });
			pages++;
			seen.push(...body.Results.map((order) => order.Id));
			if (body.Paging.Offset + body.Paging.Limit >= body.Paging.Total) break;
			offset += body.Paging.Limit;
		}
		expect(pages).toBe(4);
		expect(seen).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
		expect((await getOrders({ offset: 300 })).body).toMatchObject({ Total: 250, Results: [] });
		expect((await getOrders({ limit: 0 })).status).toBe(400);
	});

	it('a limit over the page cap answers 206 with the first cap orders, and Paging.Limit says the cap', async () => {
		for (let id = 1; id <= 120; id++) add(id);
		sandbox.setObjectCap('GET /v2/orders', 50);

		const over = await getOrders({ limit: 100, offset: 10 });
		expect(over.status).toBe(206);
		expect(over.body.Paging).toEqual({ Limit: 50, Offset: 10, Total: 120 });
		expect(over.body.Results.map((order) => order.Id)).toEqual(Array.from({ length: 50 }, (_, index) => index + 11));
		expect((await getOrders({ limit: 50 })).status).toBe(200);

		sandbox.setObjectCap('GET /v2/orders', undefined);
		expect((await getOrders({ limit: 100 })).status).toBe(200);
	});

	it('needs an account of the key: 400 without one, 403 for another', async () => {
		add(1);
		const withoutAccount = await call<{ Status: number }>('get', '/orders', {});
		expect(withoutAccount).toMatchObject({ status: 400, body: { Status: 400 } });
		const otherAccount = await getOrders({ accountId: 6 });
		expect(otherAccount).toMatchObject({ status: 403, body: { Status: 403 } });
	});

	it('orders appear and change over time: the clock dates new orders, status changes move the status date', async () => {
		sandbox.now = () => at('2024-06-01T12:00:30');
		add(1);
		add(2, { dateCreated: at('2024-06-01T12:05:00') });
		expect(await idsOf({ dateCreatedFrom: '2024-06-01 12:01' })).toEqual([2]);

		sandbox.setOrderStatus(ACCOUNT, 1, 20, at('2024-06-02T08:00:00'));
		sandbox.now = () => at('2024-06-03T09:00:00');
		await call('get', '/orders', {}); // nothing changes on a read
		const deleted = await axios.delete(`${sandbox.baseUrl}/orders`, { params: { API_KEY: KEY, accountId: ACCOUNT, orderId: 2 } });
		expect(deleted.status).toBe(204);

		expect(await idsOf({ statusDateFrom: '2024-06-02 08:00' })).toEqual([1, 2]);
		expect(await idsOf({ statusDateFrom: '2024-06-03 09:00' })).toEqual([2]);
		expect((await getOrders({ idFrom: 1, idTo: 1 })).body.Results[0]).toMatchObject({
			Status: { Key: 20, Value: 'Shipped' },
			DateCreated: '2024-06-01T12:00:30.000Z',
			LastUpdated: '2024-06-02T08:00:00.000Z',
		});
		expect(sandbox.order(ACCOUNT, 2)?.status).toBe(ORDER_STATUS_DELETED);
		expect((await getOrders({ idFrom: 2 })).body.Results[0].LastUpdated).toBe('2024-06-03T09:00:00.000Z');
	});
});

interface StatusResults {
	Total: number;
	Results: Array<{ OrderStatus: unknown; Status: number; Message: string }>;
}

const putStatuses = async (body: unknown, query: Record<string, unknown> = {}) =>
	await call<StatusResults>('put', '/orders', { accountId: ACCOUNT, ...query }, body);

describe('PUT /v2/orders', () => {
	beforeEach(() => {
		add(1, { dateCreated: at('2024-05-01T10:00:00') });
		add(2, { createdThrough: 'marketplace', dateCreated: at('2024-05-01T10:00:00') });
		add(3, { status: ORDER_STATUS_DELETED, dateCreated: at('2024-05-01T10:00:00') });
	});

	it('answers 200 with one result per order, each echoing the item sent; only accepted ones change', async () => {
		sandbox.now = () => at('2024-05-02T15:45:00');
		const items = [
			{ OrderId: 1, Status: 20, Tracking: { Number: 'TRK-1', Status: 'in_transit' } },
			{ OrderId: 2, Status: 90 },
			{ OrderId: 2, Status: 80 },
			{ OrderId: 99, Status: 20 },
			{ OrderId: 1, Status: 70 },
			{ OrderId: 3, Status: 10 },
			{ Status: 10 },
		];

		const { status, body } = await putStatuses(items);

		expect(status).toBe(200);
		expect(body.Total).toBe(items.length);
		expect(body.Results.map((result) => result.OrderStatus)).toEqual(items);
		expect(body.Results.map((result) => result.Status)).toEqual([200, 412, 200, 404, 400, 412, 400]);
		for (const result of body.Results) expect(result.Message).toEqual(expect.any(String));
		expect(body.Results[1].Message).toMatch(/nativa/);

		expect(sandbox.order(ACCOUNT, 1)).toMatchObject({ status: 20, tracking: { Number: 'TRK-1', Status: 'in_transit' } });
		expect(sandbox.order(ACCOUNT, 2)?.status).toBe(80);
		expect(sandbox.order(ACCOUNT, 3)?.status).toBe(ORDER_STATUS_DELETED);
		expect((await getOrders({ idTo: 1 })).body.Results[0]).toMatchObject({
			Status: { Key: 20 },
			LastUpdated: '2024-05-02T15:45:00.000Z',
		});
		expect(await idsOf({ statusDateFrom: '2024-05-02 15:45' })).toEqual([1, 2]);
		expect((await getOrders({ idFrom: 2, idTo: 2 })).body.Results[0]).toMatchObject({
			StatusType: { Key: 2, Value: 'Closed' },
			DateClosed: '2024-05-02T15:45:00.000Z',
		});
	});

	it.each([10, 17, 20, 80, 90])('status %i is accepted for an API-created order', async (status) => {
		const { body } = await putStatuses([{ OrderId: 1, Status: status }]);
		expect(body.Results[0].Status).toBe(200);
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(status);
	});

	it('the body is the bare orderStatus list: a wrapping object, non-JSON or an empty list is a 400 and changes nothing', async () => {
		for (const body of [{ orderStatus: [{ OrderId: 1, Status: 20 }] }, 'OrderId=1', []]) {
			const response = await putStatuses(body);
			expect(response).toMatchObject({ status: 400, body: { Status: 400, Message: expect.any(String) } });
		}
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(10);
	});

	it('more orders than the per-call cap: 413, nothing processed', async () => {
		sandbox.setObjectCap('PUT /v2/orders', 2);
		const refused = await putStatuses([1, 1, 1].map((OrderId) => ({ OrderId, Status: 20 })));
		expect(refused).toMatchObject({ status: 413, body: { Status: 413, Message: expect.any(String) } });
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(10);
		expect((await putStatuses([1, 1].map((OrderId) => ({ OrderId, Status: 20 })))).status).toBe(200);
	});

	it('needs an account of the key', async () => {
		expect((await putStatuses([{ OrderId: 1, Status: 20 }], { accountId: 6 })).status).toBe(403);
		expect((await putStatuses([{ OrderId: 1, Status: 20 }], { accountId: undefined })).status).toBe(400);
		expect(sandbox.order(ACCOUNT, 1)?.status).toBe(10);
	});
});

describe('POST /v2/orders (create)', () => {
	const post = async (body: unknown) => {
		const response = await axios.request<string>({
			method: 'post',
			url: `${sandbox.baseUrl}/orders`,
			params: { API_KEY: KEY, accountId: ACCOUNT },
			data: JSON.stringify(body),
			headers: { 'content-type': 'application/json' },
			validateStatus: () => true,
			transformResponse: (raw) => raw,
		});
		return { status: response.status, body: response.data ? (JSON.parse(response.data) as { Status: number; Message: string }) : undefined };
	};
	const order = (extra: Record<string, unknown> = {}) => ({
		MarketplaceId: 1,
		ExternalOrderId: 'WEB-1',
		DateCreated: '2026-11-30T10:00:00-03:00',
		Items: [{ Product: { SKU: 'A' }, Quantity: 2, StockMovement: true, UnitPrice: 10, Status: 10 }],
		Buyer: { Name: 'x' },
		Payments: [{ Total: 20 }],
		Shipping: { Method: 'pickup' },
		...extra,
	});

	it('creates one API order: 201 with no body (Alephee publishes none), listed with its ExternalOrderId, stock taken', async () => {
		sandbox.setStock(ACCOUNT, 'A', 5);
		const created = await post(order());
		expect(created).toEqual({ status: 201, body: undefined });
		const [listed] = (await getOrders({ externalOrderIdFrom: 'WEB-1', externalOrderIdTo: 'WEB-1' })).body.Results;
		expect(listed).toMatchObject({ ExternalOrderId: 'WEB-1' });
		expect(sandbox.order(ACCOUNT, listed.Id)?.createdThrough).toBe('api');
		expect(sandbox.stockOf(ACCOUNT, 'A')).toBe(3);
	});

	it('takes up to the documented 50 Items: 51 is refused with Alephee\'s error body and creates nothing, 50 is created', async () => {
		// Distinct SKUs, so no line repeats another (a refusal of its own).
		const items = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ Product: { SKU: `S-${index + 1}` }, Quantity: 1, StockMovement: true, UnitPrice: 10, Status: 10 }));
		sandbox.setStock(ACCOUNT, 'S-1', 5);

		const refused = await post(order({ ExternalOrderId: 'WEB-51', Items: items(51) }));
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect(refused.status).toBeLessThan(500);
		expect(refused.body).toEqual({ Status: refused.status, Message: expect.stringMatching(/Items debe tener entre 1 y 50/) });
		expect((await getOrders()).body.Total).toBe(0);
		expect(sandbox.stockOf(ACCOUNT, 'S-1')).toBe(5);

		const created = await post(order({ ExternalOrderId: 'WEB-50', Items: items(50) }));
		expect(created).toEqual({ status: 201, body: undefined });
		const [listed] = (await getOrders()).body.Results;
		expect(listed).toMatchObject({ ExternalOrderId: 'WEB-50' });
		expect(listed.Items).toHaveLength(50);
		expect(sandbox.stockOf(ACCOUNT, 'S-1')).toBe(4);
	});

	it.each([
		['a second order with the same ExternalOrderId', order(), /Ya existe una orden con ExternalOrderId WEB-1/],
		['more than one order per call', [order({ ExternalOrderId: 'X' })], /una sola orden/],
		['no items', order({ ExternalOrderId: 'X', Items: [] }), /Items debe tener entre 1 y 50/],
		['11 payments', order({ ExternalOrderId: 'X', Payments: Array.from({ length: 11 }, () => ({ Total: 1 })) }), /Payments debe tener entre 1 y 10/],
		['6 discounts', order({ ExternalOrderId: 'X', Payments: [{ Discounts: [1, 2, 3, 4, 5, 6] }] }), /como máximo 5 descuentos/],
		['no Buyer', order({ ExternalOrderId: 'X', Buyer: undefined }), /Buyer es obligatorio/],
		[
			'the same product, quantity and price twice',
			order({ ExternalOrderId: 'X', Items: [order().Items[0], order().Items[0]] }),
			/repetido con la misma cantidad y precio unitario/,
		],
	])('refuses %s with Alephee\'s error body', async (_case, body, message) => {
		if (_case.startsWith('a second')) expect((await post(order())).status).toBe(201);
		const refused = await post(body);
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({ Status: 400, Message: expect.stringMatching(message) });
	});
});
