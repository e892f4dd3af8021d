/**
 * Products for `GET /v2/products` and `POST /v2/products`, in the shapes of
 * ../shared/alephee/orders-products-accounts.md. Stock lives in the sandbox's stock map (the
 * same one orders give units back to), so a product's stock and a deleted order's revert meet.
 */
import { badParameter, readInteger, readMinute } from './queryParameters';
import { readJsonList } from './requestBody';

export interface PriceList {
	Id: number;
	Name: string;
}

export interface ProductPrice {
	Price?: number;
	PriceWithTaxes?: number;
	SuggestedRetailPrice?: number;
	SalesMargin?: number;
	Cost?: number;
}

export interface SandboxProduct {
	accountId: number;
	id: number;
	sku: string;
	brand: string;
	name: string;
	ownCode: string | null;
	/** 1 normal, 2 kit, 5 variation child, 6 variation parent. */
	type: number;
	/** 0 assigned … 5 deleted. */
	catalogStatus: number;
	minPublicationQuantity: number;
	maxPublicationQuantity: number;
	/** By price list ID. */
	prices: Map<number, ProductPrice>;
	lastUpdated: Date;
}

export type NewProduct = Pick<SandboxProduct, 'accountId' | 'sku'> &
	Partial<Omit<SandboxProduct, 'accountId' | 'sku' | 'prices'>> & { prices?: Record<number, ProductPrice> };

const TYPE_NAMES: Record<number, string> = { 1: 'Normal', 2: 'Kit', 5: 'Variation child', 6: 'Variation parent' };
const CATALOG_STATUS_NAMES: Record<number, string> = {
	0: 'Assigned',
	1: 'Approved',
	2: 'Observed',
	3: 'Observed and fixed',
	4: 'Observed and rejected',
	5: 'Deleted',
};

export function newProduct(product: NewProduct, id: number, now: Date): SandboxProduct {
	return {
		id,
		brand: 'Generic',
		name: `Product ${product.sku}`,
		ownCode: null,
		type: 1,
		catalogStatus: 1,
		minPublicationQuantity: 0,
		maxPublicationQuantity: 0,
		lastUpdated: now,
		...product,
		prices: new Map(Object.entries(product.prices ?? {}).map(([list, price]) => [Number(list), price])),
	};
}

export function productAsSent(product: SandboxProduct, quantity: number, priceLists: readonly PriceList[]): Record<string, unknown> {
	return {
		Identification: {
			Id: product.id,
			SKU: product.sku,
			OwnCode: product.ownCode,
			Brand: { Id: null, Name: product.brand },
			Name: product.name,
			CatalogStatus: { Key: product.catalogStatus, Value: CATALOG_STATUS_NAMES[product.catalogStatus] },
			ProductType: { Id: product.type, Name: TYPE_NAMES[product.type] },
		},
		Stock: {
			Quantity: quantity,
			B2BQuantity: 0,
			// What "available to publish" subtracts is not documented: the stock, within the publication bounds.
			PublishQuantity: Math.max(
				product.minPublicationQuantity,
				product.maxPublicationQuantity ? Math.min(quantity, product.maxPublicationQuantity) : quantity,
			),
			MinPublicationQuantity: product.minPublicationQuantity,
			MaxPublicationQuantity: product.maxPublicationQuantity,
			Alert: { RedQty: 0, YellowQty: 0 },
		},
		Price: [...product.prices.entries()].map(([listId, price]) => ({
			...price,
			B2BDiscountRate: null,
			PriceList: { ...(priceLists.find((list) => list.Id === listId) ?? { Id: listId, Name: `List ${listId}` }), DiscountRate: 0 },
		})),
		Kits: [],
		KitComponents: [],
		Publications: [],
	};
}

const commaCodes = (query: Record<string, string>, name: string, codes: number[]): number[] | undefined => {
	const value = query[name];
	if (value === undefined) return undefined;
	const list = value.split(',').map((code) => Number(code.trim()));
	if (list.some((code) => !codes.includes(code))) throw badParameter(name, `debe ser una lista de: ${codes.join(', ')}`);
	return list;
};

