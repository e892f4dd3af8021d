/**
 * The sandbox's order actions and stores, checked with a plain HTTP client against what Alephee's
 * documentation (../shared/alephee/lifecycle-endpoints.md §5, §6) says: buyer messages, cart
 * splits, and an account's stores with their filters and paging envelope.
 */
import axios from 'axios';

import { AlepheeSandbox, type NewOrder } from '../../sandbox/alepheeSandbox';

const KEY = 'actions-self-test';
const ACCOUNT = 6;
let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(KEY, [ACCOUNT]);
	sandbox.addAccount(ACCOUNT, { marketplaces: [{ id: 1, name: 'Mercado Libre' }, { id: 9, name: 'Tienda Nube' }] });
});

afterEach(async () => {
	await sandbox.stop();
});

const add = (orderId: number, fields: Partial<NewOrder> = {}) =>
	sandbox.addOrder({ accountId: ACCOUNT, orderId, createdThrough: 'marketplace', marketplaceId: 1, lines: [{ sku: 'A', quantity: 1 }], ...fields });

async function call(method: 'get' | 'post', path: string, query: Record<string, unknown>) {
	const response = await axios.request<string>({
		method,
		url: `${sandbox.baseUrl}${path}`,
		params: { API_KEY: KEY, accountId: ACCOUNT, ...query },
		validateStatus: () => true,
		transformResponse: (raw) => raw,
	});
	return { status: response.status, body: JSON.parse(response.data) as unknown };
}

const refused = (status: number) => ({ status, body: { Status: status, Message: expect.any(String) } });

describe('POST /v2/orders/{orderId}/messages', () => {
	const send = async (orderId: number, query: Record<string, unknown>) => await call('post', `/orders/${orderId}/messages`, { orderId, ...query });

	it('200 with a string; then 409 until the buyer replies', async () => {
		add(1);
		expect(await send(1, { messageOptions: 4, message: 'Hola' })).toEqual({ status: 200, body: 'Mensaje enviado.' });
		expect(await send(1, { messageOptions: 2 })).toEqual(refused(409));
		sandbox.messages.buyerReplied(ACCOUNT, 1);
		expect(await send(1, { messageOptions: 2, message: 'ignorado' })).toEqual({ status: 200, body: 'Mensaje enviado.' });
		expect(sandbox.messages.sentTo(ACCOUNT, 1).map(({ option, text }) => [option, text])).toEqual([
			[4, 'Hola'],
			[2, null],
		]);
	});

	it.each([
		['a text over 350 characters', { messageOptions: 4, message: 'x'.repeat(351) }, 400],
		['no text with Send Invoice Link', { messageOptions: 3 }, 400],
		['an undocumented option', { messageOptions: 6, message: 'Hola' }, 400],
		['no option', { message: 'Hola' }, 400],
	])('refuses %s', async (_case, query, status) => {
		add(1);
		expect(await send(1, query)).toEqual(refused(status));
		expect(sandbox.messages.sentTo(ACCOUNT, 1)).toEqual([]);
	});

	it('only Mercado Libre orders (412); an unknown order is 404; an account of another key 403', async () => {
		add(2, { marketplaceId: 9 });
		expect(await send(2, { messageOptions: 4, message: 'Hola' })).toEqual(refused(412));
		expect(await send(3, { messageOptions: 4, message: 'Hola' })).toEqual(refused(404));
		expect(await call('post', '/orders/2/messages', { accountId: 99, messageOptions: 2 })).toEqual(refused(403));
	});
});

