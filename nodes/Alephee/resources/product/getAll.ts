import type { IDataObject } from 'n8n-workflow';

import { collectionOf, type Field, filterField } from '../../fields/field';
import { codeListRule, dateTimeRule, idRule, textRule } from '../../fields/rules';
import { accountField, dateFilterProperty, optionsCollection, returnAllOrLimit, simplifyProperty, textProperty } from '../../shared/descriptions';
import type { AlepheeOperation } from '../../transport/operation';
import { readRequestedPages } from '../../transport/paging';


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


/** A filter of several codes, chosen by name and sent as Alephee's comma list. */
function codeListFilter(displayName: string, name: string, description: string, choices: Array<[string, number]>): Field {
	const options = choices.map(([choice, value]) => ({ name: choice, value }));
	return filterField({ displayName, name, type: 'multiOptions', options, default: [], description }, codeListRule(choices.map(([, value]) => value)));
}

const filters = collectionOf({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' }, [
	filterField(textProperty('Brand', 'brand', 'Only products of this brand'), textRule),
	codeListFilter('Catalog Statuses', 'catalogStatus', 'Only products in these catalog statuses', [
		['Assigned', 0],
		['Approved', 1],
		['Observed', 2],
		['Observed and Fixed', 3],
		['Observed and Rejected', 4],
		['Deleted', 5],
	]),
	filterField(textProperty('Own Code', 'ownCode', 'Only the product with this own code'), textRule),
	filterField(textProperty('Price List ID', 'priceListId', 'Only prices of this price list; Simplify then shows its price'), idRule),
	codeListFilter('Product Types', 'types', 'Only products of these types', [
		['Normal', 1],
		['Kit', 2],
		['Variation Child', 5],
		['Variation Parent', 6],
	]),
	filterField(textProperty('SKU', 'SKU', 'Only the product with this SKU'), textRule),
	filterField(dateFilterProperty('Updated After', 'dateUpdatedFrom', 'Only products updated'), dateTimeRule),
]);

const { returnAll, limitField } = returnAllOrLimit();

/** `GET /v2/products`, page by page: one output item per product. */
export const productGetMany: AlepheeOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many products',
		description: 'List the products of an account, with their stock and prices',
	},
	request: { method: 'GET', url: '/products' },
	parameters: [accountField, returnAll, limitField, filters, simplifyProperty('each product'), optionsCollection()],
	returns: { text: 'one item per product: {sku, brand, name, stockQuantity, availableToPublish, price, priceWithTaxes, priceList, catalogStatus} (Alephee\'s whole product with Simplify off)', keys: ['sku', 'brand', 'name', 'stockQuantity', 'availableToPublish', 'price', 'priceWithTaxes', 'priceList', 'catalogStatus'] },
	failureWording: ({ accountId }) => ({ inProgress: `listing products of account ${accountId}`, accountId: accountId as number }),
	async perform({ send, values: { limit, priceListId } }) {
		const products = await readRequestedPages.call(this, send, limit);
		return this.getNodeParameter('simplify', true)
			? products.map((product) => simplifyProduct(product, priceListId as number | undefined))
			: products;
	},
};
