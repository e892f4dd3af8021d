import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { collectionOf, field } from '../../fields/field';
import { codeListRule, dateTimeRule, idRule, textRule } from '../../fields/rules';
import { accountField, dateFilterProperty, optionsProperty, returnAllOrLimit, simplifyProperty } from '../../shared/descriptions';
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

const text = (displayName: string, name: string, description: string) => ({ displayName, name, type: 'string' as const, default: '', description });

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter', show: showOnlyForProductGetMany }, [
	field(text('Brand', 'brand', 'Only products of this brand'), textRule, { query: 'brand', optional: true }),
	field(
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
		},
		codeListRule([0, 1, 2, 3, 4, 5]),
		{ query: 'catalogStatus', optional: true },
	),
	field(text('Own Code', 'ownCode', 'Only the product with this own code'), textRule, { query: 'ownCode', optional: true }),
	field(text('Price List ID', 'priceListId', 'Only prices of this price list; Simplify then shows its price'), idRule, {
		query: 'priceListId',
		optional: true,
	}),
	field(
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
		},
		codeListRule([1, 2, 5, 6]),
		{ query: 'types', optional: true },
	),
	field(text('SKU', 'SKU', 'Only the product with this SKU'), textRule, { query: 'SKU', optional: true }),
	field(dateFilterProperty('Updated After', 'dateUpdatedFrom', 'Only products updated'), dateTimeRule, { query: 'dateUpdatedFrom', optional: true }),
]);

const { properties: returnAllProperties, limitField } = returnAllOrLimit(showOnlyForProductGetMany);

/** `GET /v2/products`, page by page: one output item per product. */
const productGetMany: AlepheeOperation = {
	fields: [accountField, limitField, ...filters.fields],
	failureWording: ({ accountId }) => ({ inProgress: `listing products of account ${accountId}`, accountId: accountId as number }),
	async run({ send, values: { limit, priceListId } }) {
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

export const productGetManyProperties: INodeProperties[] = [
	...returnAllProperties,
	filters.property,
	simplifyProperty('each product', showOnlyForProductGetMany),
	optionsProperty(showOnlyForProductGetMany),
];
