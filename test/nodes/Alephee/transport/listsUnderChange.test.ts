/**
 * Every operation that reads a list, run through n8n's engine against a sandbox account that
 * changes between two page reads, as a live Alephee account does: an ERP integrates orders,
 * orders ship or are delivered, payments are approved, new orders arrive, products change
 * catalog status, stores close. What must hold: what is in the list for the whole read comes
 * out exactly once; what enters or leaves during it at most once; the filters go on every page.
 */
import type { IDataObject } from 'n8n-workflow';

import { runAlephee, runPoll } from '../../../../harness/engine';
import { AlepheeSandbox, ORDER_STATUS_DELIVERED, type RecordedRequest } from '../../../../sandbox/alepheeSandbox';
import { sandboxPerTest } from '../resources/sandboxRun';

const API_KEY = 'live-account-key-9d2';
const ACCOUNT = 6100;

const fixture = sandboxPerTest(API_KEY, [ACCOUNT]);

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const account = { __rl: true, mode: 'id', value: String(ACCOUNT) };
const minuteAt = (iso: string) => new Date(iso);

function seedOrders(ids: number[], extra: Partial<Parameters<AlepheeSandbox['addOrder']>[0]> = {}) {
	for (const orderId of ids) {
		fixture.sandbox.addOrder({
			accountId: ACCOUNT,
			orderId,
			createdThrough: 'marketplace',
			lines: [{ sku: 'A', quantity: 1 }],
			dateCreated: minuteAt('2026-11-20T11:00:00Z'),
			...extra,
		});
	}
}

/** Runs `change` once, right after the `after`-th answer to GET /v2/orders. */
function afterOrderPage(after: number, change: (request: RecordedRequest) => void) {
	let answered = 0;
	fixture.sandbox.changeAfterEachAnswer('GET /v2/orders', (request) => {
		if (++answered === after) change(request);
	});
}

const getMany = (parameters: Record<string, unknown>) =>
	runAlephee({ credentials: fixture.credentials, typeVersion: 1.1, parameters: { operation: 'getAll', accountId: account, returnAll: true, ...parameters } });

const outputIds = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => Number(item.json.id));
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const orderListRequests = () => fixture.sandbox.requestsTo('GET /v2/orders');

describe('Order → Get Many while the account changes', () => {
	it('Not Integrated Only: the ERP integrates 80 listed orders after the first page; all 300 come out once', async () => {
		seedOrders(range(1, 300));
		afterOrderPage(1, () => {
			for (let orderId = 1; orderId <= 80; orderId++) fixture.sandbox.markIntegrated(ACCOUNT, orderId);
		});
		const result = await getMany({ filters: { integrated: 'notIntegrated' } });
		expect(result.error).toBeUndefined();
		expect(outputIds(result.main)).toEqual(range(1, 300));
		// The filter is on every page, never widened.
		for (const request of orderListRequests()) expect(request.query.Integrated).toBe('false');
	});

	it('Status Group Pending: 80 listed orders are delivered (leave the group) during the read; all 300 come out once', async () => {
		seedOrders(range(1, 300));
		afterOrderPage(2, () => {
			for (let orderId = 101; orderId <= 180; orderId++) fixture.sandbox.setOrderStatus(ACCOUNT, orderId, ORDER_STATUS_DELIVERED);
		});
		const result = await getMany({ filters: { statusType: 1, integrated: 'notIntegrated' } });
		expect(outputIds(result.main)).toEqual(range(1, 300));
		for (const request of orderListRequests()) expect(request.query).toMatchObject({ statusType: '1', Integrated: 'false' });
	});

	it('Any: orders integrated before the reader reaches them come from the second list; each of the 300 once', async () => {
		seedOrders(range(1, 300));
		afterOrderPage(1, () => {
			// Some already read (1–60), some ahead of the reader (150–220).
			for (const orderId of [...range(1, 60), ...range(150, 220)]) fixture.sandbox.markIntegrated(ACCOUNT, orderId);
		});
		const result = await getMany({});
		const ids = outputIds(result.main);
		expect(ids).toHaveLength(300);
		expect(sorted(ids)).toEqual(range(1, 300));
	});

	it('payments approved (orders enter) and new orders arrive while orders leave: nothing there all along is skipped, nothing repeated', async () => {
		seedOrders(range(1, 300));
		seedOrders(range(1001, 1040), { pendingPayment: true });
		let answered = 0;
		fixture.sandbox.changeAfterEachAnswer('GET /v2/orders', () => {
			answered++;
			if (answered === 1) for (let orderId = 20; orderId <= 70; orderId++) fixture.sandbox.setOrderStatus(ACCOUNT, orderId, ORDER_STATUS_DELIVERED);
			if (answered === 2) for (let orderId = 1001; orderId <= 1040; orderId++) fixture.sandbox.approvePayment(ACCOUNT, orderId);
			if (answered === 3) seedOrders(range(2001, 2030));
		});
		const result = await getMany({ filters: { statusType: 1, integrated: 'notIntegrated' } });
		const ids = outputIds(result.main);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(range(1, 300)));
		// What entered during the read came out at most once (here: every one, since IDs grow).
		for (const id of ids) expect([...range(1, 300), ...range(1001, 1040), ...range(2001, 2030)]).toContain(id);
	});

	it('a list that moves faster than it can be read fails the item in words, never a short list', async () => {
		seedOrders(range(1, 400));
		let next = 5000;
		fixture.sandbox.changeAfterEachAnswer('GET /v2/orders', (request) => {
			if (request.query.Integrated !== 'false') return;
			// The ERP integrates the first 150 still listed, and 150 new orders arrive, at every page.
			const listed = range(1, next).filter((id) => fixture.sandbox.order(ACCOUNT, id) && !fixture.sandbox.order(ACCOUNT, id)?.integrated);
			for (const orderId of listed.slice(0, 150)) fixture.sandbox.markIntegrated(ACCOUNT, orderId);
			seedOrders(range(next, next + 149));
			next += 150;
		});
		const result = await getMany({ filters: { integrated: 'notIntegrated' } });
		expect(result.error?.message).toBe(`Alephee's list kept changing while it was read, while listing orders of account ${ACCOUNT}`);
		expect(result.error?.description).toContain('Nothing was returned, so that no result goes missing without a word');
	});
});

