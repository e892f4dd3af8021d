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
