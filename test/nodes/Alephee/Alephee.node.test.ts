import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../../../harness/engine';

const description = async (): Promise<INodeTypeDescription> =>
	(await loadPackage()).nodeTypes.alephee.type.description as INodeTypeDescription;

describe('Alephee node, as n8n loads it from dist/', () => {
	it('is declarative: routing in the description, no execute()', async () => {
		const { nodeTypes } = await loadPackage();
		expect('execute' in nodeTypes.alephee.type).toBe(false);
		expect((await description()).requestDefaults?.baseURL).toContain('$credentials.baseUrl');
	});

	it('offers Account → Get Many, Get Marketplaces, Get Stores; Order → Attach Document, Create, Delete, Download Shipping Label, Get, Get Document, Get Many, Send Message to Buyer, Split Cart Order, Update Status; Product → Get Many, Update Stock and Price', async () => {
		const { properties } = await description();
		const [accountOperation, orderOperation, productOperation] = properties.filter((property) => property.name === 'operation');
		expect(accountOperation.options).toEqual([
			expect.objectContaining({ name: 'Get Many', value: 'getAll', action: 'Get many accounts' }),
			expect.objectContaining({ name: 'Get Marketplaces', value: 'getMarketplaces', action: 'Get the marketplaces of an account' }),
			expect.objectContaining({ name: 'Get Stores', value: 'getStores', action: 'Get the stores of an account' }),
		]);
		expect(productOperation.options).toEqual([
			expect.objectContaining({ name: 'Get Many', value: 'getAll', action: 'Get many products' }),
			expect.objectContaining({ name: 'Update Stock and Price', value: 'update', action: 'Update stock and price of products' }),
		]);
		expect(orderOperation.options).toEqual([
			expect.objectContaining({ name: 'Attach Document', value: 'attachDocument', action: 'Attach a document to an order' }),
			expect.objectContaining({ name: 'Create', value: 'create', action: 'Create an order' }),
			expect.objectContaining({ name: 'Delete', value: 'delete', action: 'Delete an order' }),
			expect.objectContaining({ name: 'Download Shipping Label', value: 'downloadShippingLabel', action: 'Download the shipping label of an order' }),
			expect.objectContaining({ name: 'Get', value: 'get', action: 'Get an order' }),
			expect.objectContaining({ name: 'Get Document', value: 'getDocument', action: 'Get a document of an order' }),
			expect.objectContaining({ name: 'Get Many', value: 'getAll', action: 'Get many orders' }),
			expect.objectContaining({ name: 'Send Message to Buyer', value: 'sendMessage', action: 'Send a message to the buyer of an order' }),
			expect.objectContaining({ name: 'Split Cart Order', value: 'split', action: 'Split an order out of its cart' }),
			expect.objectContaining({ name: 'Update Status', value: 'updateStatus', action: 'Update the status of an order' }),
		]);
		expect(properties.find((property) => property.name === 'resource')?.options).toEqual([
			{ name: 'Account', value: 'account' },
			{ name: 'Order', value: 'order' },
			{ name: 'Product', value: 'product' },
		]);
	});

	it('is version 1.1 for new nodes, and still runs version 1 (0.1.0) as it was', async () => {
		const node = await description();
		expect(node.version).toEqual([1, 1.1]);
		expect(node.defaultVersion).toBe(1.1);
		const accountFields = node.properties.filter((property) => property.name === 'accountId');
		// Per version, one for the Account operations about one account, one for Order and Product.
		expect(accountFields.map((field) => [field.type, field.displayOptions?.show?.['@version'], field.displayOptions?.show?.resource])).toEqual([
			['string', [1], ['account']],
			['resourceLocator', [1.1], ['account']],
			['string', [1], ['order', 'product']],
			['resourceLocator', [1.1], ['order', 'product']],
		]);
		// All send the same query parameter, so a 0.1.0 workflow sends what it always sent.
		for (const field of accountFields) expect(field.routing?.send).toEqual({ type: 'query', property: 'accountId' });
	});

	it('picks accounts from a list (searchable) or by ID', async () => {
		const { nodeTypes } = await loadPackage();
		const account = (await description()).properties.find((property) => property.type === 'resourceLocator');
		expect(account?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod, mode.typeOptions?.searchable])).toEqual([
			['list', 'searchAccounts', true],
			['id', undefined, undefined],
		]);
		const methods = (nodeTypes.alephee.type as { methods?: { listSearch?: object; loadOptions?: object } }).methods;
		expect(Object.keys(methods?.listSearch ?? {})).toEqual(['searchAccounts']);
		expect(Object.keys(methods?.loadOptions ?? {})).toEqual(['getMarketplaces']);
	});

	it('keeps the parameter names saved workflows depend on', async () => {
		const names = (await description()).properties.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(['resource', 'operation', 'accountId', 'orderId', 'revertStock']));
		const revertStock = (await description()).properties.find((property) => property.name === 'revertStock');
		expect(revertStock).toMatchObject({ type: 'boolean', default: false, displayName: 'Revert Stock' });
	});

	it('explains the internal order ID and the API-created-only rule in the UI', async () => {
		const { properties } = await description();
		expect(properties.find((property) => property.name === 'orderId')?.hint).toMatch(/not the marketplace's order number/);
		expect(properties.find((property) => property.name === 'deleteNotice')?.displayName).toMatch(
			/Only orders created through the Alephee API can be deleted/,
		);
	});

	it('has what verified community nodes need: subtitle, usableAsTool, themed icons, codex', async () => {
		const node = await description();
		expect(node.subtitle).toBeTruthy();
		expect(node.usableAsTool).toBe(true);
		expect(node.iconUrl).toEqual({
			light: 'icons/n8n-nodes-alephee/dist/nodes/Alephee/alephee.svg',
			dark: 'icons/n8n-nodes-alephee/dist/nodes/Alephee/alephee.dark.svg',
		});
		for (const file of ['alephee.svg', 'alephee.dark.svg']) {
			expect(existsSync(path.join(PACKAGE_ROOT, 'dist/nodes/Alephee', file))).toBe(true);
		}
		expect(node.codex?.categories).toEqual(['Sales']);
	});
});
