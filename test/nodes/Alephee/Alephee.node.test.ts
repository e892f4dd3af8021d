import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../../../harness/engine';
import { accountResource } from '../../../nodes/Alephee/resources/account';
import { orderResource } from '../../../nodes/Alephee/resources/order';
import { productResource } from '../../../nodes/Alephee/resources/product';
import { productListingResource } from '../../../nodes/Alephee/resources/productListing';

const description = async (): Promise<INodeTypeDescription> =>
	(await loadPackage()).nodeTypes.alephee.type.description as INodeTypeDescription;

describe('Alephee node, as n8n loads it from dist/', () => {
	it('is declarative: routing in the description, no execute()', async () => {
		const { nodeTypes } = await loadPackage();
		expect('execute' in nodeTypes.alephee.type).toBe(false);
		expect((await description()).requestDefaults?.baseURL).toContain('$credentials.baseUrl');
	});

	it('offers each resource\'s operations as its index lists them, sorted by name, each with its action', async () => {
		const { properties } = await description();
		const operationFields = properties.filter((property) => property.name === 'operation');
		const resources = [accountResource, orderResource, productResource, productListingResource];
		expect(operationFields.map((property) => property.displayOptions?.show?.resource)).toEqual(resources.map((resource) => [resource.value]));
		for (const [index, resource] of resources.entries()) {
			const listed = resource.operations.map(({ option }) => expect.objectContaining({ name: option.name, value: option.value, action: option.action }));
			expect(operationFields[index].options).toEqual(listed);
			const names = resource.operations.map(({ option }) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
		// What users know today, so that an operation dropped from an index does not go unnoticed.
		expect(orderResource.operations.map(({ option }) => option.value)).toEqual(
			expect.arrayContaining(['attachDocument', 'create', 'delete', 'downloadShippingLabel', 'get', 'getDocument', 'getAll', 'sendMessage', 'split', 'updateStatus']),
		);
		expect(accountResource.operations.map(({ option }) => option.value)).toEqual(expect.arrayContaining(['getAll', 'getMarketplaces', 'getStores']));
		expect(productResource.operations.map(({ option }) => option.value)).toEqual(expect.arrayContaining(['getAll', 'update']));
		expect(properties.find((property) => property.name === 'resource')?.options).toEqual([
			{ name: 'Account', value: 'account' },
			{ name: 'Order', value: 'order' },
			{ name: 'Product', value: 'product' },
			{ name: 'Product Listing', value: 'productListing' },
		]);
	});

	it('is version 1.2 for new nodes, and still runs versions 1 (0.1.0) and 1.1 as they were', async () => {
		const node = await description();
		expect(node.version).toEqual([1, 1.1, 1.2]);
		expect(node.defaultVersion).toBe(1.2);
		const accountFields = node.properties.filter((property) => property.name === 'accountId');
		// Per version, one for the Account operations about one account, one for Order and Product.
		expect(accountFields.map((field) => [field.type, field.displayOptions?.show?.['@version'], field.displayOptions?.show?.resource])).toEqual([
			['string', [1], ['account']],
			['resourceLocator', [{ _cnd: { gte: 1.1 } }], ['account']],
			['string', [1], ['order', 'product', 'productListing']],
			['resourceLocator', [{ _cnd: { gte: 1.1 } }], ['order', 'product', 'productListing']],
		]);
		// Order ID: an ID in 1 and 1.1 (as saved workflows have it), a picker from 1.2.
		const orderFields = node.properties.filter((property) => property.name === 'orderId');
		expect(orderFields.map((field) => [field.type, field.displayOptions?.show?.['@version']])).toEqual([
			['string', [1, 1.1]],
			['resourceLocator', [{ _cnd: { gte: 1.2 } }]],
		]);
		// All send the same query parameter, so a 0.1.0 workflow sends what it always sent.
		for (const field of accountFields) expect(field.routing?.send).toEqual({ type: 'query', property: 'accountId' });
	});

	it('picks accounts from a list (searchable) or by ID', async () => {
		const { nodeTypes } = await loadPackage();
		const account = (await description()).properties.find((property) => property.type === 'resourceLocator' && property.name === 'accountId');
		expect(account?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod, mode.typeOptions?.searchable])).toEqual([
			['list', 'searchAccounts', true],
			['id', undefined, undefined],
		]);
		const methods = (nodeTypes.alephee.type as { methods?: { listSearch?: object; loadOptions?: object } }).methods;
		expect(Object.keys(methods?.listSearch ?? {})).toEqual(['searchAccounts', 'searchOrders']);
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
