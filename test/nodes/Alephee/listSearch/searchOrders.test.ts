/**
 * The Order picker (node version 1.2): From List searches the account's recent orders; By
 * Marketplace Order Number is resolved to Alephee's internal ID before the operation acts.
 */
import { runAlephee, runListSearch } from '../../../../harness/engine';
import { ORDERS_PER_PAGE } from '../../../../nodes/Alephee/listSearch/searchOrders';
import { ORDER_STATUS_DELETED } from '../../../../sandbox/alepheeSandbox';
import { sandboxPerTest } from '../resources/sandboxRun';

const API_KEY = 'order-picker-key-4c7';
const ACCOUNT = 7700;

const fixture = sandboxPerTest(API_KEY, [ACCOUNT]);

const account = { __rl: true, mode: 'list', value: String(ACCOUNT) };
const minute = (index: number) => new Date(Date.UTC(2026, 10, 1, 8, 0) + index * 60_000);

/** Orders 1..count, one a minute, order N's marketplace number MLA-N, bought by "Buyer N". */
function seedOrders(count: number) {
	for (let orderId = 1; orderId <= count; orderId++) {
		fixture.sandbox.addOrder({
			accountId: ACCOUNT,
			orderId,
			externalOrderId: `MLA-${orderId}`,
			buyerName: `Buyer ${orderId}`,
			createdThrough: 'api',
			lines: [{ sku: 'PICK', quantity: 1 }],
			dateCreated: minute(orderId),
			integrated: orderId % 3 === 0,
			pendingPayment: orderId % 10 === 0,
		});
	}
}

const search = (filter?: string, paginationToken?: string, parameters: Record<string, unknown> = { accountId: account }) =>
	runListSearch('searchOrders', { credentials: fixture.credentials, typeVersion: 1.2, parameters, path: 'parameters.orderId' }, filter, paginationToken);

