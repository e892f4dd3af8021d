import type { IDataObject, IExecutePaginationFunctions, INodeProperties, INodePropertyOptions, NodeApiError } from 'n8n-workflow';

import { type AlepheeFailure, readAlepheeMessage } from '../../helpers/errorHandler';
import { optionsField } from '../../shared/descriptions';
import { BatchGatherer, callSizesId, sendInCalls } from '../../transport/batch';
import { amountField, idField, textField } from '../../helpers/fieldChecks';
import { type AlepheeOperation, routeThroughTransport, type Send } from '../../transport/operation';
import { type AlepheeCredentials, baseUrlOf, failureError } from '../../transport/request';

const showOnlyForProductUpdate = { operation: ['update'], resource: ['product'] };

/**
 * Products per call to start with: Alephee's cap is not published (a public client uses 1000).
 * Past a 413, the size that works is learned, and kept per API key for the next runs.
 */
const FIRST_BATCH_SIZE = 1000;

const UPDATE_FIELDS = {
	'updateFields.stockQuantity': amountField('Stock Quantity', { whole: true }),
	'updateFields.stockMovement': amountField('Stock Movement', { whole: true }),
	'updateFields.minPublicationQuantity': amountField('Min Publication Quantity', { whole: true }),
	'updateFields.maxPublicationQuantity': amountField('Max Publication Quantity', { whole: true }),
	'updateFields.price': amountField('Price'),
	'updateFields.priceWithTaxes': amountField('Price With Taxes'),
	'updateFields.suggestedRetailPrice': amountField('Suggested Retail Price'),
	'updateFields.cost': amountField('Cost'),
};

/** One product as `POST /v2/products` takes it: only the fields to change. */
function productBody(values: IDataObject): IDataObject {
	const field = (name: string) => values[`updateFields.${name}`];
	const only = (object: IDataObject) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
	const stock = only({
		Quantity: field('stockQuantity'),
		Movement: field('stockMovement'),
		MinPublicationQuantity: field('minPublicationQuantity'),
		MaxPublicationQuantity: field('maxPublicationQuantity'),
	});
	const price = only({
		Price: field('price'),
		PriceWithTaxes: field('priceWithTaxes'),
		SuggestedRetailPrice: field('suggestedRetailPrice'),
		Cost: field('cost'),
	});
	return only({
		Brand: values.brand,
		SKU: values.sku,
		Stock: Object.keys(stock).length ? stock : undefined,
		Price: Object.keys(price).length ? price : undefined,
	});
}

/** Alephee's batch answer: one entry per product sent. */
export interface BatchResultItem {
	ItemNumber?: number;
	ValidationLevel?: { Id?: number; Name?: string };
	KeyField?: string;
	KeyValue?: string;
	Messages?: Array<{ Level?: { Id?: number; Name?: string }; Code?: string | number; Message?: string }>;
}

interface ProductEntry {
	context: IExecutePaginationFunctions;
	send: Send;
	values: IDataObject;
	body: IDataObject;
}

const isError = (level?: { Name?: string }) => /error/i.test(level?.Name ?? '');
const sameSku = (a: unknown, b: unknown) => String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();

/** One item's outcome: the product's result, or the error for its item. Never a pending rejection. */
type Outcome = { json: IDataObject } | { error: NodeApiError };

const failed = (entry: ProductEntry, failure: AlepheeFailure): Outcome => ({
	error: failureError(entry.context.getNode(), failure, entry.context.getItemIndex()),
});