/** The documented filters of `GET /v2/products`; sorting by ID, the only sort documented. */
export function listProducts(products: SandboxProduct[], query: Record<string, string>) {
	if (query.sort !== undefined && query.sort !== 'ID') throw badParameter('sort', 'debe ser ID');
	const types = commaCodes(query, 'types', [1, 2, 5, 6]);
	const statuses = commaCodes(query, 'catalogStatus', [0, 1, 2, 3, 4, 5]);
	const updatedFrom = readMinute(query, 'dateUpdatedFrom');
	const priceListId = readInteger(query, 'priceListId');
	const same = (a: string | null, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
	return products
		.filter(
			(product) =>
				same(product.sku, query.SKU) &&
				same(product.brand, query.brand) &&
				same(product.ownCode, query.ownCode) &&
				(!types || types.includes(product.type)) &&
				(!statuses || statuses.includes(product.catalogStatus)) &&
				(!updatedFrom || product.lastUpdated >= updatedFrom) &&
				(priceListId === undefined || product.prices.has(priceListId)),
		)
		.sort((a, b) => a.id - b.id);
}

/** One product of a `POST /v2/products` body: only the fields to change. */
interface ProductChange {
	Brand?: string;
	SKU?: string;
	Stock?: { Quantity?: number; Movement?: number; MinPublicationQuantity?: number; MaxPublicationQuantity?: number };
	Price?: ProductPrice;
}

export interface BatchItemResult {
	ItemNumber: number;
	ValidationLevel: { Id: number; Name: string };
	KeyField: 'SKU';
	KeyValue: string;
	Messages: Array<{ Level: { Id: number; Name: string }; Code: string; Message: string; ValidatedValue: unknown }>;
}

const LEVELS = { Ok: { Id: 0, Name: 'Ok' }, Info: { Id: 1, Name: 'Info' }, Warning: { Id: 2, Name: 'Warning' }, Error: { Id: 3, Name: 'Error' } };

export function readProductChanges(body: string): ProductChange[] {
	return readJsonList(body, 'El cuerpo debe ser una lista de productos.') as ProductChange[];
}

export interface ProductUpdateContext {
	find(sku: string, brand: string | undefined): SandboxProduct | undefined;
	stockOf(product: SandboxProduct): number;
	setStock(product: SandboxProduct, quantity: number): void;
	/** The price list the call names, or the account's only one; undefined when it must be named. */
	priceListId: number | undefined;
	now: Date;
}

/**
 * Validates and applies each product on its own: one result per product, in the order sent.
 * A product with an error changes nothing; the others are applied.
 */
export function applyProductChanges(changes: ProductChange[], context: ProductUpdateContext): BatchItemResult[] {
	return changes.map((change, index) => {
		const result = (level: keyof typeof LEVELS, messages: Array<[keyof typeof LEVELS, string, string, unknown]>): BatchItemResult => ({
			ItemNumber: index + 1,
			ValidationLevel: LEVELS[level],
			KeyField: 'SKU',
			KeyValue: change.SKU ?? '',
			Messages: messages.map(([messageLevel, code, message, value]) => ({ Level: LEVELS[messageLevel], Code: code, Message: message, ValidatedValue: value })),
		});
		if (!change.SKU) return result('Error', [['Error', 'SKU_REQUIRED', 'El SKU es obligatorio.', null]]);
		const product = context.find(change.SKU, change.Brand);
		if (!product) return result('Error', [['Error', 'SKU_NOT_FOUND', `No existe un producto con SKU ${change.SKU}.`, change.SKU]]);
		const stock = change.Stock ?? {};
		if (stock.Quantity !== undefined && stock.Movement !== undefined) {
			return result('Error', [['Error', 'STOCK_BOTH', 'No se puede informar Quantity y Movement a la vez.', stock]]);
		}
		const quantity = stock.Quantity ?? context.stockOf(product) + (stock.Movement ?? 0);
		if (quantity < 0) {
			return result('Error', [['Error', 'STOCK_NEGATIVE', `El stock resultante (${quantity}) no puede ser negativo.`, quantity]]);
		}
		if (change.Price && context.priceListId === undefined) {
			return result('Error', [['Error', 'PRICE_LIST_REQUIRED', 'La cuenta tiene más de una lista de precios: indique priceListId.', null]]);
		}
		const warnings: Array<[keyof typeof LEVELS, string, string, unknown]> = [];
		const price = { ...(context.priceListId === undefined ? {} : product.prices.get(context.priceListId)), ...change.Price };
		if (price.Price !== undefined && price.Cost !== undefined && price.Price < price.Cost) {
			warnings.push(['Warning', 'PRICE_BELOW_COST', 'El precio es menor que el costo.', price.Price]);
		}
		context.setStock(product, quantity);
		if (stock.MinPublicationQuantity !== undefined) product.minPublicationQuantity = stock.MinPublicationQuantity;
		if (stock.MaxPublicationQuantity !== undefined) product.maxPublicationQuantity = stock.MaxPublicationQuantity;
		if (change.Price && context.priceListId !== undefined) product.prices.set(context.priceListId, price);
		product.lastUpdated = context.now;
		return result(warnings.length ? 'Warning' : 'Ok', warnings);
	});
}

export function batchAnswer(results: BatchItemResult[]) {
	const count = (name: string) => results.filter((result) => result.ValidationLevel.Name === name).length;
	return {
		Quantities: { Ok: count('Ok'), Error: count('Error'), Warning: count('Warning'), Info: count('Info'), Total: results.length },
		Items: results,
	};
}