describe('POST /v2/orders/{orderId}/split', () => {
	const split = async (orderId: number, splitReasonId?: number) => await call('post', `/orders/${orderId}/split`, { orderId, splitReasonId });
	const packOf = (orderId: number) => sandbox.orderAsSent(ACCOUNT, orderId)?.PackId;

	it('moves the order to a new pack with a new shipment; the rest of the cart stays', async () => {
		add(1, { packId: 50, externalShippingId: 'S1' });
		add(2, { packId: 50, externalShippingId: 'S1' });
		add(3, { packId: 50, externalShippingId: 'S1' });
		expect(await split(1, 1)).toEqual({ status: 200, body: expect.any(String) });
		expect(packOf(1)).not.toBe(50);
		expect((sandbox.orderAsSent(ACCOUNT, 1)?.Shipping as { ExternalShippingId: string }).ExternalShippingId).not.toBe('S1');
		expect([packOf(2), packOf(3)]).toEqual([50, 50]);
		expect(await split(2, 4)).toEqual({ status: 200, body: expect.any(String) });
		expect(await split(3, 4)).toEqual(refused(412));
	});

	it.each([
		['without a cart', {}, 2, 412],
		['alone in its cart', { packId: 60 }, 2, 412],
		['delivered', { packId: 50, status: 80 }, 2, 412],
		['with its label PENDING', { packId: 50, labelSubstatus: 'PENDING' }, 2, 412],
		['with its label STALE', { packId: 50, labelSubstatus: 'stale' }, 2, 412],
		['of another marketplace', { packId: 50, marketplaceId: 9 }, 2, 412],
		['with an undocumented reason', { packId: 50 }, 5, 400],
		['with no reason', { packId: 50 }, undefined, 400],
	])('refuses an order %s, and it stays in its pack', async (_case, fields, reason, status) => {
		add(1, fields);
		add(2, { packId: 50 });
		expect(await split(1, reason)).toEqual(refused(status));
		expect(packOf(1)).toBe((fields as { packId?: number }).packId ?? null);
	});
});

describe('GET /v2/accounts/{accountId}/stores', () => {
	const stores = async (query: Record<string, unknown> = {}) => await call('get', `/accounts/${ACCOUNT}/stores`, query);
	const ids = async (query: Record<string, unknown> = {}) =>
		((await stores(query)).body as { Results: Array<{ Id: number }> }).Results.map((store) => store.Id);

	beforeEach(() => {
		sandbox.stores.add(ACCOUNT, { id: 2, name: 'B', allowPickUpStore: true, dateCreated: new Date('2025-01-01T00:00:00Z') });
		sandbox.stores.add(ACCOUNT, { id: 1, name: 'A', accountPickup: { name: 'P', sellerAccountId: 7 }, dateCreated: new Date('2025-01-02T00:00:00Z'), external: [{ id: 5, name: 'ML', marketplaceId: 1 }] });
	});

	it('the list envelope, sorted by ID by default', async () => {
		expect(await stores({ limit: 1 })).toEqual({
			status: 200,
			body: {
				Total: 2,
				Paging: { Limit: 1, Offset: 0, Total: 2 },
				SortBy: { Id: 'ID', Name: 'ID' },
				AvailableSorts: [
					{ Id: 'ID', Name: 'ID' },
					{ Id: 'dateCreated', Name: 'Date created' },
				],
				Results: [expect.objectContaining({ Id: 1, Name: 'A', AccountPickup: { Name: 'P', BusinessName: null, SellerAccountID: 7 } })],
			},
		});
	});

	it('filters and sorts as documented; a bad value is 400; another key\'s account 403', async () => {
		expect(await ids({ sort: 'dateCreated' })).toEqual([2, 1]);
		expect(await ids({ allowPickupInStores: true })).toEqual([2]);
		expect(await ids({ allowPickupInStores: false })).toEqual([1]);
		expect(await ids({ withAccountPickup: true })).toEqual([1]);
		expect(await ids({ withAccountPickup: false })).toEqual([2]);
		expect(await ids({ marketplace: 1 })).toEqual([1]);
		expect(await ids({ marketplace: 9 })).toEqual([]);
		expect(await stores({ sort: 'name' })).toEqual(refused(400));
		expect(await stores({ allowPickupInStores: 'yes' })).toEqual(refused(400));
		expect(await call('get', '/accounts/99/stores', {})).toEqual(refused(403));
	});
});
