import { runAlephee, type AlepheeCredentialData } from '../../../../../harness/engine';
import { AlepheeSandbox } from '../../../../../sandbox/alepheeSandbox';

const API_KEY = 'product-list-key-4d';
const ACCOUNT = 5200;

let sandbox: AlepheeSandbox;
let credentials: AlepheeCredentialData;

beforeEach(async () => {
	sandbox = await AlepheeSandbox.start();
	sandbox.addKey(API_KEY, [ACCOUNT]);
	sandbox.setPriceLists(ACCOUNT, [
		{ Id: 1, Name: 'Minorista' },
		{ Id: 2, Name: 'Mayorista' },
	]);
	credentials = { apiKey: API_KEY, baseUrl: sandbox.baseUrl };
});

afterEach(async () => {
	await sandbox.stop();
});

const getMany = (parameters: Record<string, unknown>) =>
	runAlephee({
		credentials,
		typeVersion: 1.1,
		parameters: { resource: 'product', operation: 'getAll', accountId: { __rl: true, mode: 'id', value: String(ACCOUNT) }, ...parameters },
	});

const listRequests = () => sandbox.requestsTo('GET /v2/products');

describe('Product → Get Many', () => {
	it('reads every page (a 206 is a partial page), one item per product, simplified with the first price list', async () => {
		for (let index = 1; index <= 130; index++) {
			sandbox.addProduct(
				{ accountId: ACCOUNT, sku: `SKU-${index}`, brand: 'Acme', name: `Mate ${index}`, prices: { 1: { Price: 100 + index, PriceWithTaxes: 121 + index }, 2: { Price: 80 } } },
				index,
			);
		}
		sandbox.setObjectCap('GET /v2/products', 60);
		const result = await getMany({ returnAll: true });

		expect(result.main).toHaveLength(130);
		expect(listRequests().map((request) => [request.query.offset, request.answeredWith])).toEqual([
			['0', 206],
			['59', 206],
			['118', 206],
		]);
		expect(result.main[4].json).toEqual({
			sku: 'SKU-5',
			brand: 'Acme',
			name: 'Mate 5',
			stockQuantity: 5,
			availableToPublish: 5,
			price: 105,
			priceWithTaxes: 126,
			priceList: 'Minorista',
			catalogStatus: 'Approved',
		});
	});

	it('sends the filters as Alephee names them; the chosen price list\'s price in the summary', async () => {
		sandbox.addProduct({ accountId: ACCOUNT, sku: 'MATE', brand: 'Acme', prices: { 1: { Price: 100 }, 2: { Price: 80 } } }, 3);
		const result = await getMany({
			filters: { SKU: 'MATE', brand: 'Acme', priceListId: '2', types: [1, 2], catalogStatus: [1], dateUpdatedFrom: '2020-01-01T00:00:00' },
		});
		expect(listRequests()[0].query).toEqual({
			API_KEY,
			accountId: String(ACCOUNT),
			SKU: 'MATE',
			brand: 'Acme',
			priceListId: '2',
			types: '1,2',
			catalogStatus: '1',
			dateUpdatedFrom: '2020-01-01 00:00',
			offset: '0',
			limit: '50',
		});
		expect(result.main.map((item) => [item.json.sku, item.json.price, item.json.priceList])).toEqual([['MATE', 80, 'Mayorista']]);
	});

	it('Simplify off: the product as Alephee sends it', async () => {
		sandbox.addProduct({ accountId: ACCOUNT, sku: 'RAW' }, 1);
		const result = await getMany({ simplify: false });
		expect(result.main[0].json).toMatchObject({ Identification: { SKU: 'RAW' }, Stock: { Quantity: 1 }, Price: [] });
	});
});
