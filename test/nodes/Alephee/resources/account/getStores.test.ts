import { expectKeyNowhere, sandboxRun } from '../sandboxRun';

const API_KEY = 'stores-key-8f2';
const ACCOUNT = 4600;

const run = sandboxRun({ resource: 'account', operation: 'getStores' }, API_KEY, [ACCOUNT]);

const day = (date: number) => new Date(Date.UTC(2025, 0, date));

beforeEach(() => {
	const stores = run.sandbox.stores;
	stores.add(ACCOUNT, { id: 3, name: 'Depósito central', isPrincipal: true, dateCreated: day(1), external: [{ id: 77, name: 'ML Centro', marketplaceId: 1 }] });
	stores.add(ACCOUNT, { id: 1, name: 'Sucursal Palermo', allowPickUpStore: true, dateCreated: day(3), accountPickup: { name: 'Palermo', sellerAccountId: 9001 } });
	stores.add(ACCOUNT, { id: 2, name: 'Sucursal Belgrano', allowPickUpStore: true, dateCreated: day(2), external: [{ id: 78, name: 'ML Belgrano', marketplaceId: 1 }] });
});

const storeRequests = () => run.sandbox.requestsTo('GET /v2/accounts/{accountId}/stores');
const names = (result: Awaited<ReturnType<typeof run.run>>) => result.main.map((item) => item.json.Name);

describe('Account → Get Stores: the request', () => {
	it('sends GET /v2/accounts/{accountId}/stores page by page, one item per store as Alephee sends it', async () => {
		const result = await run.run({});

		expect(names(result)).toEqual(['Sucursal Palermo', 'Sucursal Belgrano', 'Depósito central']);
		expect(result.main.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(result.main[0].json).toEqual({
			Id: 1,
			Name: 'Sucursal Palermo',
			BusinessName: null,
			ExternalStoreId: [],
			IntegrationCode: null,
			IsPrincipal: false,
			OpenHours: null,
			AvailabilityTimeInHours: null,
			AllowPickUpStore: true,
			AccountPickup: { Name: 'Palermo', BusinessName: null, SellerAccountID: 9001 },
			Zone: null,
			Address: null,
			DateCreated: '2025-01-03T00:00:00.000Z',
		});
		const [request] = storeRequests();
		expect([request.method, request.path, request.body]).toEqual(['GET', `/v2/accounts/${ACCOUNT}/stores`, '']);
		expect(request.query).toEqual({ API_KEY, accountId: String(ACCOUNT), offset: '0', limit: '50' });
	});

	it('sends the filters and the sort as Alephee names them', async () => {
		const result = await run.run({
			filters: { allowPickupInStores: 'true', withAccountPickup: 'false', marketplace: 1 },
			options: { sort: 'dateCreated' },
		});

		expect(names(result)).toEqual(['Sucursal Belgrano']);
		expect(storeRequests()[0].query).toEqual({
			API_KEY,
			accountId: String(ACCOUNT),
			allowPickupInStores: 'true',
			withAccountPickup: 'false',
			marketplace: '1',
			sort: 'dateCreated',
			offset: '0',
			limit: '50',
		});
	});

	it.each([
		['chosen', 'any'],
		['from an expression, in any case', '={{ " ANY " }}'],
	])('Any, %s, leaves the filter out (Alephee then lists all)', async (_case, value) => {
		const result = await run.run({ filters: { allowPickupInStores: value, withAccountPickup: value } });
		expect(names(result)).toHaveLength(3);
		expect(Object.keys(storeRequests()[0].query).sort()).toEqual(['API_KEY', 'accountId', 'limit', 'offset']);
	});

	it('true and false from an expression, as text, are sent canonically', async () => {
		const result = await run.run({ filters: { allowPickupInStores: '={{ "FALSE" }}', withAccountPickup: '={{ false }}' } });
		expect(names(result)).toEqual(['Depósito central']);
		expect(storeRequests()[0].query).toMatchObject({ allowPickupInStores: 'false', withAccountPickup: 'false' });
	});

	it('Return All reads every page (a 206 is a partial page); Limit stops at its count', async () => {
		for (let id = 10; id < 140; id++) run.sandbox.stores.add(ACCOUNT, { id, name: `Tienda ${id}`, dateCreated: day(5) });
		run.sandbox.setObjectCap('GET /v2/accounts/{accountId}/stores', 60);

		const all = await run.run({ returnAll: true });
		expect(all.main).toHaveLength(133);
		expect(storeRequests().map((request) => [request.query.offset, request.query.limit, request.answeredWith])).toEqual([
			['0', '100', 206],
			['59', '100', 206],
			['118', '100', 206],
		]);

		const some = await run.run({ limit: 4 });
		expect(some.main.map((item) => item.json.Id)).toEqual([1, 2, 3, 10]);
	});
});

describe('Account → Get Stores: refusals', () => {
	it.each([
		['Allow Pickup in Stores that is neither', { filters: { allowPickupInStores: '={{ "maybe" }}' } }, 'Allow Pickup in Stores is not valid: "maybe" is not one of any, true, false'],
		['a Marketplace that is not an ID', { filters: { marketplace: '={{ "Mercado Libre" }}' } }, 'Marketplace Name or ID is not valid: "Mercado Libre" is not a whole number'],
		['a Limit of 0', { limit: '={{ 0 }}' }, 'Limit is not valid: it must be 1 or more'],
	])('refuses %s before sending, naming the field', async (_case, parameters, expected) => {
		const result = await run.run(parameters);
		expect(result.error?.message).toBe(expected);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee\.$/);
		expect(run.sandbox.requests).toHaveLength(0);
	});

	it('a sort Alephee does not offer is passed through, and Alephee\'s refusal quoted', async () => {
		const result = await run.run({ options: { sort: '={{ "name" }}' } });
		expect(result.error?.message).toBe(`Alephee rejected the request as invalid while listing the stores of account ${ACCOUNT}`);
		expect(result.error?.description).toContain('Alephee says: "El parámetro sort debe ser ID o dateCreated."');
	});

	it('an account not tied to the key: the transport\'s words', async () => {
		const result = await run.run({ accountId: { __rl: true, mode: 'id', value: '9999' } });
		expect(result.error?.message).toBe('The API key is not allowed to use account 9999');
	});

	it('Continue On Fail, on either output: the failed item is paired, with its account on the main output', async () => {
		const parameters = { accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' }, limit: 1 };
		const items = [{ account: 9999 }, { account: ACCOUNT }];
		const regular = await run.run(parameters, { items, onError: 'continueRegularOutput' });
		expect(regular.main.map((item) => [item.json.Name ?? item.json.error, item.pairedItem])).toEqual([
			['The API key is not allowed to use account 9999', { item: 0 }],
			['Sucursal Palermo', { item: 1 }],
		]);
		expect(regular.main[0].json.accountId).toBe(9999);

		const errorOutput = await run.run(parameters, { items, onError: 'continueErrorOutput' });
		expect(errorOutput.main.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorOutput.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('the API key appears nowhere in the saved run, even when Alephee quotes it back', async () => {
		await expectKeyNowhere(run, API_KEY, {}, [{}, {}], () =>
			run.sandbox.failNextWith({ endpoint: 'GET /v2/accounts/{accountId}/stores', status: 500, body: `Fallo para ${API_KEY}` }),
		);
	});
});