describe('Order → Get and Create while the account changes', () => {
	const get = (orderId: string) => runAlephee({ credentials: fixture.credentials, typeVersion: 1.1, parameters: { operation: 'get', accountId: account, orderId } });

	it('Get: an order integrated between the two reads is found in the second', async () => {
		seedOrders([77]);
		fixture.sandbox.markIntegrated(ACCOUNT, 77);
		afterOrderPage(1, () => undefined);
		const result = await get('77');
		expect(outputIds(result.main)).toEqual([77]);
	});

	it('Get: an order whose integration is undone between the two reads is still found, not "not found"', async () => {
		seedOrders([78]);
		fixture.sandbox.markIntegrated(ACCOUNT, 78);
		// The first read (not integrated) misses it; before the second (integrated) it goes back.
		afterOrderPage(1, () => {
			const order = fixture.sandbox.order(ACCOUNT, 78);
			if (order) order.integrated = false;
		});
		const result = await get('78');
		expect(result.error).toBeUndefined();
		expect(outputIds(result.main)).toEqual([78]);
		expect(orderListRequests().map((request) => request.query.Integrated)).toEqual(['false', 'true', 'false']);
	});

	it('Create: an order with the same External Order ID integrated during the check is still found, and not created twice', async () => {
		fixture.sandbox.addProduct({ accountId: ACCOUNT, sku: 'MATE' }, 10);
		seedOrders([900], { externalOrderId: 'WEB-9', createdThrough: 'api' });
		afterOrderPage(1, () => fixture.sandbox.markIntegrated(ACCOUNT, 900));
		const result = await runAlephee({
			credentials: fixture.credentials,
			typeVersion: 1.1,
			parameters: {
				operation: 'create',
				accountId: account,
				marketplaceId: 1,
				externalOrderId: 'WEB-9',
				dateCreated: '2026-11-30T09:15:00',
				items: { item: [{ sku: 'MATE', quantity: 1, unitPrice: 100, stockMovement: true, status: 10 }] },
				buyer: '{"Name": "Ana"}',
				payments: '[{"Total": 100}]',
				shipping: '{"Method": "pickup"}',
				options: { ifExists: 'returnExisting' },
			},
		});
		expect(result.main.map((item) => [item.json.created, item.json.orderId])).toEqual([[false, 900]]);
		expect(fixture.sandbox.requestsTo('POST /v2/orders')).toHaveLength(0);
	});
});

