import { runAlephee } from '../../../../../harness/engine';
import { expectKeyNowhere, sandboxRun } from '../sandboxRun';

const API_KEY = 'marketplaces-op-key-0e';
const ACCOUNT = 4510;
const OTHER_ACCOUNT = 4511;

const run = sandboxRun({ resource: 'account', operation: 'getMarketplaces' }, API_KEY, [ACCOUNT, OTHER_ACCOUNT]);

beforeEach(() => {
	run.sandbox.addAccount(ACCOUNT, { marketplaces: [{ id: 1, name: 'Mercado Libre' }, { id: 9, name: 'Tienda Nube' }] });
	run.sandbox.addAccount(OTHER_ACCOUNT, { marketplaces: [] });
});

const marketplaceRequests = () => run.sandbox.requestsTo('GET /v2/accounts/{accountId}/marketplaces');

describe('Account → Get Marketplaces', () => {
	it('sends GET /v2/accounts/{accountId}/marketplaces, one item per marketplace as Alephee sends it', async () => {
		const result = await run.run({});

		expect(result.main).toEqual([
			{ json: { Id: 1, Name: 'Mercado Libre' }, pairedItem: { item: 0 } },
			{ json: { Id: 9, Name: 'Tienda Nube' }, pairedItem: { item: 0 } },
		]);
		const [request] = marketplaceRequests();
		expect([request.method, request.path, request.query, request.body]).toEqual([
			'GET',
			`/v2/accounts/${ACCOUNT}/marketplaces`,
			{ API_KEY, accountId: String(ACCOUNT) },
			'',
		]);
		expect(run.sandbox.requests).toHaveLength(1);
	});

	it('the account of each item, from an expression; an account with none gives no item', async () => {
		const result = await run.run(
			{ accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' } },
			{ items: [{ account: OTHER_ACCOUNT }, { account: ` ${ACCOUNT} ` }] },
		);
		expect(result.main.map((item) => [item.json.Name, item.pairedItem])).toEqual([
			['Mercado Libre', { item: 1 }],
			['Tienda Nube', { item: 1 }],
		]);
		expect(marketplaceRequests().map((request) => request.path).sort()).toEqual([
			`/v2/accounts/${ACCOUNT}/marketplaces`,
			`/v2/accounts/${OTHER_ACCOUNT}/marketplaces`,
		]);
	});

	it('node version 1 takes the plain Account ID', async () => {
		const result = await runAlephee({
			credentials: run.credentials,
			typeVersion: 1,
			parameters: { resource: 'account', operation: 'getMarketplaces', accountId: String(ACCOUNT) },
		});
		expect(result.main.map((item) => item.json.Id)).toEqual([1, 9]);
	});

	it('reads a list envelope too (the shape of this list is not documented)', async () => {
		run.sandbox.failNextWith({
			endpoint: 'GET /v2/accounts/{accountId}/marketplaces',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ Total: 1, Results: [{ Id: 1, Name: 'Mercado Libre' }] }),
		});
		expect((await run.run({})).main.map((item) => item.json)).toEqual([{ Id: 1, Name: 'Mercado Libre' }]);
	});

	it('an account not tied to the key: the transport\'s words, Alephee quoted', async () => {
		const result = await run.run({ accountId: { __rl: true, mode: 'id', value: '9999' } });
		expect(result.error?.message).toBe('The API key is not allowed to use account 9999');
		expect(result.error?.description).toContain('Alephee says: "La cuenta 9999 no está asociada a esta API_KEY."');
	});

	it.each([
		['text', 'ACME', 'Account is not valid: "ACME" is not a whole number'],
		['zero', '0', 'Account is not valid: it must be 1 or more'],
	])('refuses an Account that is %s before sending, naming the field', async (_case, value, expected) => {
		const result = await run.run({ accountId: { __rl: true, mode: 'id', value: `={{ "${value}" }}` } });
		expect(result.error?.message).toBe(expected);
		expect(result.error?.description).toMatch(/Nothing was sent to Alephee\.$/);
		expect(run.sandbox.requests).toHaveLength(0);
	});

	it('Continue On Fail, on either output: the failed item is paired, with its account on the main output', async () => {
		const parameters = { accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' } };
		const items = [{ account: 9999 }, { account: ACCOUNT }, { account: 'x' }];
		const regular = await run.run(parameters, { items, onError: 'continueRegularOutput' });
		expect(regular.main.map((item) => [item.json.Id ?? item.json.error, item.pairedItem])).toEqual([
			['The API key is not allowed to use account 9999', { item: 0 }],
			[1, { item: 1 }],
			[9, { item: 1 }],
			['Account is not valid: "x" is not a whole number', { item: 2 }],
		]);
		expect(regular.main[0].json.accountId).toBe(9999);

		const errorOutput = await run.run(parameters, { items, onError: 'continueErrorOutput' });
		expect(errorOutput.main.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(errorOutput.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
	});

	it('the API key appears nowhere in the saved run, even when Alephee quotes it back', async () => {
		await expectKeyNowhere(run, API_KEY, {}, [{}, {}], () =>
			run.sandbox.failNextWith({ endpoint: 'GET /v2/accounts/{accountId}/marketplaces', status: 500, body: `Fallo para ${API_KEY}` }),
		);
	});
});