const ids = (results: Array<{ value: unknown }>) => results.map((result) => Number(result.value));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('Order picker: From List', () => {
	it("lists the account's orders newest first, integrated or not, pending payments included, each labelled", async () => {
		seedOrders(12);
		const page = await search();
		expect(ids(page.results)).toEqual(range(1, 12).reverse());
		expect(page.results[0]).toEqual({ name: 'MLA-12 · Buyer 12 · Pending shipping · 2026-11-01 08:12 (ID 12)', value: '12' });
		expect(page.paginationToken).toBeUndefined();
		for (const request of fixture.sandbox.requestsTo('GET /v2/orders')) {
			expect(request.query).toMatchObject({ accountId: String(ACCOUNT), includePendingPayments: 'true', sort: 'dateCreated' });
		}
	});

	it('pages back through older orders: every order once across pages, none repeated', async () => {
		seedOrders(150);
		const first = await search();
		expect(first.paginationToken).toBeDefined();
		const second = await search(undefined, first.paginationToken);
		const all = [...ids(first.results), ...ids(second.results)];
		expect(new Set(all).size).toBe(all.length);
		// 100 not integrated and 50 integrated: the first page holds the newest of each list.
		expect(first.results.length).toBe(ORDERS_PER_PAGE * 2);
		const notIntegrated = (list: number[]) => list.filter((id) => id % 3 !== 0);
		expect(Math.min(...notIntegrated(ids(first.results)))).toBeGreaterThan(Math.max(...notIntegrated(ids(second.results))));
		const third = second.paginationToken ? await search(undefined, second.paginationToken) : { results: [] };
		expect([...all, ...ids(third.results)].sort((a, b) => a - b)).toEqual(range(1, 150));
	});

	it('searches by marketplace order number or buyer; an exact older number is found too', async () => {
		seedOrders(150);
		expect(ids((await search('buyer 14')).results)).toEqual([149, 148, 147, 146, 145, 144, 143, 142, 141, 140]);
		// Order 7 is older than the first page of either list: asked for by its number, and listed
		// after the newer orders whose numbers hold the text.
		const found = (await search('MLA-7')).results;
		expect(ids(found)).toContain(7);
		for (const result of found) expect(result.name).toMatch(/^MLA-7/);
		expect(ids(found)).toEqual([...ids(found)].sort((a, b) => b - a));
		expect((await search('nobody')).results).toEqual([]);
	});

	it('without an account chosen, says to choose it first and reads nothing', async () => {
		seedOrders(3);
		await expect(search(undefined, undefined, { accountId: { __rl: true, mode: 'list', value: '' } })).rejects.toThrow('Choose the Account first');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('Order picker: acting on the order picked', () => {
	const deleteOrder = (orderId: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
		runAlephee({ credentials: fixture.credentials, typeVersion: 1.2, parameters: { operation: 'delete', accountId: account, orderId, revertStock: true }, ...extra });

	it('By Marketplace Order Number: the number is resolved to the internal ID, then that order is deleted', async () => {
		seedOrders(30);
		const result = await deleteOrder({ __rl: true, mode: 'marketplaceOrderNumber', value: 'MLA-21' });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json)).toEqual([{ deleted: true, accountId: ACCOUNT, orderId: 21, revertStock: true }]);
		const deletes = fixture.sandbox.deleteRequests();
		expect(deletes.map((request) => request.query.orderId)).toEqual(['21']);
		expect(fixture.sandbox.order(ACCOUNT, 21)?.status).toBe(ORDER_STATUS_DELETED);
		// The look-up asked only for that number, in the item's account.
		const lookup = fixture.sandbox.requestsTo('GET /v2/orders')[0].query;
		expect(lookup).toMatchObject({ accountId: String(ACCOUNT), externalOrderIdFrom: 'MLA-21', externalOrderIdTo: 'MLA-21' });
		expect(lookup.revertStock).toBeUndefined();
	});

	it('By Marketplace Order Number from an expression, per item: each item its own order', async () => {
		seedOrders(10);
		const result = await deleteOrder({ __rl: true, mode: 'marketplaceOrderNumber', value: '={{ $json.number }}' }, { items: [{ number: 'MLA-4' }, { number: 'MLA-9' }] });
		expect(result.main.map((item) => [item.json.orderId, item.pairedItem])).toEqual([
			[4, { item: 0 }],
			[9, { item: 1 }],
		]);
	});

	it('a number no order has is refused in words, naming the field; nothing is deleted', async () => {
		seedOrders(5);
		const result = await deleteOrder({ __rl: true, mode: 'marketplaceOrderNumber', value: 'MLA-404' });
		expect(result.error?.message).toBe(`Order ID is not valid: no order of account ${ACCOUNT} has the marketplace order number "MLA-404"`);
		expect(result.error?.description).toContain('Nothing was changed in Alephee.');
		expect(fixture.sandbox.deleteRequests()).toHaveLength(0);
	});

	it('a number several orders have is refused, listing their IDs; nothing is deleted', async () => {
		seedOrders(5);
		fixture.sandbox.addOrder({ accountId: ACCOUNT, orderId: 50, externalOrderId: 'MLA-3', createdThrough: 'api', lines: [], marketplaceId: 2 });
		const result = await deleteOrder({ __rl: true, mode: 'marketplaceOrderNumber', value: 'MLA-3' }, { onError: 'continueRegularOutput' });
		expect(result.main[0].json.error).toBe(`Order ID is not valid: 2 orders of account ${ACCOUNT} have the marketplace order number "MLA-3" (IDs 3, 50)`);
		expect(String(result.main[0].json.message)).toContain('Choose the one to act on By ID, or From List.');
		expect(fixture.sandbox.deleteRequests()).toHaveLength(0);
	});

	it('a failed look-up fails the item in words, saying what was being looked up; nothing is deleted', async () => {
		seedOrders(3);
		fixture.sandbox.failNextWith({ endpoint: 'GET /v2/orders', status: 500, body: 'Error interno' });
		const result = await deleteOrder({ __rl: true, mode: 'marketplaceOrderNumber', value: 'MLA-2' }, { onError: 'continueRegularOutput' });
		expect(result.main[0].json.error).toBe(`Alephee had an internal error while looking up Order ID in account ${ACCOUNT}`);
		expect(String(result.main[0].json.message)).toContain('Alephee says: "Error interno"');
		expect(fixture.sandbox.deleteRequests()).toHaveLength(0);
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: '7', cachedResultName: 'MLA-7 · Buyer 7' }],
		['By ID', { __rl: true, mode: 'id', value: '7' }],
		['By ID from an expression', { __rl: true, mode: 'id', value: '={{ 3 + 4 }}' }],
	])('%s: the ID is used as it is, with no look-up', async (_mode, orderId) => {
		seedOrders(10);
		const result = await deleteOrder(orderId);
		expect(result.main.map((item) => item.json.orderId)).toEqual([7]);
		expect(fixture.sandbox.requestsTo('GET /v2/orders')).toHaveLength(0);
	});

	it('By ID that is not a number is refused before anything is sent, in the words of every version', async () => {
		seedOrders(3);
		// n8n's editor already refuses a typed one; an expression can still give one.
		const result = await deleteOrder({ __rl: true, mode: 'id', value: '={{ "MLA-2" }}' });
		expect(result.error?.message).toBe('Order ID is not valid: "MLA-2" is not a whole number');
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});
