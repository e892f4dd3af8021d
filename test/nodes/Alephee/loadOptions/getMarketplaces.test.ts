import { runLoadOptions } from '../../../../harness/engine';
import { AlepheeSandbox } from '../../../../sandbox/alepheeSandbox';

let sandbox: AlepheeSandbox;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey('marketplaces-key', [4100]);
	sandbox.addAccount(4100, { marketplaces: [{ id: 1, name: 'Mercado Libre' }, { id: 7, name: 'Tienda propia' }] });
});

afterEach(async () => {
	await sandbox.stop();
});

const marketplaces = (accountId: unknown, typeVersion = 1.1) =>
	runLoadOptions('getMarketplaces', {
		credentials: { apiKey: 'marketplaces-key', baseUrl: sandbox.baseUrl },
		typeVersion,
		parameters: { resource: 'order', operation: 'getAll', accountId },
	});

describe('the marketplace list (getMarketplaces)', () => {
	it('lists the marketplaces of the chosen account, through the transport', async () => {
		expect(await marketplaces({ __rl: true, mode: 'list', value: '4100' })).toEqual([
			{ name: 'Mercado Libre (1)', value: 1 },
			{ name: 'Tienda propia (7)', value: 7 },
		]);
		const [request] = sandbox.requests;
		expect([request.method, request.path, Object.keys(request.query)]).toEqual(['GET', '/v2/accounts/4100/marketplaces', ['API_KEY']]);
	});

	it('works with 0.1.0\'s plain Account ID too', async () => {
		expect(await marketplaces('4100', 1)).toHaveLength(2);
	});

	it('asks nothing until an account is chosen', async () => {
		expect(await marketplaces({ __rl: true, mode: 'list', value: '' })).toEqual([]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('an account not tied to the key is explained in the transport\'s words', async () => {
		await expect(marketplaces({ __rl: true, mode: 'id', value: '9999' })).rejects.toMatchObject({
			message: 'The API key is not allowed to use account 9999',
		});
	});
});