/** What Alephee said about one product. */
function productOutcome(entry: ProductEntry, result: BatchResultItem | undefined, secret: string): Outcome {
	const { sku, accountId, brand, priceListId } = entry.values;
	if (!result) {
		return failed(entry, {
			message: `Alephee sent no result for product ${sku}`,
			description: 'The product may or may not have been updated: check it in Alephee before running this item again.',
		});
	}
	const messages = (result.Messages ?? []).map((message) => readAlepheeMessage(message, secret)).filter(Boolean) as string[];
	if (isError(result.ValidationLevel) || (result.Messages ?? []).some((message) => isError(message.Level))) {
		return failed(entry, {
			message: `Alephee did not update product ${sku}`,
			description: messages.length
				? `Alephee says: ${messages.map((message) => `"${message}"`).join('; ')}`
				: 'Alephee marked the product as an error and sent no explanation.',
			alepheeMessage: messages.join(' | ') || undefined,
		});
	}
	return {
		json: {
			updated: true,
			sku,
			...(brand === undefined ? {} : { brand }),
			accountId,
			...(priceListId === undefined ? {} : { priceListId }),
			sent: entry.body,
			...(messages.length ? { warnings: messages } : {}),
		},
	};
}

/** The same failure for every item of a failed call (or a stopped execution), each with its own item index. */
function failEveryItem(entries: ProductEntry[], error: unknown): Outcome[] {
	const { message, description, httpCode, context } = error as Partial<NodeApiError>;
	const failure: AlepheeFailure = {
		message: message ?? 'The call to Alephee failed',
		description: description ?? 'The products of this call may or may not have been updated: check them in Alephee.',
		httpCode: httpCode ?? undefined,
		alepheeMessage: context?.alepheeMessage as string | undefined,
		errorCode: context?.errorCode as string | undefined,
	};
	return entries.map((entry) => failed(entry, failure));
}

/**
 * Which entry of Alephee's answer is about the product sent at `position`: the one naming its SKU
 * (`KeyValue`), else the one with its `ItemNumber`. Whether ItemNumber counts from 0 or 1 is not
 * published, so it is used only when the answer itself shows it (a 0, or the last number sent);
 * an answer that shows neither matches nothing, and the item is left uncertain, never given
 * another product's result.
 */
export function resultFor(items: BatchResultItem[], sku: unknown, position: number, sent: number): BatchResultItem | undefined {
	const bySku = items.find((item) => item.KeyValue !== undefined && item.KeyValue !== null && sameSku(item.KeyValue, sku));
	if (bySku) return bySku;
	const numbers = items.map((item) => item.ItemNumber).filter((number): number is number => Number.isInteger(number));
	const firstNumber = numbers.includes(0) ? 0 : numbers.includes(sent) ? 1 : undefined;
	if (firstNumber === undefined) return undefined;
	const byNumber = items.filter((item) => item.ItemNumber === position + firstNumber);
	// A number given twice points at two products: neither is trusted.
	if (byNumber.length !== 1) return undefined;
	const [candidate] = byNumber;
	// An entry that names another SKU is that product's, whatever its number says.
	return candidate.KeyValue === undefined || candidate.KeyValue === null || candidate.KeyValue === '' ? candidate : undefined;
}

/** Sends one call of products; each gets its own result (see `resultFor`). */
async function sendCall(entries: ProductEntry[], secret: string): Promise<Outcome[]> {
	const response = await entries[0].send({ body: entries.map((entry) => entry.body), json: true });
	const items = ((response.body as { Items?: BatchResultItem[] })?.Items ?? []) as BatchResultItem[];
	return entries.map((entry, index) => productOutcome(entry, resultFor(items, entry.values.sku, index, entries.length), secret));
}

/**
 * All the update items of one node run: one account and price list per call, never the same
 * SKU twice in a call (Alephee answers per SKU, so each answer must point at one item).
 */
async function sendAll(entries: ProductEntry[]): Promise<Outcome[]> {
	const credentials = await entries[0].context.getCredentials<AlepheeCredentials>('alepheeApi');
	const secret = credentials.apiKey;
	return await sendInCalls(entries, {
		groupOf: (entry) => `${entry.values.accountId}|${entry.values.priceListId ?? ''}`,
		clash: (a, b) => sameSku(a.values.sku, b.values.sku),
		firstSize: FIRST_BATCH_SIZE,
		callSizesId: callSizesId(secret, baseUrlOf(credentials), 'POST /products'),
		sendCall: async (call) => await sendCall(call, secret),
		failCall: failEveryItem,
	});
}

