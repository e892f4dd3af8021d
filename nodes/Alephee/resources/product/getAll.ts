import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsField, returnAllFields } from '../../shared/descriptions';
import { codeListField, dateTimeField, idField, limitParameter, textField } from '../../helpers/fieldChecks';
import { type AlepheeOperation, readRequestedPages, routeThroughTransport } from '../../transport/operation';

const showOnlyForProductGetMany = { operation: ['getAll'], resource: ['product'] };

interface AlepheeProduct {
	Identification?: {
		SKU?: string;
		Brand?: { Name?: string };
		Name?: string;
		CatalogStatus?: { Key?: number; Value?: string };
	};
	Stock?: { Quantity?: number; PublishQuantity?: number };
	Price?: Array<{ Price?: number; PriceWithTaxes?: number; PriceList?: { Id?: number; Name?: string } }>;
}

/** The flat summary: the price is the chosen price list's, else the first one's. */
function simplifyProduct(raw: IDataObject, priceListId?: number): IDataObject {
	const product = raw as AlepheeProduct;
	const prices = product.Price ?? [];
	const price = prices.find((candidate) => priceListId !== undefined && candidate.PriceList?.Id === priceListId) ?? prices[0];
	return {
		sku: product.Identification?.SKU,
		brand: product.Identification?.Brand?.Name,
		name: product.Identification?.Name,
		stockQuantity: product.Stock?.Quantity,
		availableToPublish: product.Stock?.PublishQuantity,
		price: price?.Price,
		priceWithTaxes: price?.PriceWithTaxes,
		priceList: price?.PriceList?.Name,
		catalogStatus: product.Identification?.CatalogStatus?.Value,
	};
}

/** `GET /v2/products`, page by page: one output item per product. */
const productGetMany: AlepheeOperation = {
	query: {
		accountId: idField('Account ID'),
		SKU: textField('SKU', { optional: true }),
		brand: textField('Brand', { optional: true }),
		ownCode: textField('Own Code', { optional: true }),
		priceListId: idField('Price List ID', { optional: true }),
		dateUpdatedFrom: dateTimeField('Updated After'),
		types: codeListField('Product Types', [1, 2, 5, 6]),
		catalogStatus: codeListField('Catalog Statuses', [0, 1, 2, 3, 4, 5]),
	},
	parameters: limitParameter,
	identifiedBy: ['accountId'],
	words: ({ accountId }) => ({ doing: `listing products of account ${accountId}`, accountId: accountId as number }),
	async run(send, { limit, priceListId }) {
		const products = await readRequestedPages.call(this, send, limit);
		return this.getNodeParameter('simplify', true)
			? products.map((product) => simplifyProduct(product, priceListId as number | undefined))
			: products;
	},
};

export const productGetManyOption: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many products',
	description: 'List the products of an account, with their stock and prices',
	routing: routeThroughTransport({ method: 'GET', url: '/products' }, productGetMany),
};

const query = (property: string) => ({ send: { type: 'query' as const, property } });

export const productGetManyFields: INodeProperties[] = [
	...returnAllFields(showOnlyForProductGetMany),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForProductGetMany },
		options: [
			{ displayName: 'Brand', name: 'brand', type: 'string', default: '', description: 'Only products of this brand', routing: query('brand') },
			{
				displayName: 'Catalog Statuses',
				name: 'catalogStatus',
				type: 'multiOptions',
				options: [
					{ name: 'Assigned', value: 0 },
					{ name: 'Approved', value: 1 },
					{ name: 'Observed', value: 2 },
					{ name: 'Observed and Fixed', value: 3 },
					{ name: 'Observed and Rejected', value: 4 },
					{ name: 'Deleted', value: 5 },
				],
				default: [],
				description: 'Only products in these catalog statuses',
				routing: query('catalogStatus'),
			},
			{ displayName: 'Own Code', name: 'ownCode', type: 'string', default: '', description: 'Only the product with this own code', routing: query('ownCode') },
			{
				displayName: 'Price List ID',
				name: 'priceListId',
				type: 'string',
				default: '',
				description: 'Only prices of this price list; Simplify then shows its price',
				routing: query('priceListId'),
			},
			{
				displayName: 'Product Types',
				name: 'types',
				type: 'multiOptions',
				options: [
					{ name: 'Normal', value: 1 },
					{ name: 'Kit', value: 2 },
					{ name: 'Variation Child', value: 5 },
					{ name: 'Variation Parent', value: 6 },
				],
				default: [],
				description: 'Only products of these types',
				routing: query('types'),
			},
			{ displayName: 'SKU', name: 'SKU', type: 'string', default: '', description: 'Only the product with this SKU', routing: query('SKU') },
			{
				displayName: 'Updated After',
				name: 'dateUpdatedFrom',
				type: 'dateTime',
				default: '',
				description:
					"Only products updated from this date and time on. Sent to the minute in this workflow's time zone (Settings → Timezone), as Alephee's yyyy-mm-dd HH:mm.",
				routing: query('dateUpdatedFrom'),
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a flat summary of each product instead of the product as Alephee sends it',
		displayOptions: { show: showOnlyForProductGetMany },
	},
	optionsField(showOnlyForProductGetMany),
];
