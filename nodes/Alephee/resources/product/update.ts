import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Field, collectionOf, field } from '../../fields/field';
import { amountRule, idRule } from '../../fields/rules';
import { accountField, optionsCollection } from '../../shared/descriptions';
import { brandField, skuField } from '../../shared/product';
import type { AlepheeOperation } from '../../transport/operation';
import { productBatches, type ProductEntry } from './updateBatch';

const productSkuField = skuField('The SKU of the product to update');

const priceListField: Field = field(
	{
		displayName: 'Price List ID',
		name: 'priceListId',
		type: 'string',
		default: '',
		description: 'The price list the prices are for. Leave it empty when the account has one price list.',
	},
	idRule,
	{ query: 'priceListId', optional: true, reported: true },
);

const amount = (displayName: string, name: string, description: string, whole = false): Field =>
	field({ displayName, name, type: 'number', default: 0, description }, amountRule({ whole }), { optional: true });

const updateFields = collectionOf({ displayName: 'Update Fields', name: 'updateFields', placeholder: 'Add Field' }, [
	amount('Cost', 'cost', "The product's cost"),
	amount('Max Publication Quantity', 'maxPublicationQuantity', 'The most units to publish on marketplaces', true),
	amount('Min Publication Quantity', 'minPublicationQuantity', 'The fewest units to publish on marketplaces', true),
	amount('Price', 'price', 'The price, without taxes'),
	amount('Price With Taxes', 'priceWithTaxes', 'The price, taxes included'),
	amount('Stock Movement', 'stockMovement', 'Units to add to the stock (negative to take away). Not together with Stock Quantity.', true),
	amount('Stock Quantity', 'stockQuantity', 'The stock to set. Not together with Stock Movement.', true),
	amount('Suggested Retail Price', 'suggestedRetailPrice', 'The suggested retail price'),
]);

/** One product as `POST /v2/products` takes it: only the fields to change. */
function productBody(values: IDataObject): IDataObject {
	const only = (object: IDataObject) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
	const stock = only({
		Quantity: values.stockQuantity,
		Movement: values.stockMovement,
		MinPublicationQuantity: values.minPublicationQuantity,
		MaxPublicationQuantity: values.maxPublicationQuantity,
	});
	const price = only({
		Price: values.price,
		PriceWithTaxes: values.priceWithTaxes,
		SuggestedRetailPrice: values.suggestedRetailPrice,
		Cost: values.cost,
	});
	return only({
		Brand: values.brand,
		SKU: values.sku,
		Stock: Object.keys(stock).length ? stock : undefined,
		Price: Object.keys(price).length ? price : undefined,
	});
}

/** `POST /v2/products`: the items of a run go together, in as few calls as Alephee accepts. */
export const productUpdate: AlepheeOperation = {
	option: {
		name: 'Update Stock and Price',
		value: 'update',
		action: 'Update stock and price of products',
		description: 'Change the stock and prices of products; the items of a run go to Alephee together',
	},
	request: { method: 'POST', url: '/products' },
	parameters: [accountField, productSkuField, brandField, priceListField, updateFields, optionsCollection()],
	returns: { text: '{updated: true, accountId, sku, sent (what was sent to Alephee)}', keys: ['updated', 'accountId', 'sku', 'sent'] },
	failureWording: ({ accountId }) => ({
		inProgress: `updating products of account ${accountId}`,
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
	async perform({ send, nodeRun, values }) {
		if (values.stockQuantity !== undefined && values.stockMovement !== undefined) {
			throw new NodeOperationError(this.getNode(), `Product ${values.sku}: give Stock Quantity or Stock Movement, not both`, {
				itemIndex: this.getItemIndex(),
				description: 'Stock Quantity sets the stock; Stock Movement adds to it (or takes from it). Keep one of them. Nothing was sent to Alephee.',
			});
		}
		const entry: ProductEntry = { context: this, nodeRun, send, values, body: productBody(values) };
		const outcome = await productBatches.join(nodeRun, entry);
		if ('error' in outcome) throw outcome.error;
		return [outcome.json];
	},
};
