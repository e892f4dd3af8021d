/**
 * The node's tests are only as good as the sandbox they run against: these check, with a plain
 * HTTP client, that it answers as Alephee's documentation (../shared/alephee/) says.
 */
import axios, { type AxiosResponse } from 'axios';

import { AlepheeSandbox, ORDER_STATUS_DELETED } from './alepheeSandbox';

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

	it('lists the accounts tied to a key', async () => {
		const response = await client().get('/accounts', { params: { API_KEY: KEY } });
		expect(JSON.parse(response.data)).toEqual([expect.objectContaining({ Id: 1, Name: expect.any(String) })]);
	});
});
