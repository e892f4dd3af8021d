import { runAlephee } from '../../../../../harness/engine';
import { expectKeyNowhere, sandboxRun } from '../sandboxRun';

const API_KEY = 'accounts-key-61b';
const ACCOUNTS = [4501, 4502];

const run = sandboxRun({ resource: 'account', operation: 'getAll' }, API_KEY, ACCOUNTS);

beforeEach(() => {
	run.sandbox.addAccount(4501, { name: 'Mates del Sur', businessName: 'Mates del Sur SRL', docType: 'CUIT', docNumber: '30-71234567-8' });
	run.sandbox.addAccount(4502, { name: 'Yerbas', businessName: 'Yerbas SA', docType: 'CUIT', docNumber: '30-70000000-1' });
});

const accountRequests = () => run.sandbox.requestsTo('GET /v2/accounts');
const SOUTH = { Id: 4501, DocType: 'CUIT', DocNumber: '30-71234567-8', Name: 'Mates del Sur', BusinessName: 'Mates del Sur SRL' };
const YERBAS = { Id: 4502, DocType: 'CUIT', DocNumber: '30-70000000-1', Name: 'Yerbas', BusinessName: 'Yerbas SA' };

describe('Account → Get Many', () => {
	it('sends GET /v2/accounts with only the key (no account), one item per account as Alephee sends it', async () => {
		const result = await run.run({});

		expect(result.main).toEqual([
			{ json: SOUTH, pairedItem: { item: 0 } },
			{ json: YERBAS, pairedItem: { item: 0 } },
		]);
		const [request] = accountRequests();
		expect([request.method, request.path, request.query, request.body]).toEqual(['GET', '/v2/accounts', { API_KEY }, '']);
		expect(run.sandbox.requests).toHaveLength(1);
	});

	it('reads a list envelope too (the shape of this list is not documented)', async () => {
		run.sandbox.failNextWith({
			endpoint: 'GET /v2/accounts',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({ Total: 1, Paging: { Limit: 100, Offset: 0, Total: 1 }, Results: [SOUTH] }),
		});
		expect((await run.run({})).main.map((item) => item.json)).toEqual([SOUTH]);
	});

	it('each input item gets the list, paired to it; node version 1 offers it too', async () => {
		const result = await runAlephee({
			credentials: run.credentials,
			typeVersion: 1,
			parameters: { resource: 'account', operation: 'getAll' },
			items: [{}, {}],
		});
		expect(result.main.map((item) => [item.json.Id, item.pairedItem])).toEqual([
			[4501, { item: 0 }],
			[4502, { item: 0 }],
			[4501, { item: 1 }],
			[4502, { item: 1 }],
		]);
		expect(accountRequests().map((request) => request.query)).toEqual([{ API_KEY }, { API_KEY }]);
	});

	it('a key Alephee does not accept: the transport\'s words, Alephee quoted', async () => {
		run.credentials = { ...run.credentials, apiKey: 'not-a-key' };
		const result = await run.run({});
		expect(result.error?.message).toBe('Alephee did not accept the API key for this account');
		expect(result.error?.description).toContain('Alephee says: "API_KEY inválida o inexistente."');
	});

	it('Continue On Fail, on either output: the failed item is paired; nothing retried after a 500', async () => {
		run.sandbox.failNextWith({ endpoint: 'GET /v2/accounts', status: 500, body: 'Error interno' });
		const regular = await run.run({}, { items: [{}, {}], onError: 'continueRegularOutput' });
		expect(regular.main.map((item) => [item.json.Id ?? item.json.error, item.pairedItem])).toEqual([
			['Alephee had an internal error while listing the accounts of the API key', { item: 0 }],
			[4501, { item: 1 }],
			[4502, { item: 1 }],
		]);
		expect(regular.main[0].json.message).toMatch(/^Nothing was changed in Alephee \(this only reads data\): run it again\./);

		run.sandbox.failNextWith({ endpoint: 'GET /v2/accounts', status: 500, body: 'Error interno' });
		const errorOutput = await run.run({}, { items: [{}, {}], onError: 'continueErrorOutput' });
		expect(errorOutput.main.map((item) => [item.json.Id, item.pairedItem])).toEqual([
			[4501, { item: 1 }],
			[4502, { item: 1 }],
		]);
		expect(errorOutput.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('the API key appears nowhere in the saved run, even when Alephee quotes it back', async () => {
		await expectKeyNowhere(run, API_KEY, {}, [{}, {}], () =>
			run.sandbox.failNextWith({ endpoint: 'GET /v2/accounts', status: 500, body: `Fallo para ${API_KEY}` }),
		);
	});
});