describe('Product → Get Many and Account → Get Stores while the account changes', () => {
	it('products that leave the catalog-status filter during the read: every product there all along once', async () => {
		for (let index = 1; index <= 250; index++) fixture.sandbox.addProduct({ accountId: ACCOUNT, sku: `SKU-${index}`, catalogStatus: 1 }, 1);
		let answered = 0;
		fixture.sandbox.changeAfterEachAnswer('GET /v2/products', () => {
			// After the first page, 30 products already read are observed by the marketplace.
			if (++answered === 1) for (let index = 1; index <= 30; index++) fixture.sandbox.product(ACCOUNT, `SKU-${index}`)!.catalogStatus = 2;
		});
		const result = await runAlephee({
			credentials: fixture.credentials,
			typeVersion: 1.1,
			parameters: { resource: 'product', operation: 'getAll', accountId: account, returnAll: true, filters: { catalogStatus: [1] } },
		});
		const skus = result.main.map((item) => String(item.json.sku));
		expect(skus).toHaveLength(250);
		expect(new Set(skus).size).toBe(250);
		for (const request of fixture.sandbox.requestsTo('GET /v2/products')) expect(request.query.catalogStatus).toBe('1');
	});

	it('stores closed during the read: every store there all along once', async () => {
		for (let id = 1; id <= 180; id++) fixture.sandbox.stores.add(ACCOUNT, { id, name: `Tienda ${id}` });
		let answered = 0;
		fixture.sandbox.changeAfterEachAnswer('GET /v2/accounts/{accountId}/stores', () => {
			if (++answered === 1) for (let id = 10; id <= 40; id++) fixture.sandbox.stores.remove(ACCOUNT, id);
		});
		const result = await runAlephee({
			credentials: fixture.credentials,
			typeVersion: 1.1,
			parameters: { resource: 'account', operation: 'getStores', accountId: account, returnAll: true },
		});
		const ids = result.main.map((item) => Number(item.json.Id));
		expect(ids).toEqual(range(1, 180));
	});
});

describe('Alephee Trigger while the account changes', () => {
	const poll = (staticData: IDataObject, parameters: Record<string, unknown> = {}) =>
		runPoll({ credentials: fixture.credentials, staticData, mode: 'trigger', parameters: { event: 'newOrder', accountId: account, ...parameters } });

	it('the ERP integrates 80 orders during a poll of 300 new ones: all 300 emitted once, and not again', async () => {
		seedOrders(range(1, 300));
		afterOrderPage(1, () => {
			for (let orderId = 1; orderId <= 80; orderId++) fixture.sandbox.markIntegrated(ACCOUNT, orderId);
		});
		const first = await poll({ 'node:Only': { position: '2026-11-20 10:59', seen: [] } });
		expect(sorted(outputIds(first.items))).toEqual(range(1, 300));
		expect(outputIds(first.items)).toHaveLength(300);
		const again = await poll(first.staticData);
		expect(again.items).toBeNull();
	});

	it('Order Status Changed: an order that goes 10 → 89 → 10 is emitted three times, once per change', async () => {
		seedOrders([40], { status: 10, statusDate: minuteAt('2026-11-20T10:01:00Z') });
		const state = { 'node:Only': { position: '2026-11-20 10:00', seen: [] } };
		const statuses = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => [item.json.id, item.json.statusCode]);
		const first = await poll(state, { event: 'statusChanged' });
		expect(statuses(first.items)).toEqual([[40, 10]]);
		fixture.sandbox.setOrderStatus(ACCOUNT, 40, 89, minuteAt('2026-11-20T10:02:00Z'));
		const second = await poll(first.staticData, { event: 'statusChanged' });
		expect(statuses(second.items)).toEqual([[40, 89]]);
		fixture.sandbox.setOrderStatus(ACCOUNT, 40, 10, minuteAt('2026-11-20T10:03:00Z'));
		const third = await poll(second.staticData, { event: 'statusChanged' });
		expect(statuses(third.items)).toEqual([[40, 10]]);
		// Read again in the look-back, nothing changed: nothing emitted.
		expect((await poll(third.staticData, { event: 'statusChanged' })).items).toBeNull();
	});
});
