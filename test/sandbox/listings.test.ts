/**
 * The sandbox's product listing search, checked with a plain HTTP client against what Alephee's
 * documentation (../shared/alephee/orders-products-accounts.md, "Product listings") says.
 */
import axios from 'axios';

import { AlepheeSandbox } from '../../sandbox/alepheeSandbox';

const KEY = 'listings-self-test';
const ACCOUNT = 12;
let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(KEY, [ACCOUNT]);
	sandbox.listings.add(ACCOUNT, { id: 1, externalId: 'MLA1', sku: 'A', brand: 'Acme', marketplaceId: 1, status: 2 });
	sandbox.listings.add(ACCOUNT, { id: 2, externalId: 'MLA2', sku: 'B', marketplaceId: 1, status: 2, parentId: 1 });
	sandbox.listings.add(ACCOUNT, { id: 3, externalId: 'MLA3', sku: 'C', marketplaceId: 7, status: 5 });
});

afterEach(async () => {
	await sandbox.stop();
});

const search = async (query: Record<string, unknown>) =>
	await axios.get(`${sandbox.baseUrl}/productlistings/search`, { params: { API_KEY: KEY, accountId: ACCOUNT, ...query }, validateStatus: () => true });

describe('sandbox: GET /v2/productlistings/search', () => {
	it('requires status (400 in Alephee\'s error shape)', async () => {
		const answer = await search({});
		expect(answer.status).toBe(400);
		expect(answer.data).toEqual({ Status: 400, Message: 'El parámetro status es obligatorio.' });
	});

	it('lists the listings in that status in the list envelope, children only when asked, with the documented filters', async () => {
		const plain = await search({ status: 2 });
		expect(plain.status).toBe(200);
		expect(plain.data).toMatchObject({ Total: 1, Paging: { Offset: 0, Total: 1 }, Results: [{ Id: 1, ExternalId: 'MLA1' }] });
		expect((await search({ status: 2, includeChilds: true })).data.Results.map((listing: { Id: number }) => listing.Id)).toEqual([1, 2]);
		expect((await search({ status: 5, marketplaceId: 7 })).data.Results.map((listing: { Id: number }) => listing.Id)).toEqual([3]);
		expect((await search({ status: 2, brand: 'acme', sku: 'a', externalID: 'mla1' })).data.Total).toBe(1);
	});

	it('answers 206 with the first part over its cap', async () => {
		sandbox.setObjectCap('GET /v2/productlistings/search', 1);
		const answer = await search({ status: 2, includeChilds: true, limit: 5 });
		expect(answer.status).toBe(206);
		expect(answer.data.Results).toHaveLength(1);
	});
});

const write = async (method: 'put' | 'post', path: string, body: unknown, query: Record<string, unknown> = {}) =>
	await axios.request({ method, url: `${sandbox.baseUrl}${path}`, data: body, params: { API_KEY: KEY, accountId: ACCOUNT, ...query }, validateStatus: () => true });

describe('sandbox: PUT /v2/productlistings/update-status', () => {
	it('requires includeKitContainers, and a list of listings', async () => {
		expect((await write('put', '/productlistings/update-status', [{ Id: 1 }])).data).toEqual({ Status: 400, Message: 'El parámetro includeKitContainers es obligatorio.' });
		expect((await write('put', '/productlistings/update-status', { Id: 1 }, { includeKitContainers: false })).status).toBe(400);
		expect((await write('put', '/productlistings/update-status', [], { includeKitContainers: false })).status).toBe(400);
		expect(sandbox.listings.statusUpdates).toEqual([]);
	});

	it('answers {Total, Results} with each entry quoted as sent, a status and a message; records each entry', async () => {
		sandbox.listings.statusResultFor = (entry) => (entry.Id === 2 ? { Status: 404, Message: 'No existe.' } : { Status: 200, Message: 'OK' });
		const answer = await write('put', '/productlistings/update-status', [{ Id: 1, Status: 3 }, { Id: 2 }], { includeKitContainers: true });
		expect(answer.status).toBe(200);
		expect(answer.data).toEqual({
			Total: 2,
			Results: [
				{ ProductListingStatus: { Id: 1, Status: 3 }, Status: 200, Message: 'OK' },
				{ ProductListingStatus: { Id: 2 }, Status: 404, Message: 'No existe.' },
			],
		});
		expect(sandbox.listings.statusUpdates).toEqual([
			{ accountId: ACCOUNT, includeKitContainers: true, entry: { Id: 1, Status: 3 } },
			{ accountId: ACCOUNT, includeKitContainers: true, entry: { Id: 2 } },
		]);
	});

	it('answers 413 over its cap, processing nothing', async () => {
		sandbox.setObjectCap('PUT /v2/productlistings/update-status', 1);
		expect((await write('put', '/productlistings/update-status', [{ Id: 1 }, { Id: 2 }], { includeKitContainers: false })).status).toBe(413);
		expect(sandbox.listings.statusUpdates).toEqual([]);
	});
});

describe('sandbox: POST /v2/productlistings/discounts', () => {
	const discount = { SKU: 'A', DiscountPercent: 10, StartDate: '2026-12-24T00:00:00Z', FinishDate: '2026-12-26T00:00:00Z' };

	it('takes a list of discounts and answers an empty 200 (Alephee does not publish its answer)', async () => {
		const answer = await write('post', '/productlistings/discounts', [discount]);
		expect([answer.status, answer.data]).toEqual([200, '']);
		expect(sandbox.listings.discounts).toEqual([{ accountId: ACCOUNT, discount }]);
	});

	it.each([
		['a percent over 100', { DiscountPercent: 120 }],
		['a percent under 0', { DiscountPercent: -1 }],
		['a date that is not UTC', { StartDate: '2026-12-24T00:00:00-03:00' }],
		['a date that is not a date-time', { FinishDate: '2026-12-26' }],
	])('refuses %s with 400, saving nothing', async (_case, change) => {
		const answer = await write('post', '/productlistings/discounts', [discount, { ...discount, ...change }]);
		expect(answer.status).toBe(400);
		expect(answer.data.Message).toMatch(/^Descuento 2: /);
		expect(sandbox.listings.discounts).toEqual([]);
	});
});
