import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../../credentials/AlepheeApi.credentials';
import { searchAccounts } from './listSearch/searchAccounts';
import { searchOrders } from './listSearch/searchOrders';
import { getMarketplaces } from './loadOptions/getMarketplaces';
import { accountResource } from './resources/account';
import { assembleResources } from './resources/assemble';
import { orderResource } from './resources/order';
import { productResource } from './resources/product';
import { productListingResource } from './resources/productListing';
import { alepheeCredentials } from './shared/descriptions';

export class Alephee implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alephee',
		name: 'alephee',
		icon: { light: 'file:alephee.svg', dark: 'file:alephee.dark.svg' },
		group: ['transform'],
		// 1.1: Account is picked from a list (1 took a plain Account ID, and still runs as it was).
		// 1.2: Order ID is picked from a list, by ID or by marketplace order number (1 and 1.1 take an ID).
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Find, create, update and delete marketplace orders, update product stock and prices, and manage listings, in Alephee (AlephCRM)',
		defaults: {
			name: 'Alephee',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: alepheeCredentials,
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: {
				Accept: 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{
						name: 'Order',
						value: 'order',
					},
					{
						name: 'Product',
						value: 'product',
					},
					{ name: 'Product Listing', value: 'productListing' },
				],
				default: 'order',
			},
			// Each operation in a file of its own; where each parameter shows is computed from them.
			...assembleResources([accountResource, orderResource, productResource, productListingResource]),
		],
	};

	methods = {
		listSearch: { searchAccounts, searchOrders },
		loadOptions: { getMarketplaces },
	};
}
