/**
 * The node's tests are only as good as the sandbox they run against: these check, with a plain
 * HTTP client, that it answers as Alephee's documentation (../shared/alephee/) says.
 */
import axios, { type AxiosResponse } from 'axios';

import { AlepheeSandbox, ORDER_STATUS_DELETED } from '../../sandbox/alepheeSandbox';

const KEY = 'sandbox-self-test';
let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(KEY, [1]);
	sandbox.setStock(1, 'A', 1);
	sandbox.addOrder({ accountId: 1, orderId: 10, createdThrough: 'api', lines: [{ sku: 'A', quantity: 4 }] });
	sandbox.addOrder({ accountId: 1, orderId: 11, createdThrough: 'marketplace', lines: [] });
});

afterEach(async () => {
	await sandbox.stop();
});

const client = () => axios.create({ baseURL: sandbox.baseUrl, validateStatus: () => true, transformResponse: (body) => body });
const deleteOrder = async (query: Record<string, unknown>): Promise<AxiosResponse<string>> =>
	await client().delete('/orders', { params: { API_KEY: KEY, accountId: 1, ...query } });

describe('Alephee sandbox', () => {
	it('204 with no body on success; revertStock gives the units back; the order stays with status 70', async () => {
		const response = await deleteOrder({ orderId: 10, revertStock: true });
		expect(response.status).toBe(204);
		expect(response.data).toBe('');
		expect(sandbox.stockOf(1, 'A')).toBe(5);
		expect(sandbox.order(1, 10)?.status).toBe(ORDER_STATUS_DELETED);
	});

	it('304 with an empty body for an order already deleted', async () => {
		await deleteOrder({ orderId: 10 });
		const response = await deleteOrder({ orderId: 10 });
		expect(response.status).toBe(304);
		expect(response.data).toBe('');
	});

	it.each([
		[{ API_KEY: 'nope', orderId: 10 }, 401],
		[{ accountId: 2, orderId: 10 }, 403],
		[{ orderId: 'x' }, 400],
		[{ orderId: 99 }, 404],
		[{ orderId: 11 }, 412],
	])('errors are JSON {Status, Message}: %p → %i', async (query, status) => {
		const response = await deleteOrder(query);
		expect(response.status).toBe(status);
		expect(response.headers['content-type']).toMatch(/application\/json/);
		const body = JSON.parse(response.data) as { Status: number; Message: string };
		expect(body.Status).toBe(status);
		expect(body.Message).toEqual(expect.any(String));
	});

	it('a scripted 500 answers a plain string', async () => {
		sandbox.failNextWith({ status: 500, body: 'Error interno' });
		const response = await deleteOrder({ orderId: 10 });
		expect(response.status).toBe(500);
		expect(response.data).toBe('Error interno');
	});

	it('every answer carries the four x-ratelimit-* headers as integers', async () => {
		for (const response of [await deleteOrder({ orderId: 10 }), await deleteOrder({ orderId: 99 })]) {
			for (const header of ['limit', 'remaining', 'reset', 'retryafter']) {
				expect(response.headers[`x-ratelimit-${header}`]).toMatch(/^-?\d+$/);
			}
			expect(response.headers['x-ratelimit-retryafter']).toBe('-1');
		}
	});

	it('GCRA per key: the burst passes, the next is refused with 429 and a retry-after, other keys are unaffected', async () => {
		sandbox.setRateLimit({ perMinute: 60, burst: 3 });
		sandbox.addKey('other-key', [1]);
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await client().get('/accounts', { params: { API_KEY: KEY } }));

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
		expect(answers[0].headers['x-ratelimit-limit']).toBe('60');
		expect(Number(answers[3].headers['x-ratelimit-retryafter'])).toBeGreaterThanOrEqual(1);
		expect(JSON.parse(answers[3].data)).toEqual({ Status: 429, Message: expect.any(String) });

		const other = await client().get('/accounts', { params: { API_KEY: 'other-key' } });
		expect(other.status).toBe(200);
	});

	it('GCRA per key and endpoint: each endpoint has its own budget and limit, the default covers the rest', async () => {
		sandbox.setRateLimit({ perMinute: 600, burst: 10 });
		sandbox.setEndpointRateLimit('GET /v2/orders', { perMinute: 60, burst: 2 });
		const listOrders = async () => await client().get('/orders', { params: { API_KEY: KEY, accountId: 1 } });

		const lists = [await listOrders(), await listOrders(), await listOrders()];
		expect(lists.map((answer) => answer.status)).toEqual([200, 200, 429]);
		expect(lists.map((answer) => answer.headers['x-ratelimit-limit'])).toEqual(['60', '60', '60']);
		expect(lists.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['1', '0', '0']);
		expect(lists[0].headers['x-ratelimit-retryafter']).toBe('-1');
		expect(Number(lists[2].headers['x-ratelimit-retryafter'])).toBeGreaterThanOrEqual(1);
		expect(sandbox.rejectedByRateLimit).toBe(1);

		// The list's budget is spent; deleting and the accounts list each have a full one of the default.
		const deleted = await deleteOrder({ orderId: 10 });
		expect(deleted.status).toBe(204);
		expect(deleted.headers['x-ratelimit-limit']).toBe('600');
		expect(deleted.headers['x-ratelimit-remaining']).toBe('9');
		const accounts = await client().get('/accounts', { params: { API_KEY: KEY } });
		expect(accounts.headers['x-ratelimit-remaining']).toBe('9');

		sandbox.setEndpointRateLimit('GET /v2/orders', undefined);
		const backToDefault = await listOrders();
		expect(backToDefault.status).toBe(200);
		expect(backToDefault.headers['x-ratelimit-limit']).toBe('600');
	});

	it('lists the accounts tied to a key', async () => {
		const response = await client().get('/accounts', { params: { API_KEY: KEY } });
		expect(JSON.parse(response.data)).toEqual([expect.objectContaining({ Id: 1, Name: expect.any(String) })]);
	});

	it('accounts as described, filtered by documentNumber; each account lists its marketplaces', async () => {
		sandbox.addKey(KEY, [1, 2, 3]);
		sandbox.addAccount(2, { name: 'Mates del Sur', businessName: 'Mates del Sur SRL', docNumber: '30-71234567-8', marketplaces: [{ id: 1, name: 'Mercado Libre' }, { id: 9, name: 'Tienda Nube' }] });
		sandbox.addAccount(3, { marketplaces: [] });
		const get = async (path: string, query: Record<string, unknown> = {}) => {
			const response = await client().get(path, { params: { API_KEY: KEY, ...query } });
			return { status: response.status, body: JSON.parse(response.data) as unknown };
		};

		expect((await get('/accounts')).body).toEqual([
			{ Id: 1, DocType: 'CUIT', DocNumber: expect.any(String), Name: expect.any(String), BusinessName: expect.any(String) },
			{ Id: 2, DocType: 'CUIT', DocNumber: '30-71234567-8', Name: 'Mates del Sur', BusinessName: 'Mates del Sur SRL' },
			{ Id: 3, DocType: 'CUIT', DocNumber: expect.any(String), Name: expect.any(String), BusinessName: expect.any(String) },
		]);
		expect((await get('/accounts', { documentNumber: '30-71234567-8' })).body).toEqual([expect.objectContaining({ Id: 2 })]);
		expect((await get('/accounts', { documentNumber: '20-1-1' })).body).toEqual([]);

		expect(await get('/accounts/2/marketplaces')).toEqual({ status: 200, body: [{ Id: 1, Name: 'Mercado Libre' }, { Id: 9, Name: 'Tienda Nube' }] });
		expect(await get('/accounts/1/marketplaces')).toEqual({ status: 200, body: [{ Id: 1, Name: 'Mercado Libre' }] });
		expect(await get('/accounts/3/marketplaces')).toEqual({ status: 200, body: [] });
		expect(await get('/accounts/4/marketplaces')).toEqual({ status: 403, body: { Status: 403, Message: expect.any(String) } });
		expect(await get('/accounts/x/marketplaces')).toEqual({ status: 400, body: { Status: 400, Message: expect.any(String) } });
	});

	it('a fault can target any endpoint: a gateway\'s HTML 502 on the order list, while DELETE answers as usual', async () => {
		const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
		sandbox.failNextWith({ endpoint: 'GET /v2/orders', status: 502, body: page, contentType: 'text/html' });
		const listOrders = async () => await client().get('/orders', { params: { API_KEY: KEY, accountId: 1 } });

		expect((await deleteOrder({ orderId: 10 })).status).toBe(204);
		const failed = await listOrders();
		expect(failed.status).toBe(502);
		expect(failed.headers['content-type']).toBe('text/html');
		expect(failed.headers['x-ratelimit-retryafter']).toBe('-1');
		expect(failed.data).toBe(page);
		expect((await listOrders()).status).toBe(200);
		expect(sandbox.requestsTo('GET /v2/orders').map((request) => request.answeredWith)).toEqual([502, 200]);
	});

	it('a fault without an endpoint is for DELETE; a hanging list leaves the client to its timeout', async () => {
		sandbox.failNextWith({ status: 500, body: 'Error interno' }, { endpoint: 'GET /v2/orders', hang: true });
		expect((await client().get('/accounts', { params: { API_KEY: KEY } })).status).toBe(200);
		await expect(client().get('/orders', { params: { API_KEY: KEY, accountId: 1 }, timeout: 300 })).rejects.toThrow(/timeout/);
		expect((await deleteOrder({ orderId: 10 })).status).toBe(500);
	});
});
