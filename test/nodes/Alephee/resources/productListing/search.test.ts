import { runAlephee } from '../../../../../harness/engine';
import { sandboxPerTest } from '../sandboxRun';

const API_KEY = 'listings-key-6a1';
const ACCOUNT = 8100;

const fixture = sandboxPerTest(API_KEY, [ACCOUNT]);

/** Listings 1..count in status 2 on marketplace 1 (every fifth one a variation's child of the one before). */
function seedListings(count: number, status = 2) {
	for (let id = 1; id <= count; id++) {
		fixture.sandbox.listings.add(ACCOUNT, { id, externalId: `MLA${1000 + id}`, sku: `SKU-${id}`, brand: id % 2 ? 'Acme' : 'Other', marketplaceId: 1, status, ...(id % 5 === 0 ? { parentId: id - 1 } : {}) });
	}
}

const search = (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runAlephee>[0]> = {}) =>
	runAlephee({ credentials: fixture.credentials, typeVersion: 1.2, parameters: { resource: 'productListing', operation: 'search', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters }, ...extra });

const searches = () => fixture.sandbox.requestsTo('GET /v2/productlistings/search');

describe('Product Listing → Search', () => {
	it('GET /v2/productlistings/search with the status as a number, every page, one item per listing as Alephee sends it', async () => {
		seedListings(250);
		fixture.sandbox.setObjectCap('GET /v2/productlistings/search', 80);
		const result = await search({ status: 2, returnAll: true, filters: { includeChilds: true } });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.Id)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
		expect(result.main[0].json).toEqual({ Id: 1, ExternalId: 'MLA1001', Title: 'Publicación SKU-1', PermanentLink: 'https://marketplace.example/MLA1001' });
		expect(result.main.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		for (const request of searches()) expect(request.query).toMatchObject({ accountId: String(ACCOUNT), status: '2', includeChilds: 'true' });
	});

	it('sends the filters as Alephee names them; a Limit stops early', async () => {
		seedListings(30);
		const result = await search({ status: 2, limit: 3, filters: { brand: 'Acme', sku: 'SKU-7', externalID: 'MLA1007', marketplaceId: '1' } });
		expect(result.main.map((item) => item.json.Id)).toEqual([7]);
		expect(searches()[0].query).toEqual({ API_KEY, accountId: String(ACCOUNT), status: '2', brand: 'Acme', sku: 'SKU-7', externalID: 'MLA1007', marketplaceId: '1', offset: '0', limit: '3' });
	});

	it('listings that change status during the read: every listing there all along once', async () => {
		seedListings(220);
		let answered = 0;
		fixture.sandbox.changeAfterEachAnswer('GET /v2/productlistings/search', () => {
			if (++answered === 1) for (let id = 1; id <= 40; id++) fixture.sandbox.listings.setStatus(ACCOUNT, id, 3);
		});
		const result = await search({ status: 2, returnAll: true, filters: { includeChilds: true } });
		const ids = result.main.map((item) => Number(item.json.Id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(Array.from({ length: 180 }, (_, index) => index + 41)));
	});

	it.each([
		['a status that is text', { status: '={{ "active" }}' }, 'Listing Status Code is not valid: "active" is not a whole number, 0 or more'],
		['a negative status', { status: -1 }, 'Listing Status Code is not valid: "-1" is not a whole number, 0 or more'],
		['a marketplace that is not an ID', { status: 2, filters: { marketplaceId: 'Mercado Libre' } }, 'Marketplace ID is not valid: "Mercado Libre" is not a whole number'],
	])('%s is refused before sending, naming the field', async (_case, parameters, message) => {
		const result = await search(parameters);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee\.$/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});

	it("Alephee's refusal is worded, its message quoted; with Continue On Fail, one paired error item", async () => {
		fixture.sandbox.failNextWith({ endpoint: 'GET /v2/productlistings/search', status: 412, contentType: 'application/json', body: JSON.stringify({ Status: 412, Message: 'La cuenta no tiene publicaciones.' }) });
		const result = await search({ status: 2 }, { onError: 'continueRegularOutput' });
		expect(result.main).toHaveLength(1);
		expect(String(result.main[0].json.error)).toMatch(new RegExp(`searching the listings of account ${ACCOUNT} in status 2`));
		expect(String(result.main[0].json.message)).toContain('Alephee says: "La cuenta no tiene publicaciones."');
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
	});
});