const batches = new BatchGatherer<ProductEntry, Outcome>(sendAll);

/** `POST /v2/products`: the items of a run go together, in as few calls as Alephee accepts. */
const productUpdate: AlepheeOperation = {
	query: { accountId: idField('Account ID'), priceListId: idField('Price List ID', { optional: true }) },
	parameters: { sku: textField('SKU'), brand: textField('Brand', { optional: true }), ...UPDATE_FIELDS },
	identifiedBy: ['accountId', 'sku'],
	words: ({ accountId }) => ({
		doing: `updating products of account ${accountId}`,
		accountId: accountId as number,
		uncertainOutcome: 'The products of this call may or may not have been updated',
		notDone: 'No product of this call was updated',
		statuses: {
			412: {
				message: 'Alephee could not update any product of this call',
				advice:
					'Alephee answers this when none of the products sent could be processed, for example when no SKU exists in this account. Nothing was updated: check the SKUs (and Brand, Price List ID) against Alephee.',
			},
			413: {
				message: 'Alephee refused the call as too large',
				advice: 'Even one product was too large for Alephee. Nothing was updated.',
			},
		},
	}),
	async run(send, values) {
		const sku = String(values.sku ?? '');
		if (!sku) throw failureError(this.getNode(), { message: 'SKU is not valid: it is empty', description: 'Give the product\'s SKU. Nothing was sent to Alephee.' }, this.getItemIndex());
		if (values['updateFields.stockQuantity'] !== undefined && values['updateFields.stockMovement'] !== undefined) {
			throw failureError(
				this.getNode(),
				{
					message: `Product ${sku}: give Stock Quantity or Stock Movement, not both`,
					description: 'Stock Quantity sets the stock; Stock Movement adds to it (or takes from it). Keep one of them. Nothing was sent to Alephee.',
				},
				this.getItemIndex(),
			);
		}
		const entry: ProductEntry = { context: this, send, values, body: productBody(values) };
		const outcome = await batches.join(`${this.getExecutionId()}:${this.getNode().name}`, entry);
		if ('error' in outcome) throw outcome.error;
		return [outcome.json];
	},
};

export const productUpdateOption: INodePropertyOptions = {
	name: 'Update Stock and Price',
	value: 'update',
	action: 'Update stock and price of products',
	description: 'Change the stock and prices of products; the items of a run go to Alephee together',
	routing: routeThroughTransport({ method: 'POST', url: '/products' }, productUpdate),
};

const number = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	description,
});

export const productUpdateFields: INodeProperties[] = [
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MATE-500G',
		description: 'The SKU of the product to update',
		displayOptions: { show: showOnlyForProductUpdate },
	},
	{
		displayName: 'Brand',
		name: 'brand',
		type: 'string',
		default: '',
		description: 'The product\'s brand, when the SKU alone does not identify it',
		displayOptions: { show: showOnlyForProductUpdate },
	},
	{
		displayName: 'Price List ID',
		name: 'priceListId',
		type: 'string',
		default: '',
		description: 'The price list the prices are for. Leave it empty when the account has one price list.',
		displayOptions: { show: showOnlyForProductUpdate },
		routing: { send: { type: 'query', property: 'priceListId' } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForProductUpdate },
		options: [
			number('Cost', 'cost', "The product's cost"),
			number('Max Publication Quantity', 'maxPublicationQuantity', 'The most units to publish on marketplaces'),
			number('Min Publication Quantity', 'minPublicationQuantity', 'The fewest units to publish on marketplaces'),
			number('Price', 'price', 'The price, without taxes'),
			number('Price With Taxes', 'priceWithTaxes', 'The price, taxes included'),
			number('Stock Movement', 'stockMovement', 'Units to add to the stock (negative to take away). Not together with Stock Quantity.'),
			number('Stock Quantity', 'stockQuantity', 'The stock to set. Not together with Stock Movement.'),
			number('Suggested Retail Price', 'suggestedRetailPrice', 'The suggested retail price'),
		],
	},
	optionsField(showOnlyForProductUpdate),
];
